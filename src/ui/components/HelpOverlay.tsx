/** The `?` help: every key of the key table with its help line; dangerous keys are marked. */
import React from 'react';
import { Box, Text } from 'ink';
import { KEY_COMMANDS, keyLabel } from '../keys.js';

/** Props of {@link HelpOverlay}. */
export interface HelpOverlayProps {
  width: number;
  height: number;
}

/** The key table as a two-column list, cut to the height (the table is short enough for 24 rows at 2 columns). */
export function HelpOverlay({ width, height }: HelpOverlayProps): React.JSX.Element {
  const lines = KEY_COMMANDS.filter((c) => !c.id.startsWith('pane.') || c.id === 'pane.next').map(
    (c) => `${c.keys.map(keyLabel).join('/').padEnd(9)} ${c.help}${c.dangerous === true ? ' (asks y/n)' : ''}`,
  );
  lines.unshift(`${'1-6'.padEnd(9)} Nodes, Pods, Workloads, Services, etcd, Events`);
  const rows = Math.max(1, height - 3);
  const twoColumns = lines.length > rows && width >= 100;
  const columnWidth = twoColumns ? Math.floor((width - 2) / 2) : width - 2;
  const left = twoColumns ? lines.slice(0, Math.ceil(lines.length / 2)) : lines.slice(0, rows);
  const right = twoColumns ? lines.slice(Math.ceil(lines.length / 2)) : [];
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round">
      <Text bold>Keys (Esc or ? closes)</Text>
      <Box>
        <Box flexDirection="column" width={columnWidth}>
          {left.slice(0, rows).map((line) => (
            <Text key={line} wrap="truncate">{line}</Text>
          ))}
        </Box>
        {twoColumns ? (
          <Box flexDirection="column" width={columnWidth}>
            {right.slice(0, rows).map((line) => (
              <Text key={line} wrap="truncate">{line}</Text>
            ))}
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}
