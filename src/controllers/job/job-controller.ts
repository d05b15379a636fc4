/**
 * The Job controller (pkg/controller/job): runs a Job's pods to completion. Job events sync at once,
 * pod events are batched into a sync a second later (syncJobBatchPeriod); a second queue strips the
 * tracking finalizer from pods whose Job is gone or finished.
 */
import type { KubeObject } from '../../api/types.js';
import { isEmptySelector, labelSelectorAsSelector, matches } from '../../api/label-selector.js';
import { parseTime } from '../../api/time.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import { getControllerOf, POD_CONTROLLER_UID_INDEX, podControllerUidIndexFunc } from '../../client/index-funcs.js';
import { ItemExponentialFailureRateLimiter } from '../../client/rate-limiter.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import { RateLimitingQueue, type SyncResult } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { HandlerRegistrations } from '../common/handler-registrations.js';
import { ControllerExpectations } from '../common/expectations.js';
import { informerWithIndexers } from '../common/informer-indexers.js';
import { isControlledBy, resolveControllerRef } from '../common/owner-references.js';
import { PodControl } from '../common/pod-control.js';
import { claimPodsForOwner } from '../common/pods-for-owner.js';
import { BackoffStore } from './backoff-store.js';
import { isJobFinished } from './conditions.js';
import { FinalizerExpectations } from './finalizer-expectations.js';
import { hasJobTrackingFinalizer, removeTrackingFinalizerPatch } from './job-pods.js';
import type { JobDeps } from './sync-context.js';
import { syncJob } from './sync-job.js';
import { JOB_API_BACKOFF_MS, POD_FAILURE_BACKOFF, SYNC_JOB_BATCH_PERIOD_MS } from './timings.js';
import type { Job, JobPod } from './types.js';

/** The event source of the Job controller. */
export const JOB_CONTROLLER_COMPONENT = 'job-controller';
/** batch.JobControllerName: the `spec.managedBy` value this controller owns. */
export const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';

/** The Job controller. */
export class JobController implements Controller {
  readonly name = 'job';
  private readonly handlers = new HandlerRegistrations();
  private readonly queue: RateLimitingQueue;
  private readonly orphanQueue: RateLimitingQueue;
  private readonly jobLister: Lister<Job>;
  private readonly podLister: Lister<JobPod>;
  private readonly recorder: EventRecorder;
  private readonly deps: JobDeps;

