/**
 * The simulated registry: resolves an image reference the way the kubelet and containerd do and
 * decides whether and how fast it pulls. References that do not parse are `InvalidImageName`;
 * unknown official images, names or tags marked missing, and pods that ask for it
 * (`playground.k8s.io/image-pull: fail`) get containerd's `ErrImagePull` errors.
 */
import type { KubeObject } from '../../api/types.js';
import type { Random } from '../../api/random.js';
import { parseImageName } from '../../api/image-name.js';
import type { ImagePullPlan } from './types.js';
import { imageFacts, inCatalog, isOfficialLibraryImage, stableDigest } from './image-catalog.js';
import type { ImageFacts } from './image-catalog.js';
import { playgroundDuration, playgroundFails } from './annotations.js';
import {
  failedToPullEvent,
  imageNotFoundMessage,
  invalidImageNameMessage,
  pullAccessDeniedMessage,
} from './messages.js';

/** Default registry throughput: 30 MB/s. */
export const DEFAULT_PULL_BYTES_PER_SECOND = 30_000_000;
/** Default fixed cost of a pull (resolve, auth, unpack start). */
export const DEFAULT_PULL_OVERHEAD_MS = 300;

/** Names and tags the simulated registry treats as missing, by rule. */
const MISSING = /does-?not-?exist|non-?existent|missing|not-?found/;

/** A reference resolved the way containerd names it. */
export interface ResolvedImage {
  /** Normalised repository: `docker.io/library/nginx`. */
  repository: string;
  /** Tag (`latest` when neither tag nor digest is given); empty with a digest alone. */
  tag: string;
  /** `sha256:…` when the reference pins one, else empty. */
  digest: string;
  /** `docker.io/library/nginx:latest`, `registry.k8s.io/redis@sha256:…`. */
  imageRef: string;
}

/** A resolved reference, or ParseImageName's error text. */
export type ImageResolution = { readonly ok: true; readonly image: ResolvedImage; readonly facts: ImageFacts; readonly imageId: string } | { readonly ok: false; readonly error: string };

/** Resolutions are pure and images repeat across thousands of pods: remembered, up to a bound. */
const resolutions = new Map<string, ImageResolution>();
const MAX_RESOLUTIONS = 10_000;

/** Resolves `image` as the kubelet does (with what the catalog knows of it), or gives ParseImageName's error text. */
export function resolveImage(image: string): ImageResolution {
  const known = resolutions.get(image);
  if (known) return known;
  const parsed = parseImageName(image);
  let resolution: ImageResolution;
  if (!parsed.ok) resolution = { ok: false, error: parsed.error };
  else {
    const { repository, tag, digest } = parsed;
    const imageRef = `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    const imageId = `${repository}@${digest || `sha256:${stableDigest(imageRef)}`}`;
    resolution = { ok: true, image: { repository, tag, digest, imageRef }, facts: imageFacts(repository, tag), imageId };
  }
  if (resolutions.size >= MAX_RESOLUTIONS) resolutions.clear();
  resolutions.set(image, resolution);
  return resolution;
}

/** Why the registry itself refuses an image (unknown or missing by rule); null when it serves it. */
function registryRefusal(resolved: ResolvedImage): string | null {
  const { repository, tag, imageRef } = resolved;
  const name = repository.slice(repository.indexOf('/') + 1);
  const dockerHub = repository.startsWith('docker.io/');
  if (isOfficialLibraryImage(repository) && !inCatalog(repository)) return pullAccessDeniedMessage(imageRef);
  if (MISSING.test(name)) return dockerHub ? pullAccessDeniedMessage(imageRef) : imageNotFoundMessage(imageRef);
  if (MISSING.test(tag)) return imageNotFoundMessage(imageRef);
  return null;
}

/** The registry's answer per resolved (and remembered) reference. */
const registryRefusals = new WeakMap<ResolvedImage, string | null>();

/** Why the registry refuses an image, as containerd words it; undefined when it serves it. */
function refusal(resolved: ResolvedImage, forcedFailure: boolean): string | undefined {
  let refused = registryRefusals.get(resolved);
  if (refused === undefined) {
    refused = registryRefusal(resolved);
    registryRefusals.set(resolved, refused);
  }
  if (refused !== null) return refused;
  return forcedFailure ? imageNotFoundMessage(resolved.imageRef) : undefined;
}

/** Tuning for `planImagePull`. */
export interface PullTiming {
  bytesPerSecond: number;
  overheadMs: number;
}

/**
 * What pulling `image` for `containerName` of `pod` does: how long it takes and what it yields, or
 * the error. Draws one number from `random` per call (the jitter), so a seed and a call order
 * always give the same durations.
 */
export function planImagePull(image: string, pod: KubeObject, containerName: string, random: Random, timing: PullTiming): ImagePullPlan {
  const jitter = 0.85 + random.next() * 0.3;
  const resolved = resolveImage(image);
  if (!resolved.ok) {
    const message = invalidImageNameMessage(image, resolved.error);
    return { ok: false, reason: 'InvalidImageName', message, eventMessage: message, durationMs: 0 };
  }
  const ref = resolved.image;
  const refused = refusal(ref, playgroundFails(pod, containerName, 'image-pull'));
  if (refused !== undefined) {
    return {
      ok: false,
      reason: 'ErrImagePull',
      message: refused,
      eventMessage: failedToPullEvent(image, refused),
      durationMs: Math.round(timing.overheadMs * 2 * jitter),
    };
  }
  const sizeBytes = resolved.facts.sizeBytes;
  const forced = playgroundDuration(pod, containerName, 'pull-duration');
  const durationMs = forced ?? Math.round((timing.overheadMs + (sizeBytes / timing.bytesPerSecond) * 1000) * jitter);
  return { ok: true, durationMs, sizeBytes, imageRef: ref.imageRef, imageId: resolved.imageId };
}
