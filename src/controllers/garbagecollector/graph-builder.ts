/**
 * The GraphBuilder (graph_builder.go): monitors every deletable resource, turns their events into
 * graph changes, applies them in order to the uid → node graph, and tells the collector what to
 * look at: dependents whose owner went away, owners that started a foreground or orphan deletion,
 * owners only named by dependents (virtual nodes, to be verified against the API server).
 */
import type { KubeObject, OwnerReference } from '../../api/types.js';
import type { Clock } from '../../clock/types.js';
import type { WorkQueueMetrics } from '../../client/workqueue.js';
import { ChangeQueue } from './change-queue.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import { jsonEqual } from '../../api/equal.js';
import { beingDeleted, deletionStartsWithFinalizer, hasFinalizer, referencesDiffs, type OwnerRefPair } from './transitions.js';
import type { ReferenceCache } from './absent-owner-cache.js';
import {
  alternateOwnerIdentity,
  GraphNode,
  identityString,
  ownerIdentity,
  ownerReferenceMatches,
  partitionDependents,
  sameIdentity,
  type ObjectIdentity,
} from './graph.js';
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS } from './operations.js';

/** One change for the graph: an informer event, or a virtual delete the collector produced. */
export interface GraphChange {
  type: 'add' | 'update' | 'delete';
  obj: Readonly<KubeObject>;
  oldObj?: Readonly<KubeObject>;
  /** The served apiVersion and kind of the monitor that saw it. */
  apiVersion: string;
  kind: string;
  /** Not from an informer: the collector found the object gone. */
  virtual?: boolean;
}

/** Where the graph builder sends the nodes the collector must look at. */
export interface GraphBuilderSinks {
  attemptToDelete(node: GraphNode): void;
  attemptToDeleteRateLimited(node: GraphNode): void;
  attemptToOrphan(node: GraphNode): void;
}

/** The graph and its change queue. */
export class GraphBuilder {
  private readonly uidToNode = new Map<string, GraphNode>();
  private readonly changes: ChangeQueue<GraphChange>;

  constructor(
    clock: Clock,
    private readonly absentOwnerCache: ReferenceCache,
    private readonly recorder: EventRecorder,
    private readonly sinks: GraphBuilderSinks,
  ) {
    this.changes = new ChangeQueue(clock, 'garbage_collector_graph_changes', (change) => this.processGraphChange(change));
  }

  /** The node of `uid`, if the graph has one. */
  node(uid: string): GraphNode | undefined {
    return this.uidToNode.get(uid);
  }

  /** How many nodes the graph holds. */
  get size(): number {
    return this.uidToNode.size;
  }

  /** Queues a change; the queue is drained on the clock, in order. */
  enqueue(change: GraphChange): void {
    this.changes.add(change);
  }

  /**
   * An informer update that cannot change the graph (same owners, deletion state and finalizers,
   * for a node already observed) is dropped here; upstream leaves this as a TODO, and every pod
   * status write would otherwise go through the queue.
   */
  enqueueUpdate(oldObj: Readonly<KubeObject>, obj: Readonly<KubeObject>, apiVersion: string, kind: string): void {
    const node = this.uidToNode.get(obj.metadata.uid ?? '');
    if (node !== undefined && node.observed && node.identity.kind === kind && node.identity.apiVersion === apiVersion) {
      const a = oldObj.metadata;
      const b = obj.metadata;
      const sameOwners = a.ownerReferences === b.ownerReferences || jsonEqual(a.ownerReferences ?? [], b.ownerReferences ?? []);
      const sameFinalizers = a.finalizers === b.finalizers || jsonEqual(a.finalizers ?? [], b.finalizers ?? []);
      if (sameOwners && sameFinalizers && (a.deletionTimestamp == null) === (b.deletionTimestamp == null)) return;
    }
    this.enqueue({ type: 'update', obj, oldObj, apiVersion, kind });
  }

  /** enqueueVirtualDeleteEvent: the collector found `identity` gone from the API server. */
  enqueueVirtualDelete(identity: ObjectIdentity): void {
    const obj: KubeObject = {
      apiVersion: identity.apiVersion,
      kind: identity.kind,
      metadata: { name: identity.name, uid: identity.uid, ...(identity.namespace === '' ? {} : { namespace: identity.namespace }) },
    };
    this.enqueue({ type: 'delete', obj, apiVersion: identity.apiVersion, kind: identity.kind, virtual: true });
  }

