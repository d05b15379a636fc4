/**
 * The garbage collector's dependency graph (pkg/controller/garbagecollector/graph.go): one node per
 * object seen by a monitor, or a "virtual" node for an owner named by some dependent but not (yet)
 * seen. A node knows its owners (its ownerReferences) and its dependents (the nodes that name it).
 */
import type { OwnerReference } from '../../api/types.js';

/** objectReference: an owner reference's coordinates plus the namespace the object lives in ('' when cluster-scoped). */
export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
}

/** objectReference.String(): `[apps/v1/ReplicaSet, namespace: default, name: web-7d4b9, uid: 1f…]`. */
export function identityString(id: ObjectIdentity): string {
  return `[${id.apiVersion}/${id.kind}, namespace: ${id.namespace}, name: ${id.name}, uid: ${id.uid}]`;
}

/** Whether two identities are the same coordinates. */
export function sameIdentity(a: ObjectIdentity, b: ObjectIdentity): boolean {
  return a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion && a.namespace === b.namespace;
}

/** The identity an owner reference names, for a dependent in `namespace` (ownerReferenceCoordinates). */
export function ownerIdentity(ref: OwnerReference, namespace: string): ObjectIdentity {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace };
}

/** ownerReferenceMatchesCoordinates: same uid, name, kind and apiVersion. */
export function ownerReferenceMatches(ref: OwnerReference, id: ObjectIdentity): boolean {
  return ref.uid === id.uid && ref.name === id.name && ref.kind === id.kind && ref.apiVersion === id.apiVersion;
}

const NO_DEPENDENTS: ReadonlySet<GraphNode> = new Set();

/** One object in the graph. Single-threaded, so it is mutated in place instead of cloned. */
export class GraphNode {
  /** Created on the first dependent: most objects (pods) never have any. */
  private dependentSet: Set<GraphNode> | undefined;

  constructor(
    public identity: ObjectIdentity,
    /** Its ownerReferences as last observed. */
    public owners: readonly OwnerReference[],
    /** A virtual node stands for an owner no monitor has reported yet. */
    public virtual: boolean,
    /** The object has a deletionTimestamp. */
    public beingDeleted = false,
    /** The object has a deletionTimestamp and the `foregroundDeletion` finalizer. */
    public deletingDependents = false,
  ) {}

  /** The nodes that name this one as an owner. */
  get dependents(): ReadonlySet<GraphNode> {
    return this.dependentSet ?? NO_DEPENDENTS;
  }

  /** isObserved: reported by an informer, not only named by a dependent. */
  get observed(): boolean {
    return !this.virtual;
  }

  /** Links a dependent under this node. */
  addDependent(dependent: GraphNode): void {
    (this.dependentSet ??= new Set()).add(dependent);
  }

  /** Unlinks a dependent. */
  deleteDependent(dependent: GraphNode): void {
    this.dependentSet?.delete(dependent);
  }

  /**
   * blockingDependents: the dependents whose reference to this node has blockOwnerDeletion, which
   * a foreground deletion of this node waits for.
   */
  blockingDependents(): GraphNode[] {
    const out: GraphNode[] = [];
    for (const dep of this.dependents) {
      if (dep.owners.some((ref) => ref.uid === this.identity.uid && ref.blockOwnerDeletion === true)) out.push(dep);
    }
    return out;
  }
}

/** partitionDependents: the dependents whose reference to `identity`'s uid matches all its coordinates, and those with one that does not. */
export function partitionDependents(dependents: Iterable<GraphNode>, identity: ObjectIdentity): { matching: GraphNode[]; nonMatching: GraphNode[] } {
  const matching: GraphNode[] = [];
  const nonMatching: GraphNode[] = [];
  const ownerIsNamespaced = identity.namespace !== '';
  for (const dep of dependents) {
    let foundMatch = false;
    let foundMismatch = false;
    if (ownerIsNamespaced && dep.identity.namespace !== identity.namespace) {
      foundMismatch = true;
    } else {
      for (const ref of dep.owners) {
        if (ref.uid !== identity.uid) continue;
        if (ownerReferenceMatches(ref, identity)) foundMatch = true;
        else foundMismatch = true;
      }
    }
    if (foundMatch) matching.push(dep);
    if (foundMismatch) nonMatching.push(dep);
  }
  return { matching, nonMatching };
}

/**
 * getAlternateOwnerIdentity: another set of coordinates the dependents use for an owner uid whose
 * coordinates were just found absent: the first (in dependents' order) that sorts after the
 * absent one, else the first.
 */
export function alternateOwnerIdentity(dependents: readonly GraphNode[], verifiedAbsent: ObjectIdentity): ObjectIdentity | undefined {
  const absentIsClusterScoped = verifiedAbsent.namespace === '';
  const seen = new Set<string>([identityKey(verifiedAbsent)]);
  let first: ObjectIdentity | undefined;
  let firstFollowing: ObjectIdentity | undefined;
  for (const dep of dependents) {
    for (const ref of dep.owners) {
      if (ref.uid !== verifiedAbsent.uid) continue;
      if (ownerReferenceMatches(ref, verifiedAbsent) && (absentIsClusterScoped || verifiedAbsent.namespace === dep.identity.namespace)) continue;
      let id = ownerIdentity(ref, dep.identity.namespace);
      if (absentIsClusterScoped && id.apiVersion === verifiedAbsent.apiVersion && id.kind === verifiedAbsent.kind) id = { ...id, namespace: '' };
      const key = identityKey(id);
      if (seen.has(key)) continue;
      seen.add(key);
      first ??= id;
      if (firstFollowing === undefined && identityKey(verifiedAbsent) < key) firstFollowing = id;
    }
  }
  return firstFollowing ?? first;
}

/** A sortable key of an identity (referenceLessThan compares apiVersion, kind, namespace, name, uid in turn). */
function identityKey(id: ObjectIdentity): string {
  return [id.apiVersion, id.kind, id.namespace, id.name, id.uid].join('\u0000');
}
