/**
 * The etcd pane: every key under `/registry`, live, with its mod revision and version; keys that
 * changed in the last couple of simulated seconds are highlighted. Reads etcd's dashboard view
 * directly (it works while etcd is stopped: the pane then says so and shows the last keys).
 */
import React, { useMemo, useRef } from 'react';
import { Box, Text } from 'ink';
import type { PaneProps, Selection } from '../pane.js';
import { changedRecently, noteChanges, type KeySeen } from '../render/etcd-changes.js';
import { useSelectedRow } from '../hooks/use-selected-row.js';
import { Table, type TableColumn, type TableRow } from './Table.js';

/** The prefix kube-apiserver stores everything under. */
export const REGISTRY_PREFIX = '/registry';

/** Keys under `/registry` with their revisions; ↑/↓ j/k select a key when focused. */
export function EtcdPane(props: PaneProps): React.JSX.Element {
  const { cluster, width, height, focused, frame } = props;
  const seen = useRef(new Map<string, KeySeen>());
  const last = useRef<TableRow[]>([]);
  const now = cluster.clock.now();
  const rows = useMemo(() => {
    const range = cluster.etcd.range(REGISTRY_PREFIX + '/', { keysOnly: true });
    if (!range.ok) return last.current;
    noteChanges(seen.current, range.value.kvs, now);
    last.current = range.value.kvs.map((kv) => ({ key: kv.key, rev: kv.modRevision, ver: kv.version }));
    return last.current;
  }, [cluster, frame, now]);
  const selected = useSelectedRow(rows.length, focused, (i): Selection | undefined => (rows[i] === undefined ? undefined : { kind: 'etcd-key', name: String(rows[i]!.key) }), props.onSelect);
  const columns: TableColumn[] = [
    { key: 'key', header: 'KEY', color: (row) => (changedRecently(seen.current, String(row['key']), now) ? 'green' : undefined) },
    { key: 'rev', header: 'MOD REV', align: 'right', width: 8 },
    { key: 'ver', header: 'VERSION', align: 'right', width: 7 },
  ];
  const etcd = cluster.etcd;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={focused ? 'cyan' : 'gray'}>
      <Text wrap="truncate">
        <Text bold>etcd</Text> {etcd.state === 'running' ? '' : <Text color="red">STOPPED </Text>}revision {etcd.revision} · {rows.length} keys
        {etcd.compactRevision > 0 ? ` · compacted at ${etcd.compactRevision}` : ''}
      </Text>
      <Table columns={columns} rows={rows} {...(selected === undefined ? {} : { selected })} height={Math.max(1, height - 3)} width={Math.max(1, width - 2)} />
    </Box>
  );
}