  constructor(private readonly ctx: ControllerContext) {
    const limiter = () => new ItemExponentialFailureRateLimiter(JOB_API_BACKOFF_MS.initial, JOB_API_BACKOFF_MS.max);
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'job', rateLimiter: limiter() });
    this.orphanQueue = new RateLimitingQueue(ctx.clock, { name: 'job_orphan_pod', rateLimiter: limiter() });
    this.recorder = ctx.recorder(JOB_CONTROLLER_COMPONENT);
    this.deps = {
      api: ctx.api,
      clock: ctx.clock,
      recorder: this.recorder,
      podControl: new PodControl(ctx.api, this.recorder),
      expectations: new ControllerExpectations(ctx.clock),
      finalizerExpectations: new FinalizerExpectations(),
      backoffStore: new BackoffStore(),
      podFailureBackoff: POD_FAILURE_BACKOFF[ctx.profile],
    };
    const jobInformer = ctx.informers.informer<Job>('jobs');
    const podInformer = informerWithIndexers<JobPod>(ctx.informers, 'pods', { [POD_CONTROLLER_UID_INDEX]: podControllerUidIndexFunc });
    this.jobLister = jobInformer.lister;
    this.podLister = podInformer.lister;
    this.handlers.add(jobInformer, {
      onAdd: (job) => this.queue.add(metaNamespaceKeyFunc(job)),
      onUpdate: (old, cur) => this.updateJob(old, cur),
      onDelete: (job) => {
        this.queue.add(metaNamespaceKeyFunc(job));
        this.cleanupPodFinalizers(job);
      },
    });
    this.handlers.add(podInformer, {
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (pod) => this.deletePod(pod, true),
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key));
    this.orphanQueue.run((key) => this.syncOrphanPod(key));
  }

  stop(): void {
    this.handlers.removeAll();
    this.queue.shutDown();
    this.orphanQueue.shutDown();
  }

  queues() {
    return [this.queue.metrics(), this.orphanQueue.metrics()];
  }

  private enqueueBatched(job: Readonly<KubeObject>): void {
    this.queue.addAfter(metaNamespaceKeyFunc(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  private resolve(pod: Readonly<KubeObject>): Job | undefined {
    return resolveControllerRef(pod, 'Job', (ns, name) => this.jobLister.get(ns, name));
  }

  private enqueueSelecting(pod: Readonly<KubeObject>): void {
    for (const job of this.jobLister.listNamespace(pod.metadata.namespace ?? '')) {
      const selector = labelSelectorAsSelector(job.spec?.selector);
      if (selector.ok && !isEmptySelector(selector.value) && matches(selector.value, pod.metadata.labels)) this.enqueueBatched(job);
    }
  }

  private updateJob(old: Job, cur: Job): void {
    const key = metaNamespaceKeyFunc(cur);
    if (cur.metadata.generation === old.metadata.generation) this.queue.addAfter(key, SYNC_JOB_BATCH_PERIOD_MS);
    else this.queue.add(key);
    if (isJobFinished(cur)) this.cleanupPodFinalizers(cur);
    const start = parseTime(cur.status?.startTime);
    const deadline = cur.spec?.activeDeadlineSeconds;
    if (start !== undefined && deadline != null && old.spec?.activeDeadlineSeconds !== deadline) {
      this.queue.addAfter(key, deadline * 1000 - (this.ctx.clock.now() - start));
    }
  }

  private addPod(pod: JobPod): void {
    if (pod.metadata.deletionTimestamp != null) return this.deletePod(pod, false);
    if (getControllerOf(pod) !== undefined) {
      const job = this.resolve(pod);
      if (job === undefined) return;
      this.deps.expectations.creationObserved(metaNamespaceKeyFunc(job));
      return this.enqueueBatched(job);
    }
    if (hasJobTrackingFinalizer(pod)) this.orphanQueue.add(metaNamespaceKeyFunc(pod));
    this.enqueueSelecting(pod);
  }

  private updatePod(old: JobPod, cur: JobPod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    if (cur.metadata.deletionTimestamp != null) return this.deletePod(cur, false);
    const finalizerRemoved = !hasJobTrackingFinalizer(cur);
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    const observe = (job: Job): void => {
      if (finalizerRemoved) this.deps.finalizerExpectations.observed(metaNamespaceKeyFunc(job), cur.metadata.uid ?? '');
      this.enqueueBatched(job);
    };
    if (oldRef !== undefined && oldRef.uid !== curRef?.uid) {
      const oldJob = this.resolve(old);
      if (oldJob !== undefined) observe(oldJob);
    }
    if (curRef !== undefined) {
      const job = this.resolve(cur);
      if (job !== undefined) observe(job);
      return;
    }
    if (hasJobTrackingFinalizer(cur)) this.orphanQueue.add(metaNamespaceKeyFunc(cur));
    this.enqueueSelecting(cur);
  }

  private deletePod(pod: JobPod, final: boolean): void {
    const hasFinalizer = hasJobTrackingFinalizer(pod);
    if (getControllerOf(pod) === undefined) {
      if (hasFinalizer) this.orphanQueue.add(metaNamespaceKeyFunc(pod));
      return;
    }
    const job = this.resolve(pod);
    if (job === undefined || isJobFinished(job)) {
      if (hasFinalizer) this.orphanQueue.add(metaNamespaceKeyFunc(pod));
      return;
    }
    const key = metaNamespaceKeyFunc(job);
    this.deps.expectations.deletionObserved(key);
    if (final || !hasFinalizer) this.deps.finalizerExpectations.observed(key, pod.metadata.uid ?? '');
    this.enqueueBatched(job);
  }

  /** cleanupPodFinalizers: the pods of a finished or deleted Job that still carry the finalizer. */
  private cleanupPodFinalizers(job: Readonly<Job>): void {
    for (const pod of this.podLister.byIndex(POD_CONTROLLER_UID_INDEX, job.metadata.uid ?? '')) {
      if (isControlledBy(pod, job) && hasJobTrackingFinalizer(pod)) this.orphanQueue.add(metaNamespaceKeyFunc(pod));
    }
  }

  /** syncOrphanPod: removes the tracking finalizer from a pod no unfinished Job owns. */
  private syncOrphanPod(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const pod = this.podLister.get(namespace, name);
    if (pod === undefined) return 'done';
    const ref = getControllerOf(pod);
    if (ref !== undefined) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return 'done';
      const job = this.resolve(pod);
      if (job !== undefined && job.spec?.managedBy !== undefined && job.spec.managedBy !== JOB_CONTROLLER_NAME) return 'done';
      if (job !== undefined && !isJobFinished(job)) return 'done';
    }
    const patch = removeTrackingFinalizerPatch(pod);
    if (patch === undefined) return 'done';
    const patched = this.ctx.api.patch('pods', namespace, name, 'strategic', patch);
    return patched.ok || patched.status.code === 404 ? 'done' : 'requeue';
  }

  /** syncJob's entry: not found, foreign, finished and unknown-mode Jobs end here. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const job = this.jobLister.get(namespace, name);
    if (job === undefined) {
      this.deps.expectations.forget(key);
      this.deps.finalizerExpectations.forget(key);
      this.deps.backoffStore.remove(key);
      return 'done';
    }
    if (job.spec?.managedBy !== undefined && job.spec.managedBy !== JOB_CONTROLLER_NAME) return 'done';
    if (isJobFinished(job)) {
      this.deps.backoffStore.remove(key);
      return 'done';
    }
    const mode = job.spec?.completionMode;
    if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.recorder.event(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return 'done';
    }
    const satisfied = this.deps.expectations.satisfied(key);
    const selector = labelSelectorAsSelector(job.spec?.selector);
    if (!selector.ok) return 'requeue';
    const pods = claimPodsForOwner(this.ctx.api, this.podLister, job, selector.value);
    const outcome = syncJob(this.deps, key, job, pods, satisfied);
    if (!outcome.ok) return 'requeue';
    return outcome.requeueAfterMs === undefined ? 'done' : { requeueAfterMs: outcome.requeueAfterMs };
  }
}

/** The Job controller, registered as `job`. */
export const jobControllerFactory: ControllerFactory = (ctx) => new JobController(ctx);
