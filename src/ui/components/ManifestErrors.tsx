/** The errors of the watched folder's files, until they are fixed: one line each, as many as fit. */
import React from 'react';
import { Box, Text } from 'ink';
import type { ManifestError } from '../folder-status.js';
import { useColor } from '../hooks/use-color.js';

/** Props of {@link ManifestErrors}. */
export interface ManifestErrorsProps {
  errors: readonly ManifestError[];
  width: number;
  /** Most lines to use. */
  maxLines: number;
}

/** Nothing when there are no errors. */
export function ManifestErrors({ errors, width, maxLines }: ManifestErrorsProps): React.JSX.Element | null {
  const color = useColor();
  if (errors.length === 0 || maxLines <= 0) return null;
  const shown = errors.length > maxLines ? errors.slice(0, maxLines - 1) : errors;
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((e, i) => (
        <Text key={i} wrap="truncate" color={color ? 'red' : undefined}>{e.text.split('\n')[0]}</Text>
      ))}
      {shown.length < errors.length ? <Text dimColor>… {errors.length - shown.length} more manifest errors</Text> : null}
    </Box>
  );
}
