/**
 * Watches a manifests folder with chokidar and keeps the cluster in step with it (see
 * folder-sync.ts for what one batch does). Saves are serialised: files changed while a batch runs
 * are applied in the next one, read at that moment, so the last content wins. A file unlinked is
 * pruned only after a short window, so that an editor's delete-and-write, or a rename seen as an
 * unlink then an add, keeps its objects. This is real I/O in real time, at the edge like kubectl.
 */
import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { ApiClient } from '../apiserver/types.js';
import type { ApplyReportLine } from './apply-folder.js';
import { isManifestPath } from './manifest-files.js';
import { ManifestFolderSync, type FolderSyncOptions } from './folder-sync.js';

/** How long an unlinked file keeps its objects, waiting for the add of a move or re-write (ms). */
export const DEFAULT_MOVE_WINDOW_MS = 300;

/** Options of {@link watchManifestFolder}. */
export interface WatchManifestFolderOptions extends FolderSyncOptions {
  /** Called after each batch with its report lines. */
  onSettled?: (report: readonly ApplyReportLine[]) => void;
  moveWindowMs?: number;
}

/** A running watch of a manifests folder. */
export interface ManifestFolderWatcher {
  /** Resolves once the watch is set up and every file present at the start was applied. */
  readonly ready: Promise<void>;
  /** Resolves when no batch runs, none is queued and no unlinked file waits for its window. */
  idle(): Promise<void>;
  /** Resolves with the report of the next batch to finish. */
  settled(): Promise<readonly ApplyReportLine[]>;
  /** Each file's errors from its last apply (what a dashboard lists until they are fixed). */
  errors(): Map<string, ApplyReportLine[]>;
  /** Stops watching; resolves after the batch running (if any) has finished. */
  close(): Promise<void>;
}

/** Starts watching `dir` (it must exist); applies every manifest in it first, then each change. */
export function watchManifestFolder(api: ApiClient, dir: string, options: WatchManifestFolderOptions = {}): ManifestFolderWatcher {
  const sync = new ManifestFolderSync(api, dir, options);
  const moveWindowMs = options.moveWindowMs ?? DEFAULT_MOVE_WINDOW_MS;
  const dirty = new Set<string>();
  const unlinkTimers = new Map<string, NodeJS.Timeout>();
  let started = false;
  let closed = false;
  let draining: Promise<void> | undefined;
  let idleWaiters: (() => void)[] = [];
  let settleWaiters: ((report: readonly ApplyReportLine[]) => void)[] = [];

  const isIdle = (): boolean => started && draining === undefined && dirty.size === 0 && unlinkTimers.size === 0;
  const wakeIdle = (): void => {
    if (!isIdle() && !closed) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  };
  const settle = (report: readonly ApplyReportLine[]): void => {
    options.onSettled?.(report);
    const waiters = settleWaiters;
    settleWaiters = [];
    waiters.forEach((resolve) => resolve(report));
  };

  const drain = async (): Promise<void> => {
    while (dirty.size > 0 && !closed) {
      const batch = [...dirty].sort();
      dirty.clear();
      const { report, again } = await sync.sync(batch);
      again.forEach((file) => dirty.add(file));
      settle(report);
    }
  };
  const schedule = (): void => {
    if (!started || draining !== undefined || closed) return;
    draining = drain().finally(() => {
      draining = undefined;
      if (dirty.size > 0) schedule();
      wakeIdle();
    });
  };

  const fileOf = (path: string): string => relative(dir, path).split(sep).join('/');
  const changed = (path: string): void => {
    const file = fileOf(path);
    if (!isManifestPath(file)) return;
    const timer = unlinkTimers.get(file);
    if (timer !== undefined) clearTimeout(timer);
    unlinkTimers.delete(file);
    dirty.add(file);
    schedule();
  };
  const unlinked = (file: string): void => {
    const previous = unlinkTimers.get(file);
    if (previous !== undefined) clearTimeout(previous);
    unlinkTimers.set(
      file,
      setTimeout(() => {
        unlinkTimers.delete(file);
        dirty.add(file);
        schedule();
        wakeIdle();
      }, moveWindowMs),
    );
  };

  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: true,
    ignored: (path, stats) => {
      const file = fileOf(path);
      if (file === '' || file.startsWith('..')) return false;
      if (file.split('/').some((part) => part.startsWith('.') || part === 'node_modules')) return true;
      return stats?.isFile() === true && !isManifestPath(file);
    },
    awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 },
  });
  watcher.on('add', changed);
  watcher.on('change', changed);
  watcher.on('unlink', (path) => {
    const file = fileOf(path);
    if (isManifestPath(file)) unlinked(file);
  });
  watcher.on('unlinkDir', (path) => {
    const prefix = `${fileOf(path)}/`;
    for (const file of sync.knownFiles()) if (file.startsWith(prefix)) unlinked(file);
  });
  watcher.on('error', (error) => {
    options.onReport?.({ ok: false, file: dir, text: `error watching ${dir}: ${(error as Error).message}` });
  });

  const ready = new Promise<void>((resolve) => {
    watcher.once('ready', () => {
      void sync.syncAll().then(({ report, again }) => {
        again.forEach((file) => dirty.add(file));
        settle(report);
        started = true;
        schedule();
        wakeIdle();
        resolve();
      });
    });
  });

  return {
    ready,
    idle: () => (isIdle() || closed ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    settled: () => new Promise((resolve) => settleWaiters.push(resolve)),
    errors: () => sync.errors(),
    close: async () => {
      closed = true;
      unlinkTimers.forEach((timer) => clearTimeout(timer));
      unlinkTimers.clear();
      await watcher.close();
      await draining;
      wakeIdle();
    },
  };
}

/** Applies every manifest in `dir` once, through the same code as the watcher (for `--until-settled` and `--for`). */
export async function applyManifestFolderOnce(api: ApiClient, dir: string, options: FolderSyncOptions = {}): Promise<ApplyReportLine[]> {
  return (await new ManifestFolderSync(api, dir, options).syncAll()).report;
}
