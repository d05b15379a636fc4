/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go). Every HPA is
 * reconciled every 15 s: it reads the target's scale (AbleToScale), keeps the target's replicas
 * within minReplicas and maxReplicas, and otherwise asks the metrics for a replica count: from
 * the resource metrics API when a metrics-server runs (ScalingActive ValidMetricFound, then the
 * downscale stabilization and scale-up limits), else ScalingActive False, FailedGetResourceMetric.
 * The first reconcile of a new or changed HPA is pending work; the periodic ones are background.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import type { TimerId } from '../../clock/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { hpaStatus, setCondition, type HpaCondition, type HpaStatus } from './hpa-status.js';
import { parseSelector, nothing } from '../../api/label-selector.js';
import { metricsApiFor } from '../../metrics/aggregator.js';
import { computeReplicasForMetric, type MetricContext } from './compute-replicas.js';
import type { MetricFailure, MetricSpec } from './metrics.js';
import { normalizeDesiredReplicas, type TimestampedRecommendation } from './normalize.js';
import { normalizeDesiredReplicasWithBehaviors, storeScaleEvent, type HpaBehavior, type ScaleEvents } from './behavior.js';
import { getScale, updateScale, type CrossVersionObjectReference } from './scale.js';
import { DOWNSCALE_STABILIZATION_WINDOW_MS, HPA_SYNC_PERIOD_MS } from './timings.js';

/** The HPA controller's event source. */
export const HPA_COMPONENT = 'horizontal-pod-autoscaler';

/** A HorizontalPodAutoscaler (autoscaling/v2, as stored). */
export interface HorizontalPodAutoscaler extends KubeObject {
  spec?: { scaleTargetRef?: CrossVersionObjectReference; minReplicas?: number; maxReplicas?: number; metrics?: MetricSpec[]; behavior?: HpaBehavior };
  status?: HpaStatus;
}

interface Scheduled {
  timer: TimerId;
  due: number;
  background: boolean;
}

