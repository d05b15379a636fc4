/**
 * The details pane: the selected object as YAML (as stored), its events, and for a pod its trace
 * across components and the scheduler's verdicts (why it is Pending, or why it went where it did);
 * for an etcd key, its value and revision history. ↑/↓ j/k (PgUp/PgDn) scroll when focused.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text, useInput, useStdin } from 'ink';
import type { KubeObject } from '../../api/types.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { PaneProps, Selection } from '../pane.js';
import { eventsFor } from '../render/event-rows.js';
import { objectYaml } from '../render/object-yaml.js';
import { podTrace, traceLines } from '../render/pod-trace.js';
import { verdictLines } from '../render/scheduling-verdicts.js';
import { selectionResource } from '../render/selection-resource.js';
import { truncate } from '../render/table-layout.js';

/** Props of `DetailsPane`: a pane plus what to show. */
export type DetailsPaneProps = PaneProps & { selection: Selection };

/** One line of the details, with an optional colour. */
interface Line {
  text: string;
  color?: string;
  bold?: boolean;
}

const heading = (text: string): Line => ({ text, bold: true });

function etcdKeyLines(cluster: Cluster, key: string): Line[] {
  const lines: Line[] = [heading('Value')];
  const value = cluster.etcd.valueJson(key);
  lines.push(...(value === undefined ? ['(deleted)'] : value.split('\n')).map((text) => ({ text })));
  lines.push(heading(''), heading('History (newest first)'));
  for (const entry of [...cluster.etcd.history(key)].reverse()) {
    // A deletion is recorded as version 0 (etcd's tombstone).
    lines.push(entry.version === 0 ? { text: `rev ${entry.modRevision}  deleted`, color: 'red' } : { text: `rev ${entry.modRevision}  version ${entry.version}  created at rev ${entry.createRevision}` });
  }
  return lines;
}

function podLines(cluster: Cluster, pod: KubeObject, events: ReturnType<typeof eventsFor>): Line[] {
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const slices = cluster.api.list('endpointslices', ns);
  const stored = cluster.etcd.get(`/registry/pods/${ns}/${name}`);
  const createRevision = stored.ok ? stored.value.kv?.createRevision : undefined;
  const steps = podTrace({ pod, events, slices: slices.ok ? slices.value.items : [], ...(createRevision === undefined ? {} : { createRevision }) });
  const lines: Line[] = [heading('Trace')];
  traceLines(steps).forEach((text, i) => lines.push(steps[i]!.warning ? { text, color: 'yellow' } : { text }));
  const diagnosis = cluster.parts?.scheduler.diagnosis(ns, name);
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (diagnosis !== undefined) {
    lines.push(heading(''), heading(diagnosis.result === 'Scheduled' ? 'Scheduling' : 'Why Pending?'));
    lines.push(...verdictLines(diagnosis).map((text) => (diagnosis.result === 'Scheduled' ? { text } : { text, color: 'yellow' })));
  } else if (phase === 'Pending' && (pod['spec'] as { nodeName?: string } | undefined)?.nodeName === undefined) {
    const failed = [...events].reverse().find((e) => e.reason === 'FailedScheduling');
    lines.push(heading(''), heading('Why Pending?'), { text: failed?.message ?? 'not yet scheduled', color: 'yellow' });
  }
  return lines;
}

function detailLines(cluster: Cluster, selection: Selection): Line[] {
  if (selection.kind === 'etcd-key') return etcdKeyLines(cluster, selection.name);
  const resource = selectionResource(selection.kind);
  if (resource === undefined) return [{ text: `${selection.kind} ${selection.name}` }];
  const got = cluster.api.get(resource, selection.namespace ?? '', selection.name);
  if (!got.ok) return [{ text: got.status.message ?? `${resource} "${selection.name}" not found`, color: "red" }];
  const object = got.value;
  const all = cluster.api.list('events', selection.namespace ?? '');
  const events = all.ok ? eventsFor(all.value.items, object.kind, object.metadata.namespace ?? '', object.metadata.name ?? '') : [];
  const lines: Line[] = object.kind === 'Pod' ? podLines(cluster, object, events) : [heading('Events')];
  if (object.kind !== 'Pod') {
    if (events.length === 0) lines.push({ text: '<none>' });
    for (const e of events) lines.push({ text: `${e.type ?? ''}  ${e.reason ?? ''}  ${e.source?.component ?? ''}  ${(e.message ?? '').trim()}`, ...(e.type === 'Warning' ? { color: 'yellow' } : {}) });
  }
  lines.push(heading(''), heading('YAML'), ...objectYaml(object).map((text) => ({ text })));
  return lines;
}

/** The selected object in depth; scrolls when focused. */
export function DetailsPane(props: DetailsPaneProps): React.JSX.Element {
  const { cluster, selection, width, height, focused, frame } = props;
  const [offset, setOffset] = useState(0);
  const lines = useMemo(() => detailLines(cluster, selection), [cluster, selection.kind, selection.namespace, selection.name, frame]);
  const visible = Math.max(1, height - 3);
  const maxOffset = Math.max(0, lines.length - visible);
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      let delta = key.downArrow ? 1 : key.upArrow ? -1 : key.pageDown ? visible : key.pageUp ? -visible : 0;
      for (const ch of input) delta += ch === 'j' ? 1 : ch === 'k' ? -1 : 0;
      if (delta !== 0) setOffset((o) => Math.max(0, Math.min(maxOffset, o + delta)));
    },
    { isActive: focused && isRawModeSupported === true },
  );
  const start = Math.min(offset, maxOffset);
  const inner = Math.max(1, width - 2);
  const title = `${selection.kind} ${selection.namespace ? `${selection.namespace}/` : ''}${selection.name}`;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={focused ? 'cyan' : 'gray'}>
      <Text bold wrap="truncate">
        {truncate(`${title}${lines.length > visible ? `  [${start + 1}-${Math.min(lines.length, start + visible)}/${lines.length}]` : ''}`, inner)}
      </Text>
      {lines.slice(start, start + visible).map((line, i) => (
        <Text key={start + i} wrap="truncate" bold={line.bold === true} {...(line.color === undefined ? {} : { color: line.color })}>
          {truncate(line.text, inner) || ' '}
        </Text>
      ))}
    </Box>
  );
}
