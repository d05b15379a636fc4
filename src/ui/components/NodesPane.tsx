/** The Nodes pane: NAME STATUS ROLES CPU MEMORY PODS AGE, STATUS as kubectl prints it. */
import React, { useMemo } from 'react';
import type { KubeObject } from '../../api/types.js';
import type { PaneProps } from '../pane.js';
import { nodeRows, nodeStatusColor } from '../render/node-rows.js';
import { useColor } from '../hooks/use-color.js';
import { useRowCursor } from '../hooks/use-row-cursor.js';
import { PaneBox, tableHeight, tableWidth } from './PaneBox.js';
import { Table, type TableColumn } from './Table.js';
import { listItems } from '../list-items.js';

/** Nodes with their requested CPU and memory. */
export function NodesPane({ cluster, width, height, focused, frame, onSelect }: PaneProps): React.JSX.Element {
  const color = useColor();
  const rows = useMemo(() => {
    const nodes = listItems(cluster, 'nodes', '');
    const pods: KubeObject[] = listItems(cluster, 'pods', '');
    return nodeRows(nodes, pods, cluster.clock.now());
  }, [cluster, frame]);
  const columns: TableColumn[] = [
    { key: 'name', header: 'NAME' },
    { key: 'status', header: 'STATUS', color: (row) => (color ? nodeStatusColor(String(row['status'])) : undefined) },
    { key: 'roles', header: 'ROLES' },
    { key: 'cpu', header: 'CPU', width: 10 },
    { key: 'memory', header: 'MEMORY', width: 10 },
    { key: 'pods', header: 'PODS', align: 'right' },
    { key: 'age', header: 'AGE', align: 'right' },
  ];
  const selected = useRowCursor(rows.length, tableHeight(height) - 1, focused, (i) => {
    const row = rows[i];
    return row === undefined ? undefined : { kind: 'node', name: row.name };
  }, onSelect);
  return (
    <PaneBox title={`Nodes (${rows.length})`} width={width} height={height} focused={focused}>
      <Table columns={columns} rows={rows} selected={selected} height={tableHeight(height)} width={tableWidth(width)} />
    </PaneBox>
  );
}
