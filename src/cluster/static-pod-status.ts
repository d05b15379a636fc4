/**
 * The status the control-plane node's kubelet reports for a static pod: Running and Ready while
 * its component runs; while it is stopped, the container shows terminated with `Error` (as a
 * crashed static pod would) and the pod is not Ready.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from '../api/types.js';
import { rfc3339 } from '../api/time.js';
import type { StaticPodManifest } from './static-pod-manifests.js';

/** What the kubelet knows of one static pod's container. */
export interface StaticPodLife {
  /** Whether the component runs now. */
  running: boolean;
  /** When the pod was first seen (its startTime). */
  startedPodAt: number;
  /** When the current (or last) container started. */
  startedAt: number;
  /** When the last container stopped, if one did. */
  finishedAt?: number;
  /** When the container that stopped last had started. */
  previousStartedAt?: number;
  restartCount: number;
}

function containerID(component: string, restartCount: number): string {
  return `containerd://${createHash('sha256').update(`${component}/${restartCount}`).digest('hex')}`;
}

function condition(type: string, ok: boolean, at: number, component: string): JsonObject {
  const c: JsonObject = { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: rfc3339(at) };
  if (!ok) {
    c['reason'] = 'ContainersNotReady';
    c['message'] = `containers with unready status: [${component}]`;
  }
  return c;
}

/** The pod status for `life`, with the node's address as hostIP and podIP (hostNetwork). */
export function staticPodStatus(manifest: StaticPodManifest, life: StaticPodLife, address: string): JsonObject {
  const { component } = manifest;
  const ready = life.running;
  const since = ready ? life.startedAt : (life.finishedAt ?? life.startedAt);
  const terminated = (startedAt: number, finishedAt: number, id: string): JsonObject => ({
    terminated: { exitCode: 1, reason: 'Error', startedAt: rfc3339(startedAt), finishedAt: rfc3339(finishedAt), containerID: id },
  });
  const container: JsonObject = {
    name: component,
    image: manifest.image,
    imageID: `${manifest.image.split(':')[0]}@sha256:${createHash('sha256').update(manifest.image).digest('hex')}`,
    containerID: containerID(component, life.restartCount),
    ready,
    started: ready,
    restartCount: life.restartCount,
    state: ready ? { running: { startedAt: rfc3339(life.startedAt) } } : terminated(life.startedAt, since, containerID(component, life.restartCount)),
    lastState: {},
  };
  if (ready && life.finishedAt !== undefined && life.previousStartedAt !== undefined) {
    container['lastState'] = terminated(life.previousStartedAt, life.finishedAt, containerID(component, life.restartCount - 1));
  }
  const started = life.startedPodAt;
  return {
    phase: 'Running',
    conditions: [
      condition('PodReadyToStartContainers', true, started, component),
      condition('Initialized', true, started, component),
      condition('Ready', ready, since, component),
      condition('ContainersReady', ready, since, component),
      condition('PodScheduled', true, started, component),
    ],
    hostIP: address,
    hostIPs: [{ ip: address }],
    podIP: address,
    podIPs: [{ ip: address }],
    startTime: rfc3339(started),
    containerStatuses: [container],
    qosClass: 'Burstable',
  };
}
