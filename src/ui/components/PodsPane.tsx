/** The Pods pane: NAMESPACE NAME READY STATUS RESTARTS AGE NODE, STATUS as kubectl prints it. */
import React, { useMemo } from 'react';
import type { PaneProps } from '../pane.js';
import { podRow, podStatusColor } from '../render/pod-rows.js';
import { useColor } from '../hooks/use-color.js';
import { useRowCursor } from '../hooks/use-row-cursor.js';
import { listItems } from '../list-items.js';
import { PaneBox, tableHeight, tableWidth } from './PaneBox.js';
import { lazyRows, Table, type TableColumn, type TableRow } from './Table.js';

/** Pods of the filtered namespace (all when the filter is empty). */
export function PodsPane({ cluster, width, height, focused, frame, filter, onSelect }: PaneProps): React.JSX.Element {
  const color = useColor();
  // Only the rows on screen are built: with 10,000 pods, a row each per frame would cost tens of ms.
  const pods = useMemo(() => listItems(cluster, 'pods', filter), [cluster, frame, filter]);
  const now = cluster.clock.now();
  const rows = useMemo(() => lazyRows(pods, (pod) => podRow(pod, now) as unknown as TableRow), [pods, now]);
  const columns: TableColumn[] = [
    ...(filter === '' ? [{ key: 'namespace', header: 'NAMESPACE' }] : []),
    { key: 'name', header: 'NAME' },
    { key: 'ready', header: 'READY' },
    { key: 'status', header: 'STATUS', color: (row) => (color ? podStatusColor(String(row['status'])) : undefined) },
    { key: 'restarts', header: 'RESTARTS' },
    { key: 'age', header: 'AGE', align: 'right' },
    { key: 'node', header: 'NODE' },
  ];
  const selected = useRowCursor(rows.length, tableHeight(height) - 1, focused, (i) => {
    const pod = pods[i];
    return pod === undefined ? undefined : { kind: 'pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' };
  }, onSelect);
  return (
    <PaneBox title={`Pods${filter === '' ? '' : ` in ${filter}`} (${rows.length})`} width={width} height={height} focused={focused}>
      <Table columns={columns} rows={rows} selected={selected} height={tableHeight(height)} width={tableWidth(width)} />
    </PaneBox>
  );
}
