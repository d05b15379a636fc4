/** The frame of a resource pane: a rounded border with the pane's title and row count. */
import React from 'react';
import { Box, Text } from 'ink';

/** Props of {@link PaneBox}. */
export interface PaneBoxProps {
  title: string;
  width: number;
  height: number;
  focused: boolean;
  children?: React.ReactNode;
}

/** A bordered box of exactly `width` × `height`. */
export function PaneBox({ title, width, height, focused, children }: PaneBoxProps): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderDimColor={!focused} paddingX={0}>
      <Text bold wrap="truncate">
        {title}
      </Text>
      {children}
    </Box>
  );
}

/** Lines a table may use inside a {@link PaneBox} (border and title taken away). */
export function tableHeight(height: number): number {
  return Math.max(1, height - 3);
}

/** Columns a table may use inside a {@link PaneBox}. */
export function tableWidth(width: number): number {
  return Math.max(10, width - 2);
}
