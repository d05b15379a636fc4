/**
 * kube-scheduler for the simulated cluster: `createScheduler(ctx)` gives the component; the rest
 * is what the dashboard and other tooling may read (diagnoses, queue sizes, timings) and the
 * pieces tests exercise directly (the FitError message, node sampling).
 */
export { createScheduler, type KubeScheduler, type SchedulerOptions, type SchedulerState } from './scheduler.js';
export type { AttemptResult, NodeScore, NodeVerdict, SchedulingDiagnosis } from './diagnosis.js';
export type { QueueStats } from './scheduling-queue.js';
export type { CacheSummary } from './cache.js';
export { FAST_SCHEDULER_TIMINGS, REAL_SCHEDULER_TIMINGS, schedulerTimings, type SchedulerTimings } from './timings.js';
export { fitErrorMessage, newDiagnosis, NodeToStatus, type Diagnosis } from './framework/fit-error.js';
export { numFeasibleNodesToFind } from './schedule-pod.js';
export { schedulerMachine, type SchedulerMachineEvent } from './scheduler-machine.js';
export { DEFAULT_SCHEDULER_NAME } from './types.js';
