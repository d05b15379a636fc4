/**
 * PodTopologySpread's constraint handling (plugins/podtopologyspread/common.go): a pod's own
 * constraints (with matchLabelKeys merged into the selector and the node inclusion policies), or
 * the cluster-level system defaults — spread by hostname (maxSkew 3) and zone (maxSkew 5),
 * ScheduleAnyway — whose selector comes from the Services, ReplicaSets, StatefulSets and
 * ReplicationControllers that select the pod.
 */
import { isEmptySelector, labelSelectorAsSelector, nothing, selectorFromRequirements, selectorFromSet, selectorToString, type Labels, type Requirement, type Selector } from '../../api/label-selector.js';
import type { KubeObject } from '../../api/types.js';
import { getControllerOf } from '../../client/index-funcs.js';
import type { SchedulerListers } from '../framework/interface.js';
import type { NodeInfo } from '../node-info.js';
import type { RequiredNodeAffinity } from '../node-selector.js';
import type { PodInfo } from '../pod-info.js';
import { findUntoleratedTaint } from '../taints.js';
import type { Node, Pod, TopologySpreadConstraint } from '../types.js';

/** v1.LabelHostname. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
/** v1.LabelTopologyZone. */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** A compiled topologySpreadConstraint. */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly minDomains: number;
  /** NodeInclusionPolicy: Honor (default) counts only nodes matching the pod's node affinity. */
  readonly nodeAffinityHonored: boolean;
  /** NodeInclusionPolicy: Ignore (default); Honor skips nodes with taints the pod does not tolerate. */
  readonly nodeTaintsHonored: boolean;
}