  /** Stops processing; queued changes are dropped. */
  stop(): void {
    this.changes.stop();
  }

  /** The change queue's numbers for the dashboard. */
  metrics(): WorkQueueMetrics {
    return this.changes.metrics();
  }

  /** processGraphChanges, for one change. */
  processGraphChange(change: GraphChange): void {
    const meta = change.obj.metadata;
    const uid = meta.uid ?? '';
    const observedIdentity = identityOf(change);
    let existing = this.uidToNode.get(uid);
    if (existing !== undefined && !change.virtual && !existing.observed) {
      if (!sameIdentity(observedIdentity, existing.identity)) {
        // Dependents that named the owner with other coordinates are checked again.
        const { nonMatching } = partitionDependents(existing.dependents, observedIdentity);
        for (const dep of nonMatching) {
          if (observedIdentity.namespace !== '' && dep.identity.namespace !== observedIdentity.namespace) {
            this.reportInvalidNamespaceOwnerRef(dep, uid);
          }
          this.sinks.attemptToDelete(dep);
        }
        existing.identity = observedIdentity;
      }
      existing.virtual = false;
    }

    if (change.type !== 'delete') {
      if (existing === undefined) {
        const node = new GraphNode(observedIdentity, meta.ownerReferences ?? [], false, beingDeleted(change.obj), beingDeleted(change.obj) && hasFinalizer(change.obj, FINALIZER_DELETE_DEPENDENTS));
        this.uidToNode.set(uid, node);
        this.addDependentToOwners(node, node.owners);
        this.processTransitions(change.oldObj, change.obj, node);
        return;
      }
      if (!change.virtual && (existing.identity.apiVersion !== change.apiVersion || existing.identity.kind !== change.kind)) {
        existing.identity = { ...existing.identity, apiVersion: change.apiVersion, kind: change.kind };
      }
      const { added, removed, changed } = referencesDiffs(existing.owners, meta.ownerReferences ?? []);
      if (added.length + removed.length + changed.length > 0) {
        this.addUnblockedOwnersToDeleteQueue(removed, changed);
        existing.owners = meta.ownerReferences ?? [];
        this.addDependentToOwners(existing, added);
        this.removeDependentFromOwners(existing, removed);
      }
      if (beingDeleted(change.obj)) existing.beingDeleted = true;
      this.processTransitions(change.oldObj, change.obj, existing);
      return;
    }

    if (existing === undefined) return; // "item doesn't exist in the graph, this shouldn't happen"
    if (change.virtual && !this.acceptVirtualDelete(existing, observedIdentity)) return;
    this.removeNode(existing);
    if (existing.dependents.size > 0) this.absentOwnerCache.add(observedIdentity);
    for (const dep of existing.dependents) this.sinks.attemptToDelete(dep);
    for (const owner of existing.owners) {
      const ownerNode = this.uidToNode.get(owner.uid);
      if (ownerNode !== undefined && ownerNode.deletingDependents) this.sinks.attemptToDelete(ownerNode);
    }
  }

  /**
   * A virtual delete removes the node only when the node's coordinates are the ones found gone;
   * otherwise only the dependents that named those coordinates are collected.
   */
  private acceptVirtualDelete(existing: GraphNode, deleted: ObjectIdentity): boolean {
    if (existing.virtual) {
      const { matching, nonMatching } = partitionDependents(existing.dependents, deleted);
      if (nonMatching.length === 0) return true;
      if (matching.length > 0) {
        this.absentOwnerCache.add(deleted);
        for (const dep of matching) this.sinks.attemptToDelete(dep);
      }
      if (sameIdentity(existing.identity, deleted)) {
        const replacement = alternateOwnerIdentity(nonMatching, deleted);
        if (replacement !== undefined) {
          existing.identity = replacement;
          this.sinks.attemptToDeleteRateLimited(existing);
        }
      }
      return false;
    }
    if (sameIdentity(existing.identity, deleted)) return true;
    const { matching } = partitionDependents(existing.dependents, deleted);
    if (matching.length > 0) {
      this.absentOwnerCache.add(deleted);
      for (const dep of matching) this.sinks.attemptToDelete(dep);
    }
    return false;
  }

