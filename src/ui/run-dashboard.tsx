/**
 * Starts the dashboard on the terminal: ink renders {@link App} at most `maxFps` times a second and
 * resolves when the user quits (q, Ctrl-C) or the process is asked to stop (SIGINT, SIGTERM).
 */
import React from 'react';
import { render } from 'ink';
import type { Cluster } from '../cluster/cluster.js';
import type { FolderStatus } from './folder-status.js';
import { App } from './App.js';

/** Options of {@link runDashboard}. */
export interface DashboardOptions {
  cluster: Cluster;
  folder?: FolderStatus;
  /** Default 15. */
  maxFps?: number;
}

/** Renders the dashboard until the user quits; the caller then stops the cluster. */
export async function runDashboard({ cluster, folder, maxFps = 15 }: DashboardOptions): Promise<void> {
  const instance = render(<App cluster={cluster} folder={folder} maxFps={maxFps} />, { exitOnCtrlC: false, maxFps, patchConsole: true });
  // Without raw mode (stdin not a terminal) Ctrl-C arrives as a signal.
  const stop = (): void => instance.unmount();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
