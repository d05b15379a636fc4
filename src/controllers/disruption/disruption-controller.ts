/**
 * The disruption controller (pkg/controller/disruption): keeps every PodDisruptionBudget's status
 * (healthy pods, desired healthy, expected pods, disruptions allowed and the DisruptionAllowed
 * condition) in step with the pods it selects, which the eviction API then relies on. It also
 * resets a DisruptionTarget condition left on a pod that was never deleted (stale after 2 min).
 */
import type { KubeObject } from '../../api/types.js';
import { labelSelectorAsSelector, matches } from '../../api/label-selector.js';
import { parseTime, rfc3339 } from '../../api/time.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { podCondition } from '../common/pod-conditions.js';
import { expectedPodCount, type ControllerListers } from './expected-pods.js';
import { buildDisruptedPodMap, countHealthyPods, desiredPdbStatus, failSafeStatus, type PodDisruptionBudget } from './pdb-status.js';

/** The disruption controller's event source (it records as kube-controller-manager itself). */
export const DISRUPTION_COMPONENT = 'controllermanager';
/** stalePodDisruptionTimeout. */
export const STALE_POD_DISRUPTION_TIMEOUT_MS = 2 * 60_000;

/** DisruptionController. */
export class DisruptionController implements Controller {
  readonly name = 'disruption';
  private readonly queue: RateLimitingQueue;
  private readonly staleQueue: RateLimitingQueue;
  private readonly pdbs: Lister<PodDisruptionBudget>;
  private readonly pods: Lister<KubeObject>;
  private readonly listers: ControllerListers;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'disruption' });
    this.staleQueue = new RateLimitingQueue(ctx.clock, { name: 'stale_pod_disruption' });
    this.recorder = ctx.recorder(DISRUPTION_COMPONENT);
    const pdbInformer = ctx.informers.informer<PodDisruptionBudget>('poddisruptionbudgets');
    const podInformer = ctx.informers.informer('pods');
    this.pdbs = pdbInformer.lister;
    this.pods = podInformer.lister;
    this.listers = {
      replicaSets: ctx.informers.informer('replicasets').lister,
      deployments: ctx.informers.informer('deployments').lister,
      replicationControllers: ctx.informers.informer('replicationcontrollers').lister,
      statefulSets: ctx.informers.informer('statefulsets').lister,
    };
    pdbInformer.addEventHandler({
      onAdd: (pdb) => this.enqueuePdb(pdb),
      onUpdate: (_old, pdb) => this.enqueuePdb(pdb),
      onDelete: (pdb) => this.enqueuePdb(pdb),
    });
    podInformer.addEventHandler({
      onAdd: (pod) => this.podChanged(pod, true),
      onUpdate: (_old, pod) => this.podChanged(pod, true),
      onDelete: (pod) => this.podChanged(pod, false),
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key));
    this.staleQueue.run((key) => this.syncStalePodDisruption(key));
  }

  stop(): void {
    this.queue.shutDown();
    this.staleQueue.shutDown();
  }

  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics(), this.staleQueue.metrics()];
  }

  private enqueuePdb(pdb: Readonly<KubeObject>): void {
    this.queue.add(metaNamespaceKeyFunc(pdb));
  }

  private podChanged(pod: KubeObject, checkStale: boolean): void {
    const pdb = this.getPdbForPod(pod);
    if (pdb !== undefined) this.enqueuePdb(pdb);
    if (!checkStale) return;
    const cleanAfter = this.staleDisruptionCleanAfter(pod);
    if (cleanAfter !== undefined) this.staleQueue.addAfter(metaNamespaceKeyFunc(pod), cleanAfter);
  }

  /** getPdbForPod: the first budget selecting the pod; more than one gets a warning on the pod. */
  private getPdbForPod(pod: Readonly<KubeObject>): PodDisruptionBudget | undefined {
    const matching: PodDisruptionBudget[] = [];
    for (const pdb of this.pdbs.listNamespace(pod.metadata.namespace ?? '')) {
      const selector = labelSelectorAsSelector(pdb.spec?.selector);
      if (selector.ok && !selector.value.matchesNothing && matches(selector.value, pod.metadata.labels)) matching.push(pdb);
    }
    if (matching.length > 1) {
      const msg = `Pod ${JSON.stringify(pod.metadata.namespace ?? '')}/${JSON.stringify(pod.metadata.name ?? '')} matches multiple PodDisruptionBudgets.  Chose ${JSON.stringify(matching[0]!.metadata.name ?? '')} arbitrarily.`;
      this.recorder.event(pod, 'Warning', 'MultiplePodDisruptionBudgets', msg);
    }
    return matching[0];
  }

  /** sync: trySync, and failSafe on an error that is not a conflict. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const pdb = this.pdbs.get(namespace, name);
    if (pdb === undefined) return 'done';
    const result = this.trySync(pdb);
    if (result === 'done' || result === 'conflict') return result === 'done' ? 'done' : 'requeue';
    const failed = this.ctx.api.update('poddisruptionbudgets', namespace, { ...pdb, status: failSafeStatus(pdb, result.error, this.ctx.clock.now()) }, { subresource: 'status' });
    return failed.ok ? 'done' : 'requeue';
  }

  private trySync(pdb: PodDisruptionBudget): 'done' | 'conflict' | { error: string } {
    const namespace = pdb.metadata.namespace ?? '';
    const selector = labelSelectorAsSelector(pdb.spec?.selector);
    if (!selector.ok) {
      this.recorder.event(pdb, 'Warning', 'NoPods', `Failed to get pods: ${selector.message}`);
      return { error: selector.message };
    }
    const pods = this.pods.listNamespace(namespace, selector.value);
    if (pods.length === 0) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    const expected = expectedPodCount(this.listers, pdb, pods);
    if (!expected.ok) {
      this.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${expected.message}`);
      return { error: expected.message };
    }
    if (expected.unmanagedPods.length > 0) {
      this.recorder.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${formatSelector(pdb)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    }
    const now = this.ctx.clock.now();
    const { disruptedPods, recheckAt } = buildDisruptedPodMap(pods, pdb, now, (pod) =>
      this.recorder.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${namespace}/${namespace} to be deleted but it wasn't`),
    );
    const currentHealthy = countHealthyPods(pods, disruptedPods, now);
    const status = desiredPdbStatus(pdb, { currentHealthy, desiredHealthy: expected.desiredHealthy, expectedPods: expected.expectedCount }, disruptedPods, now);
    if (status !== undefined) {
      const updated = this.ctx.api.update('poddisruptionbudgets', namespace, { ...pdb, status }, { subresource: 'status' });
      if (!updated.ok) return updated.status.code === 409 ? 'conflict' : { error: updated.status.message ?? '' };
    }
    if (recheckAt !== undefined) this.queue.addAfter(metaNamespaceKeyFunc(pdb), recheckAt - now);
    return 'done';
  }

  /** nonTerminatingPodHasStaleDisruptionCondition: when a DisruptionTarget condition not followed by a deletion goes stale. */
  private staleDisruptionCleanAfter(pod: Readonly<KubeObject>): number | undefined {
    if (pod.metadata.deletionTimestamp != null) return undefined;
    const cond = podCondition(pod, 'DisruptionTarget') as { status?: string; reason?: string; lastTransitionTime?: string } | undefined;
    const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
    if (cond === undefined || cond.status !== 'True' || cond.reason === 'TerminationByKubelet' || phase === 'Succeeded' || phase === 'Failed') return undefined;
    const since = parseTime(cond.lastTransitionTime) ?? this.ctx.clock.now();
    return Math.max(0, STALE_POD_DISRUPTION_TIMEOUT_MS - (this.ctx.clock.now() - since));
  }

  /** syncStalePodDisruption: the stale DisruptionTarget condition set to False. */
  private syncStalePodDisruption(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const pod = this.pods.get(namespace, name);
    if (pod === undefined) return 'done';
    const cleanAfter = this.staleDisruptionCleanAfter(pod);
    if (cleanAfter === undefined) return 'done';
    if (cleanAfter > 0) return { requeueAfterMs: cleanAfter };
    const status = (pod['status'] ?? {}) as { conditions?: { type: string }[] };
    const conditions = (status.conditions ?? []).map((c) =>
      c.type === 'DisruptionTarget' ? { type: 'DisruptionTarget', status: 'False', lastProbeTime: null, lastTransitionTime: rfc3339(this.ctx.clock.now()) } : c,
    );
    const updated = this.ctx.api.update('pods', namespace, { ...pod, status: { ...status, conditions } }, { subresource: 'status' });
    return updated.ok || updated.status.code === 404 ? 'done' : 'requeue';
  }
}

/** `%v` of a *metav1.LabelSelector: `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`. */
function formatSelector(pdb: Readonly<PodDisruptionBudget>): string {
  const labels = pdb.spec?.selector?.matchLabels ?? {};
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}: ${labels[k]!},`)
    .join('');
  return pdb.spec?.selector ? `&LabelSelector{MatchLabels:map[string]string{${pairs}},MatchExpressions:[]LabelSelectorRequirement{},}` : 'nil';
}

/** Registered as `disruption`. */
export const disruptionControllerFactory: ControllerFactory = (ctx) => new DisruptionController(ctx);
