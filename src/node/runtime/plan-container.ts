/**
 * `planContainer`: what a started container does by itself, from its simulated process with the
 * pod's playground annotations applied on top (`crash-after`, `exit-code`, `oom-after`,
 * `crash-times`, `shutdown-after`).
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import { playgroundAnnotation, playgroundDuration, playgroundInteger } from './annotations.js';
import type { ContainerProcess } from './container-process.js';
import type { ContainerRunPlan } from './types.js';

interface Exit {
  atMs: number;
  code: number;
  oomKilled: boolean;
  message: string | undefined;
}

/** The exit the annotations ask for, given the process's own exit (if any). */
function annotatedExit(pod: KubeObject, name: string, restartCount: number, own: Exit | undefined): Exit | undefined {
  const crashTimes = playgroundInteger(pod, name, 'crash-times');
  if (crashTimes !== undefined && restartCount >= crashTimes) return own;
  let exit = own;
  const crashAfter = playgroundDuration(pod, name, 'crash-after');
  if (crashAfter !== undefined && (exit === undefined || crashAfter < exit.atMs)) {
    exit = { atMs: crashAfter, code: 1, oomKilled: false, message: undefined };
  }
  const exitCode = playgroundInteger(pod, name, 'exit-code');
  if (exitCode !== undefined) {
    if (exit === undefined) exit = { atMs: 0, code: exitCode, oomKilled: false, message: undefined };
    else if (!exit.oomKilled) exit = { ...exit, code: exitCode };
  }
  const oomAfter = playgroundDuration(pod, name, 'oom-after');
  if (oomAfter !== undefined && (exit === undefined || oomAfter < exit.atMs)) {
    exit = { atMs: oomAfter, code: 137, oomKilled: true, message: undefined };
  }
  return exit;
}

/** How long the container takes to exit after SIGTERM (undefined: it ignores SIGTERM). */
function stopAfterSigterm(pod: KubeObject, name: string, process: ContainerProcess): number | undefined {
  const shutdown = playgroundAnnotation(pod, name, 'shutdown-after');
  if (shutdown?.trim().toLowerCase() === 'never') return undefined;
  const shutdownMs = playgroundDuration(pod, name, 'shutdown-after');
  if (shutdownMs !== undefined) return shutdownMs;
  return process.sigterm === 'ignores' ? undefined : process.sigterm;
}

/** The run plan of `container` (its spec entry) in `pod`, on its `restartCount`-th restart. */
export function planContainerRun(pod: KubeObject, container: JsonObject, restartCount: number, process: ContainerProcess): ContainerRunPlan {
  if (process.startError !== undefined) {
    return { exitAfterMs: 0, exitCode: 128, reason: 'Error', message: process.startError, startError: process.startError, stopAfterSigtermMs: 0 };
  }
  const name = typeof container['name'] === 'string' ? container['name'] : '';
  const own = process.exit && { atMs: process.exit.atMs, code: process.exit.code, oomKilled: process.exit.oomKilled, message: process.terminationMessage };
  const exit = annotatedExit(pod, name, restartCount, own);
  const plan: ContainerRunPlan = {};
  const stopAfterSigtermMs = stopAfterSigterm(pod, name, process);
  if (stopAfterSigtermMs !== undefined) plan.stopAfterSigtermMs = stopAfterSigtermMs;
  if (process.log !== '') plan.log = process.log;
  if (process.output !== undefined) plan.output = process.output;
  if (exit === undefined) return plan;
  plan.exitAfterMs = exit.atMs;
  plan.exitCode = exit.code;
  plan.reason = exit.oomKilled ? 'OOMKilled' : exit.code === 0 ? 'Completed' : 'Error';
  if (exit.message !== undefined) plan.message = exit.message;
  return plan;
}
