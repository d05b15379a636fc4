/**
 * The kubelet of one node: registers the Node, heartbeats through its Lease and node status,
 * watches the pods bound to the node and runs one pod actor for each. It talks to the cluster only
 * through the API; the node's containers and images (containerd) outlive it, so a restarted
 * kubelet re-adopts the containers it finds running.
 */
import { createActor, type Actor } from 'xstate';
import { fail, type Result } from '../api/result.js';
import { internalError } from '../api/status.js';
import type { KubeObject } from '../api/types.js';
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import { EventRecorder } from '../client/event-recorder.js';
import { SharedInformerFactory } from '../client/informer-factory.js';
import type { TimerId } from '../clock/types.js';
import { Backoff } from './backoff.js';
import { ContainerStore } from './container-store.js';
import { ImageStore, type ImageRecord } from './image-store.js';
import { HostLocalIpam } from './ipam.js';
import type { KubeletConfig } from './kubelet-config.js';
import { KubeletEventReason as Reason, kubeletMessages as msg } from './kubelet-events.js';
import type { KubeletHost } from './kubelet-host.js';
import { kubeletMachine, type KubeletDriver } from './kubelet-machine.js';
import { NodeLease } from './node-lease.js';
import type { NodeIdentity } from './node-status.js';
import { NodeStatusUpdater } from './node-status-updater.js';
import { podStateName } from './pod-machine.js';
import { PodWorker } from './pod-worker.js';
import { readPodLog, type PodLog, type PodLogOptions } from './pod-logs.js';
import type { ContainerRuntime } from './runtime/types.js';
import { StatusManager } from './status-manager.js';
import { kubeletTimings, type KubeletTimings } from './timings.js';

/** The annotation that marks a mirror pod (kubelettypes.ConfigMirrorAnnotationKey): it stands for a static pod. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const HEARTBEAT_OK = { type: 'heartbeat.ok' } as const;
const HEARTBEAT_FAILED = { type: 'heartbeat.failed' } as const;

/** The kubelet machine's states, as the dashboard shows them. */
export type KubeletState = 'stopped' | 'registering' | 'ready' | 'not-ready';

/** One pod actor, for the dashboard. */
export interface PodActorSummary {
  uid: string;
  namespace: string;
  name: string;
  /** `waiting.pulling`, `running.ready`, `crashLoopBackOff`, … */
  state: string;
}

/** A node's kubelet, as the cluster and the dashboard see it. */
export interface Kubelet extends ClusterComponent {
  readonly nodeName: string;
  readonly state: KubeletState;
  /** The kubelet machine's actor (its children are the pod actors), for an inspector. */
  readonly actor: Actor<typeof kubeletMachine>;
  /** Every pod actor and its state. */
  pods(): PodActorSummary[];
  /** The state of one pod actor. */
  podState(uid: string): string | undefined;
  /** The node's images (containerd's image store). */
  cachedImages(): ImageRecord[];
  /** Pod status writes made since the kubelet last started. */
  readonly statusWrites: number;
  /** The log of `container` of `pod` (the kubelet's `/containerLogs` endpoint); see pod-logs.ts. */
  podLogs(pod: KubeObject, container: string, options: PodLogOptions): Result<PodLog>;
}

/** Creates the kubelet of `config.nodeName` (stopped: call `start`). */
export function createKubelet(ctx: ComponentContext, config: KubeletConfig): Kubelet {
  return new KubeletImpl(ctx, config);
}

function identityFrom(ctx: ComponentContext, nodeName: string): NodeIdentity {
  const random = ctx.random.fork(`kubelet/${nodeName}`);
  const hex = (n: number): string => Array.from({ length: n }, () => random.nextUint32().toString(16).padStart(8, '0')).join('');
  return { machineID: hex(4), systemUUID: random.uuid(), bootID: random.uuid() };
}

class KubeletImpl implements Kubelet, KubeletHost, KubeletDriver {
  readonly name: string;
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly api: ComponentContext['api'];
  readonly clock: ComponentContext['clock'];
  readonly runtime: ContainerRuntime;
  readonly timings: KubeletTimings;
  readonly store = new ContainerStore();
  readonly images: ImageStore;
  readonly ipam = new HostLocalIpam();
  readonly crashBackoff: Backoff;
  readonly pullBackoff: Backoff;
  readonly actor: Actor<typeof kubeletMachine>;
  recorder: EventRecorder;
  status: StatusManager;
  registered = false;
  private readonly identity: NodeIdentity;
  private readonly workers = new Map<string, PodWorker>();
  private factory: SharedInformerFactory | undefined;
  private nodeStatus: NodeStatusUpdater;
  private lease: NodeLease;
  private leaseTimer: TimerId | undefined;
  private statusTimer: TimerId | undefined;
  private registerDelayMs = 0;
  private running = false;
  private unspawned: PodWorker[] = [];
  private spawnTimer: TimerId | undefined;
  private podsSynced = false;
  /** The result of the last heartbeat the machine heard of (see `heartbeat`). */
  private heartbeatOk = true;

