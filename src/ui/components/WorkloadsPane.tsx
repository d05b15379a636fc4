/** The Workloads pane: Deployments, ReplicaSets, DaemonSets, StatefulSets and Jobs in one table. */
import React, { useMemo } from 'react';
import type { KubeObject } from '../../api/types.js';
import type { PaneProps } from '../pane.js';
import { readyColor, WORKLOAD_KINDS, workloadRows } from '../render/workload-rows.js';
import { useColor } from '../hooks/use-color.js';
import { useRowCursor } from '../hooks/use-row-cursor.js';
import { listItems } from '../list-items.js';
import { PaneBox, tableHeight, tableWidth } from './PaneBox.js';
import { Table, type TableColumn } from './Table.js';

/** Workloads of the filtered namespace; the selection's kind is the lower-case kind (`deployment`). */
export function WorkloadsPane({ cluster, width, height, focused, frame, filter, onSelect }: PaneProps): React.JSX.Element {
  const color = useColor();
  const rows = useMemo(() => {
    const byKind = new Map<string, KubeObject[]>(WORKLOAD_KINDS.map(({ kind, resource }) => [kind, listItems(cluster, resource, filter)]));
    return workloadRows(byKind, cluster.clock.now());
  }, [cluster, frame, filter]);
  const columns: TableColumn[] = [
    { key: 'kind', header: 'KIND' },
    ...(filter === '' ? [{ key: 'namespace', header: 'NAMESPACE' }] : []),
    { key: 'name', header: 'NAME' },
    { key: 'ready', header: 'READY', color: (row) => (color ? readyColor(String(row['ready'])) : undefined) },
    { key: 'status', header: 'STATUS' },
    { key: 'age', header: 'AGE', align: 'right' },
  ];
  const selected = useRowCursor(rows.length, tableHeight(height) - 1, focused, (i) => {
    const row = rows[i];
    return row === undefined ? undefined : { kind: row.kind.toLowerCase(), namespace: row.namespace, name: row.name };
  }, onSelect);
  return (
    <PaneBox title={`Workloads${filter === '' ? '' : ` in ${filter}`} (${rows.length})`} width={width} height={height} focused={focused}>
      <Table columns={columns} rows={rows} selected={selected} height={tableHeight(height)} width={tableWidth(width)} />
    </PaneBox>
  );
}