/** The scheduler's system default constraints (systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]);

/** filterTopologySpreadConstraints: the constraints with `whenUnsatisfiable === action`, compiled. */
export function filterConstraints(constraints: readonly TopologySpreadConstraint[], podLabels: Labels, action: string): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    const parsed = labelSelectorAsSelector(c.labelSelector ?? undefined);
    let selector = parsed.ok ? parsed.value : nothing;
    const extra: Record<string, string> = {};
    for (const key of c.matchLabelKeys ?? []) {
      const value = podLabels?.[key];
      if (value !== undefined) extra[key] = value;
    }
    if (Object.keys(extra).length > 0 && !selector.matchesNothing) {
      selector = selectorFromRequirements([...selectorFromSet(extra).requirements, ...selector.requirements]);
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityHonored: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      nodeTaintsHonored: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

const serviceSelectors = new WeakMap<object, Selector>();
const parsedSelectors = new Map<string, Selector>();
const interned = new Map<string, Selector>();

/** A workload's `spec.selector`, compiled once per distinct selector. */
function parsedSelector(ls: unknown): Selector {
  const key = JSON.stringify(ls ?? null);
  let selector = parsedSelectors.get(key);
  if (selector === undefined) {
    const parsed = labelSelectorAsSelector(ls as Parameters<typeof labelSelectorAsSelector>[0]);
    selector = parsed.ok ? parsed.value : nothing;
    if (parsedSelectors.size >= 1024) parsedSelectors.clear();
    parsedSelectors.set(key, selector);
  }
  return selector;
}

/** One selector object per distinct set of requirements, so per-node counts can be remembered by identity. */
function internSelector(requirements: readonly Requirement[]): Selector {
  const selector = selectorFromRequirements(requirements);
  const key = selectorToString(selector);
  const known = interned.get(key);
  if (known !== undefined) return known;
  if (interned.size >= 1024) interned.clear();
  interned.set(key, selector);
  return selector;
}

/**
 * helper.DefaultSelector: the labels of every Service selecting the pod, plus the selector of the
 * ReplicationController, ReplicaSet or StatefulSet that controls it.
 */
export function defaultSelector(pod: Pod, listers: SchedulerListers): Selector {
  const namespace = pod.metadata.namespace ?? '';
  const labelSet: Record<string, string> = {};
  for (const service of listers.services.listNamespace(namespace)) {
    const selector = (service['spec'] as { selector?: Record<string, string> } | undefined)?.selector;
    if (selector === undefined || Object.keys(selector).length === 0) continue;
    let compiled = serviceSelectors.get(selector);
    if (compiled === undefined) serviceSelectors.set(selector, (compiled = selectorFromSet(selector)));
    if (compiled.test(pod.metadata.labels)) Object.assign(labelSet, selector);
  }
  const owner = getControllerOf(pod);
  const fromServices = (): Selector => internSelector(selectorFromSet(labelSet).requirements);
  if (owner === undefined) return fromServices();
  const group = owner.apiVersion.includes('/') ? owner.apiVersion.slice(0, owner.apiVersion.indexOf('/')) : '';
  let controller: KubeObject | undefined;
  if (owner.kind === 'ReplicationController' && group === '') {
    controller = listers.replicationControllers.get(namespace, owner.name);
    const rcSelector = (controller?.['spec'] as { selector?: Record<string, string> } | undefined)?.selector;
    return rcSelector === undefined ? fromServices() : internSelector(selectorFromSet({ ...labelSet, ...rcSelector }).requirements);
  }
  if (owner.kind === 'ReplicaSet' && group === 'apps') controller = listers.replicaSets.get(namespace, owner.name);
  else if (owner.kind === 'StatefulSet' && group === 'apps') controller = listers.statefulSets.get(namespace, owner.name);
  if (controller === undefined) return fromServices();
  const other = parsedSelector((controller['spec'] as { selector?: unknown } | undefined)?.selector);
  if (other.matchesNothing) return fromServices();
  return internSelector([...selectorFromSet(labelSet).requirements, ...other.requirements]);
}

const DEFAULT_CONSTRAINTS_BY_ACTION = new Map<string, SpreadConstraint[]>();

/** The system defaults with `whenUnsatisfiable === action`, compiled once (they have no matchLabelKeys). */
function systemDefaults(action: string): SpreadConstraint[] {
  let constraints = DEFAULT_CONSTRAINTS_BY_ACTION.get(action);
  if (constraints === undefined) DEFAULT_CONSTRAINTS_BY_ACTION.set(action, (constraints = filterConstraints(SYSTEM_DEFAULT_CONSTRAINTS, undefined, action)));
  return constraints;
}

interface RememberedDefaults {
  controller: KubeObject | undefined;
  services: readonly KubeObject[];
  labels: Labels;
  constraints: SpreadConstraint[];
}

function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * buildDefaultConstraints: the system defaults with the pod's default selector, or none when that
 * selector is empty. Remembered per workload while its controller object, the namespace's
 * Services and the pod's labels stay the same, since every replica asks the same question.
 */
export class DefaultConstraints {
  private readonly remembered = new Map<string, RememberedDefaults>();

  constructor(private readonly listers: SchedulerListers) {}

  /** The default constraints of `pod` for `action`. */
  get(pod: Pod, action: string): SpreadConstraint[] {
    const skeleton = systemDefaults(action);
    if (skeleton.length === 0) return skeleton;
    const namespace = pod.metadata.namespace ?? '';
    const owner = getControllerOf(pod);
    const key = `${action}\u0000${namespace}\u0000${owner?.uid ?? pod.metadata.uid ?? ''}`;
    const services = this.listers.services.listNamespace(namespace);
    const controller = owner === undefined ? undefined : this.controllerOf(namespace, owner.kind, owner.name);
    const known = this.remembered.get(key);
    if (known !== undefined && known.controller === controller && sameLabels(known.labels, pod.metadata.labels) && known.services.length === services.length && known.services.every((s, i) => s === services[i])) {
      return known.constraints;
    }
    const selector = defaultSelector(pod, this.listers);
    const constraints = isEmptySelector(selector) ? [] : skeleton.map((c) => ({ ...c, selector }));
    if (this.remembered.size >= 1024) this.remembered.clear();
    this.remembered.set(key, { controller, services, labels: pod.metadata.labels, constraints });
    return constraints;
  }

  private controllerOf(namespace: string, kind: string, name: string): KubeObject | undefined {
    if (kind === 'ReplicaSet') return this.listers.replicaSets.get(namespace, name);
    if (kind === 'StatefulSet') return this.listers.statefulSets.get(namespace, name);
    if (kind === 'ReplicationController') return this.listers.replicationControllers.get(namespace, name);
    return undefined;
  }
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology key. */
export function nodeHasTopologyKeys(labels: Labels, constraints: readonly SpreadConstraint[]): boolean {
  if (labels === undefined) return constraints.length === 0;
  for (const c of constraints) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}

/** matchNodeInclusionPolicies: whether a node counts for a constraint. */
export function nodeIncluded(c: SpreadConstraint, pod: PodInfo, node: Node, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityHonored && !required.match(node)) return false;
  if (c.nodeTaintsHonored && findUntoleratedTaint(node.spec?.taints ?? [], pod.tolerations) !== undefined) return false;
  return true;
}

/** countPodsMatchSelector: non-terminating pods of the namespace whose labels match (an empty selector counts nothing). */
export function countPodsMatchSelector(pods: readonly PodInfo[], selector: Selector, namespace: string): number {
  if (isEmptySelector(selector)) return 0;
  const test = selector.test;
  let count = 0;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    if (p.namespace !== namespace || p.terminating) continue;
    if (test(p.labels)) count++;
  }
  return count;
}

/**
 * countPodsMatchSelector over one node, remembered until its pods change (other than in status) or
 * another selector is asked about: the hostname constraint asks the same question of hundreds of
 * nodes for every pod of a workload.
 */
export function countNodePodsMatchSelector(node: NodeInfo, selector: Selector, namespace: string): number {
  if (node.countedSelector === selector && node.countedGeneration === node.podsMatchGeneration && node.countedNamespace === namespace) return node.countedMatches;
  const count = countPodsMatchSelector(node.pods, selector, namespace);
  node.countedSelector = selector;
  node.countedNamespace = namespace;
  node.countedGeneration = node.podsMatchGeneration;
  node.countedMatches = count;
  return count;
}