/** HorizontalController. */
export class HorizontalController implements Controller {
  readonly name = 'horizontalpodautoscaling';
  private readonly queue: RateLimitingQueue;
  private readonly hpas: Lister<HorizontalPodAutoscaler>;
  private readonly recorder: EventRecorder;
  private readonly scheduled = new Map<string, Scheduled>();
  private readonly pods: Lister<KubeObject>;
  /** The recent recommendations of each HPA, for the downscale stabilization window. */
  private readonly recommendations = new Map<string, TimestampedRecommendation[]>();
  /** The recent rescales of each HPA with spec.behavior, for its scaling policies. */
  private readonly scaleEvents = new Map<string, ScaleEvents>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'horizontalpodautoscaler' });
    this.recorder = ctx.recorder(HPA_COMPONENT);
    const informer = ctx.informers.informer<HorizontalPodAutoscaler>('horizontalpodautoscalers');
    this.hpas = informer.lister;
    this.pods = ctx.informers.informer('pods').lister;
    informer.addEventHandler({
      // enqueueHPA: every HPA waits a resync period before its reconcile.
      onAdd: (hpa) => this.schedule(metaNamespaceKeyFunc(hpa), HPA_SYNC_PERIOD_MS, false),
      // Only spec changes count as new work; the controller's own status writes do not.
      onUpdate: (old, hpa) => {
        if (old.metadata.generation !== hpa.metadata.generation) this.schedule(metaNamespaceKeyFunc(hpa), HPA_SYNC_PERIOD_MS, false);
      },
      onDelete: (hpa) => {
        this.cancel(metaNamespaceKeyFunc(hpa));
        this.recommendations.delete(metaNamespaceKeyFunc(hpa));
        this.scaleEvents.delete(metaNamespaceKeyFunc(hpa));
      },
    });
  }

  run(): void {
    this.queue.run((key) => this.reconcileKey(key));
  }

  stop(): void {
    this.queue.shutDown();
    for (const key of [...this.scheduled.keys()]) this.cancel(key);
  }

  queues(): WorkQueueMetrics[] {
    return [{ ...this.queue.metrics(), waiting: this.scheduled.size }];
  }

  /** AddRateLimited with the fixed-interval limiter: a key already waiting keeps the earlier time. */
  private schedule(key: string, delay: number, background: boolean): void {
    const clock = this.ctx.clock;
    const due = clock.now() + delay;
    const existing = this.scheduled.get(key);
    if (existing !== undefined) {
      if (existing.due <= due && (background || !existing.background)) return;
      clock.clearTimeout(existing.timer);
      if (existing.due <= due) return this.setTimer(key, existing.due - clock.now(), false);
    }
    this.setTimer(key, delay, background);
  }

  private setTimer(key: string, delay: number, background: boolean): void {
    const clock = this.ctx.clock;
    const fire = (): void => {
      this.scheduled.delete(key);
      this.queue.add(key);
    };
    const timer = background ? clock.setBackgroundTimeout(fire, delay) : clock.setTimeout(fire, delay);
    this.scheduled.set(key, { timer, due: clock.now() + delay, background });
  }

  private cancel(key: string): void {
    const existing = this.scheduled.get(key);
    if (existing !== undefined) this.ctx.clock.clearTimeout(existing.timer);
    this.scheduled.delete(key);
  }

  /** reconcileKey, then the next reconcile a resync period later. */
  reconcileKey(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const hpa = this.hpas.get(namespace, name);
    if (hpa === undefined) return 'done';
    this.reconcileAutoscaler(hpa);
    this.schedule(key, HPA_SYNC_PERIOD_MS, true);
    return 'done';
  }

  /** reconcileAutoscaler. */
  private reconcileAutoscaler(hpa: HorizontalPodAutoscaler): void {
    const now = this.ctx.clock.now();
    const namespace = hpa.metadata.namespace ?? '';
    const spec = hpa.spec ?? {};
    const original: HpaStatus = hpa.status ?? {};
    let conditions: HpaCondition[] = original.conditions ?? [];
    const ref = spec.scaleTargetRef ?? {};

    const got = getScale(this.ctx.api, namespace, ref);
    if (!got.ok) {
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', got.message);
      conditions = setCondition(conditions, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${got.message}`, now);
      this.updateStatusIfNeeded(hpa, { ...original, conditions });
      return;
    }
    const scale = got.scale;
    conditions = setCondition(conditions, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
    const currentReplicas = scale.specReplicas;
    const minReplicas = spec.minReplicas ?? 1;
    const maxReplicas = spec.maxReplicas ?? 0;

    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    let currentMetrics: unknown[] | null = null;
    if (currentReplicas === 0 && minReplicas !== 0) {
      desiredReplicas = 0;
      rescale = false;
      conditions = setCondition(conditions, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      // computeReplicasForMetrics.
      const metrics = spec.metrics ?? [];
      if (scale.selector === '') {
        this.recorder.event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
        conditions = setCondition(conditions, 'ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector", now);
        this.updateStatusIfNeeded(hpa, hpaStatus(original, { currentReplicas, desiredReplicas: original.desiredReplicas ?? 0, currentMetrics: null, conditions }));
        this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', 'selector is required');
        return;
      }
      const parsed = parseSelector(scale.selector);
      const selector = parsed.ok ? parsed.value : nothing;
      const input: MetricContext = { client: metricsApiFor(this.ctx.api), pods: this.pods.listNamespace(namespace, selector), now, currentReplicas, namespace, selector };
      const statuses: unknown[] = [];
      let metricReplicas = 0;
      let metricName = '';
      let invalid = 0;
      let first: MetricFailure | undefined;
      for (const metric of metrics) {
        const proposal = computeReplicasForMetric(metric, input);
        if (!proposal.ok) {
          this.recorder.event(hpa, 'Warning', proposal.reason, proposal.eventMessage);
          statuses.push({ type: '' });
          first ??= proposal;
          invalid++;
          continue;
        }
        statuses.push(proposal.status);
        if (metricReplicas === 0 || proposal.replicas > metricReplicas) {
          metricReplicas = proposal.replicas;
          metricName = proposal.metricName;
        }
      }
      if (invalid >= metrics.length || (invalid > 0 && metricReplicas < currentReplicas)) {
        if (first !== undefined) {
          conditions = setCondition(conditions, 'ScalingActive', 'False', first.reason, `the HPA was unable to compute the replica count: ${first.eventMessage}`, now);
        }
        this.updateStatusIfNeeded(hpa, hpaStatus(original, { currentReplicas, desiredReplicas: original.desiredReplicas ?? 0, currentMetrics: statuses, conditions }));
        const message = `invalid metrics (${invalid} invalid out of ${metrics.length}), first error is: ${first?.error ?? ''}`;
        this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', message);
        return;
      }
      conditions = setCondition(conditions, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metricName}`, now);
      currentMetrics = statuses;
      let rescaleMetric = '';
      if (metricReplicas > desiredReplicas) {
        desiredReplicas = metricReplicas;
        rescaleMetric = metricName;
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      const key = metaNamespaceKeyFunc(hpa);
      let history = this.recommendations.get(key);
      if (history === undefined) this.recommendations.set(key, (history = []));
      const window = DOWNSCALE_STABILIZATION_WINDOW_MS[this.ctx.profile];
      const normalized =
        spec.behavior === undefined
          ? normalizeDesiredReplicas(history, currentReplicas, desiredReplicas, minReplicas, maxReplicas, now, window)
          : normalizeDesiredReplicasWithBehaviors(history, this.scaleEventsOf(key), spec.behavior, {
              current: currentReplicas,
              desired: desiredReplicas,
              min: minReplicas,
              max: maxReplicas,
              now,
              defaultDownWindowMs: window,
            });
      for (const [type, status, reason, message] of normalized.conditions) conditions = setCondition(conditions, type, status, reason, message, now);
      desiredReplicas = normalized.replicas;
      rescale = desiredReplicas !== currentReplicas;
    }

    let rescaledAt: number | undefined;
    if (rescale) {
      const updated = updateScale(this.ctx.api, namespace, scale, ref.name ?? '', desiredReplicas);
      if (!updated.ok) {
        this.recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${updated.message}`);
        conditions = setCondition(conditions, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${updated.message}`, now);
        this.updateStatusIfNeeded(hpa, hpaStatus(original, { currentReplicas, desiredReplicas: original.desiredReplicas ?? 0, currentMetrics, conditions }));
        return;
      }
      conditions = setCondition(conditions, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`, now);
      this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      if (spec.behavior !== undefined) storeScaleEvent(this.scaleEventsOf(metaNamespaceKeyFunc(hpa)), spec.behavior, currentReplicas, desiredReplicas, now);
      rescaledAt = now;
    } else {
      desiredReplicas = currentReplicas;
    }
    this.updateStatusIfNeeded(
      hpa,
      hpaStatus(original, { currentReplicas, desiredReplicas, currentMetrics, conditions, ...(rescaledAt === undefined ? {} : { rescaledAt }) }),
    );
  }

  private scaleEventsOf(key: string): ScaleEvents {
    let events = this.scaleEvents.get(key);
    if (events === undefined) this.scaleEvents.set(key, (events = { up: [], down: [] }));
    return events;
  }

  /** updateStatusIfNeeded. */
  private updateStatusIfNeeded(hpa: HorizontalPodAutoscaler, status: HpaStatus): void {
    if (jsonEqual(status, hpa.status ?? {})) return;
    this.ctx.api.update('horizontalpodautoscalers', hpa.metadata.namespace ?? '', { ...hpa, status }, { subresource: 'status' });
  }
}

/** Registered as `horizontalpodautoscaling`. */
export const horizontalPodAutoscalerControllerFactory: ControllerFactory = (ctx) => new HorizontalController(ctx);
