/**
 * The control plane as static pods, as on a kubeadm node: the control-plane node's kubelet runs
 * etcd, kube-apiserver, kube-controller-manager and kube-scheduler from manifest files and keeps a
 * mirror pod of each in `kube-system`. This stands in for that part of the kubelet: every second of
 * simulated time it looks at each component's state and writes its mirror pod through the API
 * (create once, then status when it changes). A write that fails (kube-apiserver or etcd down) is
 * retried on the next tick, so the pods catch up as soon as the API is back.
 */
import type { KubeObject } from '../api/types.js';
import { rfc3339 } from '../api/time.js';
import { jsonEqual } from '../api/equal.js';
import type { ApiClient } from '../apiserver/types.js';
import type { ClusterComponent } from '../client/component.js';
import type { BackgroundClock, TimerId } from '../clock/types.js';
import { controlPlaneManifests, mirrorPod, mirrorPodName, type StaticPodManifest } from './static-pod-manifests.js';
import { staticPodStatus, type StaticPodLife } from './static-pod-status.js';

/** How often the component states are looked at (the kubelet's housekeeping is every 2 s; 1 s is plenty). */
export const STATIC_POD_SYNC_MS = 1000;

interface StaticPod {
  readonly manifest: StaticPodManifest;
  created: boolean;
  life: StaticPodLife | undefined;
  /** The status last stored. */
  written: unknown;
}

/** The mirror pods of the control plane, kept in step with the components' states. */
export class ControlPlanePods {
  private readonly pods: StaticPod[];
  private timer: TimerId | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly clock: BackgroundClock,
    /** The components by name (`etcd`, `kube-apiserver`, …). */
    private readonly component: (name: string) => ClusterComponent | undefined,
    private readonly nodeName: string,
    private readonly address: string,
  ) {
    this.pods = controlPlaneManifests(nodeName, address).map((manifest) => ({ manifest, created: false, life: undefined, written: undefined }));
  }

  /** Starts the periodic sync (the first one at once). */
  start(): void {
    if (this.timer !== undefined) return;
    this.sync();
  }

  /** Stops the periodic sync. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One pass: observe every component, then make each mirror pod match. */
  sync(): void {
    this.timer = this.clock.setBackgroundTimeout(() => this.sync(), STATIC_POD_SYNC_MS);
    const now = this.clock.now();
    for (const pod of this.pods) this.observe(pod, now);
    const node = this.api.get('nodes', '', this.nodeName);
    if (!node.ok) return; // not registered yet, or the API is down: next tick
    for (const pod of this.pods) {
      if (!this.ensureCreated(pod, node.value, now)) continue;
      this.writeStatus(pod);
    }
  }

  /** Tracks the component's container: a stop ends it, a start begins the next one. */
  private observe(pod: StaticPod, now: number): void {
    const running = this.component(pod.manifest.component)?.state !== 'stopped';
    const life = pod.life;
    if (life === undefined) {
      pod.life = { running, startedPodAt: now, startedAt: now, restartCount: 0, ...(running ? {} : { finishedAt: now }) };
      return;
    }
    if (life.running === running) return;
    life.running = running;
    if (running) {
      life.previousStartedAt = life.startedAt;
      life.startedAt = now;
      life.restartCount++;
    } else {
      life.finishedAt = now;
    }
  }

  private ensureCreated(pod: StaticPod, node: KubeObject, now: number): boolean {
    if (pod.created) return true;
    const name = mirrorPodName(pod.manifest.component, this.nodeName);
    const existing = this.api.get('pods', 'kube-system', name);
    if (existing.ok) return (pod.created = true);
    if (existing.status.code !== 404) return false;
    const created = this.api.create('pods', 'kube-system', mirrorPod(pod.manifest, node, rfc3339(now)));
    return (pod.created = created.ok);
  }

  private writeStatus(pod: StaticPod): void {
    if (pod.life === undefined) return;
    const status = staticPodStatus(pod.manifest, pod.life, this.address);
    if (jsonEqual(status, pod.written)) return;
    const current = this.api.get('pods', 'kube-system', mirrorPodName(pod.manifest.component, this.nodeName));
    if (!current.ok) {
      if (current.status.code === 404) pod.created = false; // deleted: the kubelet recreates its mirror pod
      return;
    }
    const updated = this.api.update('pods', 'kube-system', { ...current.value, status }, { subresource: 'status' });
    if (updated.ok) pod.written = status;
  }
}