  constructor(
    ctx: ComponentContext,
    private readonly config: KubeletConfig,
  ) {
    this.nodeName = config.nodeName;
    this.name = `kubelet/${config.nodeName}`;
    this.nodeIP = config.internalIP;
    this.api = ctx.api;
    this.clock = ctx.clock;
    this.runtime = config.runtime;
    this.timings = kubeletTimings(ctx.profile);
    this.identity = identityFrom(ctx, config.nodeName);
    this.images = new ImageStore(config.serializeImagePulls ?? true);
    this.crashBackoff = new Backoff(this.timings.crashLoopBackOffInitialMs, this.timings.crashLoopBackOffMaxMs);
    this.pullBackoff = new Backoff(this.timings.imagePullBackOffInitialMs, this.timings.imagePullBackOffMaxMs);
    this.recorder = new EventRecorder(ctx.api, ctx.clock, 'kubelet', config.nodeName);
    this.status = new StatusManager(ctx.api, ctx.clock, this.timings.statusRetryMs);
    this.nodeStatus = new NodeStatusUpdater(ctx.api, this.recorder, config, this.identity, this.images, this.timings);
    this.lease = new NodeLease(ctx.api, config.nodeName, this.timings.nodeLeaseDurationSeconds);
    if (config.podCIDR !== undefined) this.ipam.setPodCIDR(config.podCIDR);
    this.preload(config.preloadedImages ?? []);
    this.actor = createActor(kubeletMachine, { clock: ctx.clock, input: { driver: this } });
    this.actor.start();
  }

  cachedImages(): ImageRecord[] {
    return this.images.list();
  }

  podLogs(pod: KubeObject, container: string, options: PodLogOptions): Result<PodLog> {
    if (!this.running) {
      const url = `https://${this.nodeIP}:10250/containerLogs/${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}/${container}`;
      return fail(internalError(`Get "${url}": dial tcp ${this.nodeIP}:10250: connect: connection refused`));
    }
    return readPodLog(this.store, this.clock, pod, container, options);
  }

  get state(): KubeletState {
    return this.actor.getSnapshot().value as KubeletState;
  }

  get statusWrites(): number {
    return this.status.writes;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.registered = false;
    this.registerDelayMs = 0;
    this.recorder = new EventRecorder(this.api, this.clock, 'kubelet', this.nodeName);
    this.status = new StatusManager(this.api, this.clock, this.timings.statusRetryMs);
    this.nodeStatus = new NodeStatusUpdater(this.api, this.recorder, this.config, this.identity, this.images, this.timings);
    this.lease = new NodeLease(this.api, this.nodeName, this.timings.nodeLeaseDurationSeconds);
    this.images.resetQueue(this.clock.now());
    this.recorder.event(this.nodeStatus.nodeReference(), 'Normal', Reason.Starting, msg.startingKubelet);
    this.recorder.event(this.nodeStatus.nodeReference(), 'Normal', Reason.NodeAllocatableEnforced, msg.allocatableEnforced);
    this.register();
    this.actor.send({ type: 'kubelet.start' });
    this.startInformers();
    this.removeOrphans();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.factory?.stop();
    this.factory = undefined;
    this.status.stop();
    this.stopHeartbeats();
    if (this.spawnTimer !== undefined) this.clock.clearTimeout(this.spawnTimer);
    this.spawnTimer = undefined;
    this.unspawned = [];
    for (const worker of this.workers.values()) worker.dispose(false);
    this.workers.clear();
    this.actor.send({ type: 'kubelet.stop' });
  }

  pods(): PodActorSummary[] {
    const out: PodActorSummary[] = [];
    for (const worker of this.workers.values()) {
      out.push({ uid: worker.uid, namespace: worker.namespace, name: worker.name, state: this.podState(worker.uid) ?? '' });
    }
    return out;
  }

  podState(uid: string): string | undefined {
    const child = this.actor.getSnapshot().children[uid];
    return child === undefined ? undefined : podStateName(child.getSnapshot().value);
  }

  // KubeletDriver

  register(): boolean {
    this.registered = this.nodeStatus.register(this.clock.now());
    if (this.registered) this.nodeObserved();
    return this.registered;
  }

  registerRetryMs(): number {
    const t = this.timings;
    this.registerDelayMs = this.registerDelayMs === 0 ? t.registerRetryInitialMs : Math.min(this.registerDelayMs * 2, t.registerRetryMaxMs);
    return this.registerDelayMs;
  }

  startHeartbeats(): void {
    this.heartbeatOk = true; // the machine is ready: it heard of the last failure, or none happened since the kubelet started
    if (this.leaseTimer === undefined) this.renewLease();
    if (this.statusTimer === undefined) {
      this.statusTimer = this.clock.setBackgroundTimeout(this.postNodeStatusBound, this.timings.nodeStatusUpdateFrequencyMs);
    }
  }

