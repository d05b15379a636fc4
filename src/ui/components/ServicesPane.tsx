/** The Services pane: NAME TYPE CLUSTER-IP EXTERNAL-IP PORTS ENDPOINTS AGE. */
import React, { useMemo } from 'react';
import type { PaneProps } from '../pane.js';
import { serviceRows } from '../render/service-rows.js';
import { useRowCursor } from '../hooks/use-row-cursor.js';
import { listItems } from '../list-items.js';
import { PaneBox, tableHeight, tableWidth } from './PaneBox.js';
import { Table, type TableColumn } from './Table.js';

/** Services of the filtered namespace with their endpoints. */
export function ServicesPane({ cluster, width, height, focused, frame, filter, onSelect }: PaneProps): React.JSX.Element {
  const rows = useMemo(
    () => serviceRows(listItems(cluster, 'services', filter), listItems(cluster, 'endpoints', filter), cluster.clock.now()),
    [cluster, frame, filter],
  );
  const columns: TableColumn[] = [
    ...(filter === '' ? [{ key: 'namespace', header: 'NAMESPACE' }] : []),
    { key: 'name', header: 'NAME' },
    { key: 'type', header: 'TYPE' },
    { key: 'clusterIP', header: 'CLUSTER-IP' },
    { key: 'externalIP', header: 'EXTERNAL-IP' },
    { key: 'ports', header: 'PORT(S)' },
    { key: 'endpoints', header: 'ENDPOINTS' },
    { key: 'age', header: 'AGE', align: 'right' },
  ];
  const selected = useRowCursor(rows.length, tableHeight(height) - 1, focused, (i) => {
    const row = rows[i];
    return row === undefined ? undefined : { kind: 'service', namespace: row.namespace, name: row.name };
  }, onSelect);
  return (
    <PaneBox title={`Services${filter === '' ? '' : ` in ${filter}`} (${rows.length})`} width={width} height={height} focused={focused}>
      <Table columns={columns} rows={rows} selected={selected} height={tableHeight(height)} width={tableWidth(width)} />
    </PaneBox>
  );
}
