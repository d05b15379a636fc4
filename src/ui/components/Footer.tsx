/** The footer: the key table's footer commands, generated from it, and the status line above them. */
import React from 'react';
import { Box, Text } from 'ink';
import { KEY_COMMANDS, keyLabel } from '../keys.js';
import { useColor } from '../hooks/use-color.js';
import { ConfirmPrompt } from './ConfirmPrompt.js';

/** The answer of the last command, or undefined. */
export interface StatusMessage {
  ok: boolean;
  text: string;
}

/** Props of {@link Footer}. */
export interface FooterProps {
  status: StatusMessage | undefined;
  /** The namespace filter being typed, when `/` is open. */
  filterDraft: string | undefined;
  filter: string;
  /** The question of a dangerous key waiting for y/n. */
  confirm: string | undefined;
  width: number;
}

const FOOTER_TEXT = `1-6 panes  ${KEY_COMMANDS.filter((c) => c.footer === true)
  .map((c) => `${keyLabel(c.keys[0] ?? '')} ${c.label}`)
  .join('  ')}`;

/** Two lines: the status (or the filter prompt), then the keys. */
export function Footer({ status, filterDraft, filter, confirm, width }: FooterProps): React.JSX.Element {
  const color = useColor();
  const statusLine =
    confirm !== undefined ? (
      <ConfirmPrompt question={confirm} />
    ) : filterDraft !== undefined ? (
      <Text wrap="truncate">namespace (Enter: apply, empty: all, Esc: cancel): {filterDraft}█</Text>
    ) : status !== undefined ? (
      <Text wrap="truncate" color={color ? (status.ok ? 'green' : 'red') : undefined}>{status.text.split('\n').join(' ⏎ ')}</Text>
    ) : (
      <Text wrap="truncate" dimColor>{filter === '' ? 'all namespaces' : `namespace ${filter}`}</Text>
    );
  return (
    <Box flexDirection="column" width={width}>
      {statusLine}
      <Text wrap="truncate" dimColor>{FOOTER_TEXT}</Text>
    </Box>
  );
}
