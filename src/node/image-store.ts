/**
 * A node's images (containerd's image store, which outlives the kubelet) and its image pull queue.
 * The kubelet pulls one image at a time by default (serializeImagePulls): a pull waits for the
 * ones queued before it, and a pull of an image already queued only re-resolves the manifest.
 */
import { parseImageName, type ImageName } from '../api/image-name.js';

/** An image on the node, as `status.images` lists it. */
export interface ImageRecord {
  /** `docker.io/library/nginx:1.27`. */
  readonly imageRef: string;
  /** `docker.io/library/nginx@sha256:…`. */
  readonly imageId: string;
  readonly sizeBytes: number;
}

/** When a queued pull starts and ends. */
export interface ScheduledPull {
  startAt: number;
  finishAt: number;
}

/** The spec's image as the store keys it (`nginx` → `docker.io/library/nginx:latest`); undefined if it does not parse. */
export function normalizedImage(image: string): string | undefined {
  return keyOfParsed(parseImageName(image));
}

function keyOfParsed(parsed: ImageName): string | undefined {
  if (!parsed.ok) return undefined;
  return parsed.digest !== '' ? `${parsed.repository}@${parsed.digest}` : `${parsed.repository}:${parsed.tag}`;
}

/** The images of one node and its pull queue. */
export class ImageStore {
  private readonly images = new Map<string, ImageRecord>();
  /** Finish time of the last queued pull of each image. */
  private readonly pending = new Map<string, number>();
  private queueFreeAt = 0;
  private changes = 0;
  /** Spec image → parsed name and key: pods of one template name the same image over and over. */
  private readonly names = new Map<string, { parsed: ImageName; key: string | undefined }>();

  constructor(
    /** serializeImagePulls (the kubelet default: true). */
    private readonly serialize = true,
  ) {}

  /** Bumped on every change, so the node status knows when to post `status.images` again. */
  get version(): number {
    return this.changes;
  }

  /** ParseImageName of a spec's image (cached). */
  parse(specImage: string): ImageName {
    return this.nameOf(specImage).parsed;
  }

  private nameOf(specImage: string): { parsed: ImageName; key: string | undefined } {
    let name = this.names.get(specImage);
    if (name === undefined) {
      const parsed = parseImageName(specImage);
      name = { parsed, key: keyOfParsed(parsed) };
      this.names.set(specImage, name);
    }
    return name;
  }

  private keyOf(specImage: string): string | undefined {
    return this.nameOf(specImage).key;
  }

  /** Whether the image the spec names is on the node. */
  has(specImage: string): boolean {
    const key = this.keyOf(specImage);
    return key !== undefined && this.images.has(key);
  }

  /** The record of the image the spec names, if present. */
  get(specImage: string): ImageRecord | undefined {
    const key = this.keyOf(specImage);
    return key === undefined ? undefined : this.images.get(key);
  }

  /** Stores a pulled image under the spec's name and its resolved reference. */
  add(specImage: string, record: ImageRecord): void {
    const key = this.keyOf(specImage) ?? record.imageRef;
    const known = this.images.get(record.imageRef);
    if (known === undefined || known.imageId !== record.imageId) this.changes++;
    this.images.set(key, record);
    this.images.set(record.imageRef, record);
  }

  /** Every distinct image, largest first (as the node status lists them). */
  list(): ImageRecord[] {
    const seen = new Set<ImageRecord>(this.images.values());
    return [...seen].sort((a, b) => b.sizeBytes - a.sizeBytes || (a.imageRef < b.imageRef ? -1 : 1));
  }

  /**
   * Queues a pull of `imageRef` that takes `durationMs` on its own, or `repullMs` when the same
   * image was queued before (its layers are there by the time this pull runs).
   */
  schedulePull(imageRef: string, durationMs: number, repullMs: number, now: number): ScheduledPull {
    const earlier = this.pending.get(imageRef);
    let startAt: number;
    let finishAt: number;
    if (this.serialize) {
      startAt = Math.max(now, this.queueFreeAt);
      finishAt = startAt + (earlier !== undefined && earlier <= startAt ? repullMs : durationMs);
      this.queueFreeAt = finishAt;
    } else {
      startAt = now;
      finishAt = earlier !== undefined && earlier > now ? Math.max(earlier, now + repullMs) : now + durationMs;
    }
    this.pending.set(imageRef, Math.max(finishAt, earlier ?? 0));
    return { startAt, finishAt };
  }

  /** A restarted kubelet starts with an empty queue (pulls in flight died with it). */
  resetQueue(now: number): void {
    this.queueFreeAt = now;
    this.pending.clear();
  }
}
