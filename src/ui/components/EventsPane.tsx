/**
 * The events pane: cluster events newest first, kubectl's LAST SEEN TYPE REASON OBJECT MESSAGE plus
 * the component that emitted each; Warnings in yellow; the namespace filter applies.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { PaneProps } from '../pane.js';
import { eventRows } from '../render/event-rows.js';
import { Table, type TableColumn, type TableRow } from './Table.js';

const warning = (row: TableRow): string | undefined => (row['type'] === 'Warning' ? 'yellow' : undefined);

const columns: TableColumn[] = [
  { key: 'lastSeen', header: 'LAST SEEN', align: 'right', width: 9 },
  { key: 'type', header: 'TYPE', width: 7, color: warning },
  { key: 'reason', header: 'REASON', color: warning },
  { key: 'object', header: 'OBJECT' },
  { key: 'component', header: 'COMPONENT' },
  { key: 'message', header: 'MESSAGE', color: warning },
];

/** Events, newest first; the pane shows the newest that fit (it has no selection of its own). */
export function EventsPane(props: PaneProps): React.JSX.Element {
  const { cluster, width, height, focused, frame, filter } = props;
  const now = cluster.clock.now();
  const tableHeight = Math.max(1, height - 3);
  const rows = useMemo(() => {
    const list = cluster.api.list('events', filter);
    return list.ok ? eventRows(list.value.items, now, filter, tableHeight - 1) : [];
  }, [cluster, frame, now, filter, tableHeight]);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={focused ? 'cyan' : 'gray'}>
      <Text wrap="truncate">
        <Text bold>Events</Text>
        {filter === '' ? ' (all namespaces)' : ` (namespace ${filter})`}
      </Text>
      <Table columns={columns} rows={rows} height={tableHeight} width={Math.max(1, width - 2)} />
    </Box>
  );
}
