/**
 * The TTL controller (pkg/controller/ttl/ttl_controller.go): it sets the annotation
 * `node.alpha.kubernetes.io/ttl` on every Node to how long, in seconds, kubelets may cache the
 * Secrets and ConfigMaps their pods use — 0 for clusters of up to 100 nodes, more as the cluster
 * grows. The node count is kept from the informer's add and delete events; every add or update of
 * a Node brings it to the queue (kubelets update their nodes every 10 s, so a change of tier
 * reaches every node within that period).
 */
import type { KubeObject } from '../../api/types.js';
import type { Lister } from '../../client/lister.js';
import type { SyncResult } from '../../client/workqueue.js';
import type { ControllerContext, ControllerFactory } from '../common/controller.js';
import { QueueController } from '../common/queue-controller.js';

/** v1.ObjectTTLAnnotationKey. */
export const OBJECT_TTL_ANNOTATION_KEY = 'node.alpha.kubernetes.io/ttl';

/** One tier of cluster size and its TTL; neighbouring tiers overlap so a size on the edge does not flap. */
export interface TTLBoundary {
  sizeMin: number;
  sizeMax: number;
  ttlSeconds: number;
}

/** ttlBoundaries, as upstream. */
export const TTL_BOUNDARIES: readonly TTLBoundary[] = [
  { sizeMin: 0, sizeMax: 100, ttlSeconds: 0 },
  { sizeMin: 90, sizeMax: 500, ttlSeconds: 15 },
  { sizeMin: 450, sizeMax: 1000, ttlSeconds: 30 },
  { sizeMin: 900, sizeMax: 2000, ttlSeconds: 60 },
  { sizeMin: 1800, sizeMax: 10000, ttlSeconds: 300 },
  { sizeMin: 9000, sizeMax: 2147483647, ttlSeconds: 600 },
];

/** The tier after a node was added (addNode): one step up when the count passes the tier's max. */
export function boundaryStepAfterAdd(step: number, nodeCount: number): number {
  const boundary = TTL_BOUNDARIES[step];
  return boundary !== undefined && nodeCount > boundary.sizeMax && step + 1 < TTL_BOUNDARIES.length ? step + 1 : step;
}

/** The tier after a node was deleted (deleteNode): one step down when the count falls under the tier's min. */
export function boundaryStepAfterDelete(step: number, nodeCount: number): number {
  const boundary = TTL_BOUNDARIES[step];
  return boundary !== undefined && nodeCount < boundary.sizeMin && step > 0 ? step - 1 : step;
}

/**
 * updateNodeIfNeeded's decision: the strategic merge patch that sets the annotation to
 * `desiredTTL`, or undefined when the node already carries it (as an integer).
 */
export function ttlAnnotationPatch(node: Readonly<KubeObject>, desiredTTL: number): object | undefined {
  const current = node.metadata.annotations?.[OBJECT_TTL_ANNOTATION_KEY];
  if (current !== undefined && /^[+-]?\d+$/.test(current) && Number(current) === desiredTTL) return undefined;
  return { metadata: { annotations: { [OBJECT_TTL_ANNOTATION_KEY]: String(desiredTTL) } } };
}

/** TTLController. */
export class TTLController extends QueueController {
  readonly name = 'ttl';
  private readonly nodeLister: Lister<KubeObject>;
  private nodeCount = 0;
  private boundaryStep = 0;

  constructor(private readonly ctx: ControllerContext) {
    super(ctx.clock, { name: 'ttlcontroller' });
    const nodes = ctx.informers.informer('nodes');
    this.nodeLister = nodes.lister;
    this.handlers.add(nodes, {
      onAdd: (node) => {
        this.nodeCount++;
        this.boundaryStep = boundaryStepAfterAdd(this.boundaryStep, this.nodeCount);
        this.enqueue(node);
      },
      onUpdate: (_old, node) => this.enqueue(node),
      onDelete: () => {
        this.nodeCount--;
        this.boundaryStep = boundaryStepAfterDelete(this.boundaryStep, this.nodeCount);
      },
    });
  }

  /** The TTL every node should carry now. */
  get desiredTTLSeconds(): number {
    return TTL_BOUNDARIES[this.boundaryStep]?.ttlSeconds ?? 0;
  }

  /** updateNodeIfNeeded. */
  sync(key: string): SyncResult {
    const node = this.nodeLister.get('', key);
    if (node === undefined) return 'done';
    const patch = ttlAnnotationPatch(node, this.desiredTTLSeconds);
    if (patch === undefined) return 'done';
    const patched = this.ctx.api.patch('nodes', '', key, 'strategic', patch);
    return patched.ok || patched.status.code === 404 ? 'done' : 'requeue';
  }
}

/** Registered as `ttl`. */
export const ttlControllerFactory: ControllerFactory = (ctx) => new TTLController(ctx);
