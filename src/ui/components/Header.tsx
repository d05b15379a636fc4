/** The header: simulated time, speed or `paused`, nodes ready/total, pods by phase, etcd, the watched folder. */
import React from 'react';
import { Box, Text } from 'ink';
import type { Cluster } from '../../cluster/cluster.js';
import type { FolderStatus } from '../folder-status.js';
import { formatElapsed, formatPodPhases, formatSpeed, nodeReadiness } from '../render/header-summary.js';
import { listItems } from '../list-items.js';
import { useColor } from '../hooks/use-color.js';

/** Props of {@link Header}. */
export interface HeaderProps {
  cluster: Cluster;
  /** Simulated time when the dashboard started (epoch ms). */
  start: number;
  folder: FolderStatus | undefined;
  width: number;
  /** Redraw counter (see useFrame). */
  frame: number;
}

/** Two lines of cluster-wide figures. */
export function Header({ cluster, start, folder, width }: HeaderProps): React.JSX.Element {
  const color = useColor();
  const nodes = nodeReadiness(listItems(cluster, 'nodes', ''));
  const pods = formatPodPhases(listItems(cluster, 'pods', ''));
  const clock = cluster.clock;
  const errors = folder?.errors().length ?? 0;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color={color ? 'cyan' : undefined}>k8s-playground</Text>
        {'  '}t+{formatElapsed(clock.now() - start)}{'  '}
        <Text color={color && clock.mode === 'paused' ? 'yellow' : undefined}>{formatSpeed(clock.mode, clock.speed)}</Text>
        {'  '}nodes {nodes.ready}/{nodes.total} Ready{'  '}pods: {pods}
      </Text>
      <Text wrap="truncate">
        etcd rev {cluster.etcd.revision}, {cluster.etcd.keyCount} keys
        {folder === undefined ? '' : `  ${folder.dir}: ${folder.files()} files, `}
        {folder === undefined ? '' : <Text color={color && errors > 0 ? 'red' : undefined}>{errors} errors</Text>}
      </Text>
    </Box>
  );
}