  /** addDependentToOwners: links `node` under each owner, creating virtual owners the collector will verify. */
  private addDependentToOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    let potentiallyInvalid = false;
    for (const ref of owners) {
      let ownerNode = this.uidToNode.get(ref.uid);
      const known = ownerNode !== undefined;
      if (ownerNode === undefined) {
        ownerNode = new GraphNode(ownerIdentity(ref, node.identity.namespace), [], true);
        this.uidToNode.set(ref.uid, ownerNode);
      }
      ownerNode.addDependent(node);
      if (!known) {
        this.sinks.attemptToDelete(ownerNode);
        continue;
      }
      if (potentiallyInvalid) continue;
      const ownerIsNamespaced = ownerNode.identity.namespace !== '';
      if (ownerIsNamespaced && ownerNode.identity.namespace !== node.identity.namespace) {
        if (ownerNode.observed) this.reportInvalidNamespaceOwnerRef(node, ref.uid);
        potentiallyInvalid = true;
      } else if (!ownerReferenceMatches(ref, ownerNode.identity)) {
        potentiallyInvalid = true;
      } else if (!ownerIsNamespaced && ownerNode.identity.namespace !== node.identity.namespace && !ownerNode.observed) {
        potentiallyInvalid = true;
      }
    }
    if (potentiallyInvalid) this.sinks.attemptToDelete(node);
  }

  private removeDependentFromOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    for (const ref of owners) this.uidToNode.get(ref.uid)?.deleteDependent(node);
  }

  private removeNode(node: GraphNode): void {
    this.uidToNode.delete(node.identity.uid);
    this.removeDependentFromOwners(node, node.owners);
  }

  /** addUnblockedOwnersToDeleteQueue: an owner waiting in foreground may be free once a blocking reference goes. */
  private addUnblockedOwnersToDeleteQueue(removed: readonly OwnerReference[], changed: readonly OwnerRefPair[]): void {
    for (const ref of removed) {
      if (ref.blockOwnerDeletion !== true) continue;
      const node = this.uidToNode.get(ref.uid);
      if (node !== undefined) this.sinks.attemptToDelete(node);
    }
    for (const { oldRef, newRef } of changed) {
      if (oldRef.blockOwnerDeletion !== true || newRef.blockOwnerDeletion === true) continue;
      const node = this.uidToNode.get(newRef.uid);
      if (node !== undefined) this.sinks.attemptToDelete(node);
    }
  }

  /** processTransitions: an owner starting an orphan or a foreground deletion. */
  private processTransitions(oldObj: Readonly<KubeObject> | undefined, obj: Readonly<KubeObject>, node: GraphNode): void {
    if (deletionStartsWithFinalizer(oldObj, obj, FINALIZER_ORPHAN_DEPENDENTS)) {
      this.sinks.attemptToOrphan(node);
      return;
    }
    if (deletionStartsWithFinalizer(oldObj, obj, FINALIZER_DELETE_DEPENDENTS)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.sinks.attemptToDelete(dep);
      this.sinks.attemptToDelete(node);
    }
  }

  /** reportInvalidNamespaceOwnerRef: the Warning event on a dependent naming an owner in another namespace. */
  private reportInvalidNamespaceOwnerRef(node: GraphNode, ownerUid: string): void {
    const ref = node.owners.find((o) => o.uid === ownerUid);
    if (ref === undefined) return;
    const id = node.identity;
    const invalid = ownerIdentity(ref, id.namespace);
    this.recorder.event(
      { kind: id.kind, apiVersion: id.apiVersion, name: id.name, uid: id.uid, ...(id.namespace === '' ? {} : { namespace: id.namespace }) },
      'Warning',
      'OwnerRefInvalidNamespace',
      `ownerRef ${identityString(invalid)} does not exist in namespace ${JSON.stringify(id.namespace)}`,
    );
  }
}

function identityOf(change: GraphChange): ObjectIdentity {
  const meta = change.obj.metadata;
  return { apiVersion: change.apiVersion, kind: change.kind, name: meta.name ?? '', uid: meta.uid ?? '', namespace: meta.namespace ?? '' };
}
