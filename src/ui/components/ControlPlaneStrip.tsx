/** One line of control-plane components and node agents with their machine states, coloured; the component `s` acts on is underlined. */
import React from 'react';
import { Text } from 'ink';
import type { Cluster } from '../../cluster/cluster.js';
import { stripEntries, toneColor } from '../render/control-plane.js';
import { useColor } from '../hooks/use-color.js';

/** Props of {@link ControlPlaneStrip}. */
export interface ControlPlaneStripProps {
  cluster: Cluster;
  /** The component selected with ←/→. */
  component: string | undefined;
  width: number;
  frame: number;
}

/** `etcd running · kube-apiserver running · kube-scheduler idle q0/0/0 · …` */
export function ControlPlaneStrip({ cluster, component }: ControlPlaneStripProps): React.JSX.Element {
  const color = useColor();
  const entries = stripEntries(
    cluster.components().map((c) => ({ name: c.name, state: c.state })),
    cluster.parts?.scheduler.queueStats(),
  );
  return (
    <Text wrap="wrap">
      {entries.map((entry, i) => (
        <Text key={entry.label}>
          {i === 0 ? '' : ' · '}
          <Text underline={entry.component !== undefined && entry.component === component} bold={entry.component === component}>
            {entry.label}
          </Text>{' '}
          <Text color={toneColor(entry.tone, color)}>{entry.state}</Text>
        </Text>
      ))}
    </Text>
  );
}
