/**
 * What every pod worker of one kubelet shares: the API, the clock, the runtime, the node's
 * container and image stores, its IP allocator, the back-offs and the status manager.
 */
import type { ApiClient } from '../apiserver/types.js';
import type { BackgroundClock } from '../clock/types.js';
import type { EventRecorder } from '../client/event-recorder.js';
import type { Backoff } from './backoff.js';
import type { ContainerStore } from './container-store.js';
import type { ImageStore } from './image-store.js';
import type { HostLocalIpam } from './ipam.js';
import type { ContainerRuntime } from './runtime/types.js';
import type { StatusManager } from './status-manager.js';
import type { KubeletTimings } from './timings.js';

/** The kubelet-wide services a pod worker uses. */
export interface KubeletHost {
  readonly nodeName: string;
  /** The node's InternalIP: every pod's hostIP, and the podIP of host-network pods. */
  readonly nodeIP: string;
  readonly api: ApiClient;
  readonly clock: BackgroundClock;
  readonly runtime: ContainerRuntime;
  readonly recorder: EventRecorder;
  readonly timings: KubeletTimings;
  readonly store: ContainerStore;
  readonly images: ImageStore;
  readonly ipam: HostLocalIpam;
  /** CrashLoopBackOff, keyed `<pod uid>/<container>`. */
  readonly crashBackoff: Backoff;
  /** Image pull back-off, keyed `<pod uid>_<image>`. */
  readonly pullBackoff: Backoff;
  readonly status: StatusManager;
}
