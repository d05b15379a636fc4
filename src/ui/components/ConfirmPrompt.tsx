/** The y/n question a dangerous key asks before it acts. */
import React from 'react';
import { Text } from 'ink';
import { useColor } from '../hooks/use-color.js';

/** Props of {@link ConfirmPrompt}. */
export interface ConfirmPromptProps {
  /** What will be done: `drain node-1`. */
  question: string;
}

/** `drain node-1? (y/n)` */
export function ConfirmPrompt({ question }: ConfirmPromptProps): React.JSX.Element {
  const color = useColor();
  return (
    <Text wrap="truncate" bold color={color ? 'yellow' : undefined}>
      {question}? (y/n)
    </Text>
  );
}
