/**
 * The kubelet's image manager (pkg/kubelet/images: EnsureImageExists) for one container start:
 * the pull policy against the node's images, the per-pod-and-image pull back-off, the serialised
 * pull queue, and the events and waiting reasons each outcome gives.
 */
import type { KubeObject } from '../api/types.js';
import type { EventType } from '../client/event-recorder.js';
import type { Backoff } from './backoff.js';
import type { ImageStore } from './image-store.js';
import { normalizedImage } from './image-store.js';
import { KubeletEventReason as Reason, kubeletMessages as msg } from './kubelet-events.js';
import type { ContainerSpec } from './pod-types.js';
import type { ContainerRuntime, ImagePullPlan } from './runtime/types.js';
import type { KubeletTimings } from './timings.js';

/** A pull in flight for one container. */
export interface PendingPull {
  readonly image: string;
  readonly plan: ImagePullPlan;
  readonly requestedAt: number;
  readonly startAt: number;
  readonly finishAt: number;
}

/** The per-container state the image manager reads and sets. */
export interface PullTrack {
  readonly name: string;
  waiting: { reason: string; message?: string } | undefined;
  retryAt: number;
  imageReady: boolean;
  pendingPull: PendingPull | undefined;
  prevPullError: string | undefined;
  notifiedPullBackOff: number | undefined;
}

/** What the image manager needs from the kubelet and the pod. */
export interface PullContext {
  readonly pod: KubeObject;
  readonly podUid: string;
  readonly runtime: ContainerRuntime;
  readonly images: ImageStore;
  readonly pullBackoff: Backoff;
  readonly timings: KubeletTimings;
  event(track: PullTrack, type: EventType, reason: string, message: string): void;
}

/** What EnsureImageExists decided. */
export type EnsureImageOutcome = 'present' | 'pulling' | 'failed';

function fail(ctx: PullContext, track: PullTrack, reason: string, message: string, retryAt: number): EnsureImageOutcome {
  ctx.event(track, 'Warning', Reason.Failed, msg.error(reason));
  track.waiting = { reason, message };
  track.retryAt = retryAt;
  return 'failed';
}

/** The pull error text without the event's `Failed to pull image "x": ` prefix. */
function pullError(image: string, message: string): string {
  const prefix = `Failed to pull image "${image}": `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * EnsureImageExists: `present` (go on and create the container), `pulling` (wait for
 * `track.pendingPull`) or `failed`. A pull is requested at `requestAt` (once the sandbox is up).
 */
export function ensureImage(ctx: PullContext, track: PullTrack, spec: ContainerSpec, now: number, requestAt = now): EnsureImageOutcome {
  const image = spec.image ?? '';
  const parsed = ctx.images.parse(image);
  if (!parsed.ok) return invalidImage(ctx, track, image, parsed.error);
  const present = ctx.images.has(image);
  const policy = spec.imagePullPolicy ?? 'IfNotPresent';
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (present) {
      ctx.event(track, 'Normal', Reason.Pulled, msg.alreadyPresent(image));
      return 'present';
    }
    const message = msg.neverPull(image);
    ctx.event(track, 'Warning', Reason.ErrImageNeverPull, message);
    return fail(ctx, track, 'ErrImageNeverPull', message, now + ctx.timings.podWorkerBackOffMs);
  }
  const key = ctx.pullBackoff.empty ? undefined : `${ctx.podUid}_${image}`;
  if (key !== undefined && ctx.pullBackoff.isInBackOffSinceUpdate(key, now)) {
    const backOff = msg.backOffPulling(image);
    const expiresAt = ctx.pullBackoff.expiresAt(key) ?? now;
    if (track.notifiedPullBackOff !== expiresAt) {
      track.notifiedPullBackOff = expiresAt;
      ctx.event(track, 'Normal', Reason.BackOff, backOff);
    }
    const message = track.prevPullError === undefined ? backOff : `${backOff}: ${track.prevPullError}`;
    return fail(ctx, track, 'ImagePullBackOff', message, expiresAt);
  }
  const plan = ctx.runtime.pullImage(image, ctx.pod, track.name);
  if (!plan.ok && plan.reason === 'InvalidImageName') return invalidImage(ctx, track, image, plan.message);
  ctx.event(track, 'Normal', Reason.Pulling, msg.pulling(image));
  const duration = plan.ok ? (present ? ctx.timings.imageRepullMs : plan.durationMs) : (plan.durationMs ?? ctx.timings.failedPullMs);
  const queueKey = plan.ok ? plan.imageRef : (normalizedImage(image) ?? image);
  const { startAt, finishAt } = ctx.images.schedulePull(queueKey, duration, ctx.timings.imageRepullMs, requestAt);
  track.pendingPull = { image, plan, requestedAt: requestAt, startAt, finishAt };
  return 'pulling';
}

function invalidImage(ctx: PullContext, track: PullTrack, image: string, error: string): EnsureImageOutcome {
  if (track.waiting?.reason === 'InvalidImageName') {
    track.retryAt = Infinity; // reported once; an invalid name is never pulled
    return 'failed';
  }
  const message = error.startsWith('Failed to apply default image tag') ? error : msg.invalidImage(image, error);
  ctx.event(track, 'Warning', Reason.InspectFailed, message);
  return fail(ctx, track, 'InvalidImageName', message, Infinity);
}

/** The pull finished: the image is stored (`Pulled`), or the failure starts or extends the back-off. True when the image is there. */
export function finishPull(ctx: PullContext, track: PullTrack, now: number): boolean {
  const pull = track.pendingPull;
  track.pendingPull = undefined;
  if (pull === undefined) return false;
  const { plan, image } = pull;
  if (plan.ok) {
    ctx.images.add(image, { imageRef: plan.imageRef, imageId: plan.imageId, sizeBytes: plan.sizeBytes });
    const message = msg.pulled(image, pull.finishAt - pull.startAt, pull.finishAt - pull.requestedAt, plan.sizeBytes);
    ctx.event(track, 'Normal', Reason.Pulled, message);
    track.imageReady = true;
    track.prevPullError = undefined;
    return true;
  }
  const error = pullError(image, plan.message);
  ctx.event(track, 'Warning', Reason.Failed, plan.eventMessage ?? msg.failedToPull(image, error));
  ctx.pullBackoff.next(`${ctx.podUid}_${image}`, now);
  track.prevPullError = `ErrImagePull: ${error}`;
  fail(ctx, track, 'ErrImagePull', error, now + ctx.timings.errorResyncMs);
  return false;
}
