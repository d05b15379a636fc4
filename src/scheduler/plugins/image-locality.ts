/**
 * ImageLocality (Score): prefers nodes that already have the pod's images, weighted by image size
 * and by how widely the image is spread (an image on every node says nothing).
 */
import type { PreScoreResult, ScorePlugin } from '../framework/interface.js';
import { MAX_NODE_SCORE } from '../framework/interface.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import type { SchedulerCache } from '../cache.js';
import { Names } from './names.js';

const MB = 1024 * 1024;
/** minThreshold: images smaller than 23 MB count as absent. */
const MIN_THRESHOLD = 23 * MB;
/** maxContainerThreshold: 1000 MB per container gives the full score. */
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: `:latest` appended when the name has no tag. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

/** calculatePriority. */
function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** The pod's normalised image names, one per container (init containers included). */
type ImageLocalityState = readonly string[];

/** The ImageLocality plugin. */
export class ImageLocality implements ScorePlugin<ImageLocalityState> {
  readonly name = Names.ImageLocality;

  constructor(private readonly cache: SchedulerCache) {}

  preScore(_cycle: unknown, pod: PodInfo): PreScoreResult<ImageLocalityState> {
    const spec = pod.pod.spec;
    return { state: [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => normalizedImageName(c.image ?? '')) };
  }

  /** Score for every node (the batch form of Score, so this loop stays monomorphic). */
  scoreNodes(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], state: ImageLocalityState, scores: number[]): void {
    for (let i = 0; i < nodes.length; i++) scores[i] = this.score(cycle, pod, nodes[i]!, state);
  }

  score(_cycle: unknown, _pod: PodInfo, node: NodeInfo, images: ImageLocalityState): number {
    if (node.imageStates.size === 0) return calculatePriority(0, images.length);
    const totalNodes = this.cache.numNodes;
    let sum = 0;
    for (const image of images) {
      const state = node.imageStates.get(image);
      if (state !== undefined) sum += Math.trunc(state.size * (state.nodes.size / totalNodes));
    }
    return calculatePriority(sum, images.length);
  }
}