  forget(uid: string): void {
    this.workers.delete(uid);
  }

  private renewLease(): void {
    const ok = this.lease.renew(this.clock.now(), this.nodeStatus.nodeUid);
    this.heartbeat(ok);
    this.leaseTimer = this.clock.setBackgroundTimeout(this.renewLeaseBound, this.timings.nodeLeaseRenewIntervalMs);
  }

  private readonly renewLeaseBound = (): void => this.renewLease();

  private postNodeStatus(): void {
    const ok = this.nodeStatus.update(this.clock.now());
    if (ok) this.nodeObserved();
    this.heartbeat(ok);
    this.statusTimer = this.clock.setBackgroundTimeout(this.postNodeStatusBound, this.timings.nodeStatusUpdateFrequencyMs);
  }

  private readonly postNodeStatusBound = (): void => this.postNodeStatus();

  /**
   * A lease renewal or status post ended. The machine only acts on a change (ready ⇄ not-ready), so
   * it hears `heartbeat.ok` / `heartbeat.failed` when the result differs from the last one: a
   * thousand healthy kubelets do not run a thousand machine steps that change nothing every 10 s.
   */
  private heartbeat(ok: boolean): void {
    if (ok === this.heartbeatOk) return;
    this.heartbeatOk = ok;
    this.actor.send(ok ? HEARTBEAT_OK : HEARTBEAT_FAILED);
  }

  private stopHeartbeats(): void {
    if (this.leaseTimer !== undefined) this.clock.clearTimeout(this.leaseTimer);
    if (this.statusTimer !== undefined) this.clock.clearTimeout(this.statusTimer);
    this.leaseTimer = undefined;
    this.statusTimer = undefined;
  }

  /** The Node's podCIDR became known: pods waiting for the network can get an IP. */
  private nodeObserved(): void {
    const cidr = this.nodeStatus.podCIDR;
    if (cidr === undefined || cidr === this.ipam.podCIDR) return;
    this.ipam.setPodCIDR(cidr);
    for (const worker of this.workers.values()) worker.resync();
  }

  private startInformers(): void {
    const factory = new SharedInformerFactory(this.api, this.clock);
    this.factory = factory;
    const nodes = factory.informer('nodes', { fieldSelector: `metadata.name=${this.nodeName}` });
    nodes.addEventHandler({
      onAdd: (node) => this.onNode(node),
      onUpdate: (_, node) => this.onNode(node),
    });
    const pods = factory.informer('pods', { fieldSelector: `spec.nodeName=${this.nodeName}` });
    pods.addEventHandler({
      onAdd: (pod) => this.onPod(pod),
      onUpdate: (_, pod) => this.onPod(pod),
      onDelete: (pod) => this.workers.get(pod.metadata.uid ?? '')?.podRemoved(),
    });
    factory.start();
    this.podsSynced = pods.hasSynced();
  }

  private onNode(node: KubeObject): void {
    this.nodeStatus.observe(node);
    this.nodeObserved();
  }

  private onPod(pod: KubeObject): void {
    // Mirror pods stand for static pods the kubelet runs from files; they are not run from the API.
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
    const uid = pod.metadata.uid ?? '';
    const existing = this.workers.get(uid);
    if (existing !== undefined) {
      if (existing.pod !== pod) existing.podUpdated(pod);
      return;
    }
    if (!this.running) return;
    const worker = new PodWorker(this, pod);
    this.workers.set(uid, worker);
    this.unspawned.push(worker);
    if (this.spawnTimer === undefined) this.spawnTimer = this.clock.setTimeout(() => this.spawnPods(), 0);
  }

  /** The pods seen in this tick get their first sync, then their actors in one kubelet transition. */
  private spawnPods(): void {
    this.spawnTimer = undefined;
    const batch = this.unspawned.filter((worker) => {
      if (!worker.removed) return true;
      worker.dispose(true);
      this.workers.delete(worker.uid);
      return false;
    });
    this.unspawned = [];
    if (batch.length === 0) return;
    // The first sync runs before the actor exists, so that its initial state is already the right one.
    for (const worker of batch) worker.sync();
    this.actor.send({ type: 'pods.add', workers: batch });
  }

  /** Containers of pods that no longer exist (deleted while the kubelet was down) are removed. */
  private removeOrphans(): void {
    if (!this.podsSynced) return; // without a list of the node's pods nothing can be called an orphan
    for (const uid of this.store.podUids()) {
      if (this.workers.has(uid)) continue;
      this.store.removePod(uid);
      this.ipam.release(uid);
    }
  }

  private preload(images: readonly string[]): void {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: '', namespace: '' }, spec: { containers: [] } };
    for (const image of images) {
      const plan = this.runtime.pullImage(image, pod, '');
      if (plan.ok) this.images.add(image, { imageRef: plan.imageRef, imageId: plan.imageId, sizeBytes: plan.sizeBytes });
    }
  }
}
