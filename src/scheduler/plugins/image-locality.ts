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

/**
 * The pod's normalised image names, one per container (init containers included), and what each
 * adds to the score of a node that has it: the image's size scaled by the share of nodes that have
 * it (the same for every node, so worked out once per cycle).
 */
interface ImageLocalityState {
  readonly images: readonly string[];
  /** scaledImageScore per image; 0 for an image no node has. */
  readonly scaled: readonly number[];
  /** calculatePriority(0, containers): the score of a node with none of the images. */
  readonly none: number;
}

/** The pod's images, normalised: init containers first. */
function podImages(spec: PodInfo['pod']['spec']): string[] {
  const names: string[] = [];
  for (const c of spec.initContainers ?? []) names.push(normalizedImageName(c.image ?? ''));
  for (const c of spec.containers ?? []) names.push(normalizedImageName(c.image ?? ''));
  return names;
}

/** The ImageLocality plugin. */
export class ImageLocality implements ScorePlugin<ImageLocalityState> {
  readonly name = Names.ImageLocality;

  constructor(private readonly cache: SchedulerCache) {}

  preScore(_cycle: unknown, pod: PodInfo): PreScoreResult<ImageLocalityState> {
    const names = podImages(pod.pod.spec);
    const totalNodes = this.cache.numNodes;
    const scaled = names.map((name) => {
      const state = this.cache.imageState(name);
      return state === undefined ? 0 : Math.trunc(state.size * (state.nodes.size / totalNodes));
    });
    return { state: { images: names, scaled, none: calculatePriority(0, names.length) } };
  }

  /** Score for every node (the batch form of Score, so this loop stays monomorphic). */
  scoreNodes(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], state: ImageLocalityState, scores: number[]): void {
    for (let i = 0; i < nodes.length; i++) scores[i] = this.score(cycle, pod, nodes[i]!, state);
  }

  /** sumImageScores of the images the node has, as calculatePriority. */
  score(_cycle: unknown, _pod: PodInfo, node: NodeInfo, state: ImageLocalityState): number {
    if (node.imageStates.size === 0) return state.none;
    const { images: names, scaled } = state;
    let sum = 0;
    for (let i = 0; i < names.length; i++) if (node.imageStates.has(names[i]!)) sum += scaled[i]!;
    return sum === 0 ? state.none : calculatePriority(sum, names.length);
  }
}
