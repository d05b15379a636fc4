/**
 * ResourceQuota's evaluators (pkg/quota/v1/evaluator/core and generic, Kubernetes v1.32): for each
 * kind, which quota resources it accounts for, how much one object uses, which quota scopes it
 * falls in, and (pods only) which requests and limits a quota makes mandatory. Pure functions,
 * so the resource quota controller can compute usage the same way.
 */
import type { KubeObject } from '../../api/types.js';
import { computePodQOS } from '../../api/qos.js';
import { parseTime } from '../../api/time.js';
import type { ResourceInfo } from '../registry.js';
import type { ResourceList } from './resource-lists.js';
import { ZERO, add, containerResources, count, parseResourceList, podLimits, podRequests } from './resource-lists.js';
import { matchesScopeSelector, type ScopeSelectorRequirement } from './quota-scopes.js';

/** What ResourceQuota knows about one kind. */
export interface QuotaEvaluator {
  /** The quota resources among `names` this kind accounts for (MatchingResources). */
  matchingResources(names: readonly string[]): string[];
  /** What one object uses (Usage); `now` decides whether a pod stuck terminating still counts. */
  usage(object: KubeObject, now: number): ResourceList;
  /** Whether the object falls in a quota scope (MatchesScopeFunc); only pods have scopes. */
  matchesScope(selector: ScopeSelectorRequirement, object: KubeObject): boolean;
  /** Why the object cannot be charged to a quota tracking `required` (Constraints), if it cannot. */
  constraints(required: readonly string[], object: KubeObject): string | undefined;
}

/** `count/<resource>[.<group>]`: the object count a quota can limit for any resource. */
export function objectCountName(info: ResourceInfo): string {
  return `count/${info.group === '' ? info.resource : `${info.resource}.${info.group}`}`;
}

/** Resources ResourceQuota never counts (install/registry.go ignoredResources, plus cluster-scoped kinds). */
const IGNORED = new Set(['events', 'events.events.k8s.io']);

const NO_SCOPES = (): boolean => false;
const NO_CONSTRAINTS = (): undefined => undefined;

/** The generic object count evaluator: `count/<resource>` and, for a few core kinds, the legacy name. */
function objectCountEvaluator(info: ResourceInfo, legacyName?: string): QuotaEvaluator {
  const names = legacyName ? [objectCountName(info), legacyName] : [objectCountName(info)];
  return {
    matchingResources: (input) => input.filter((name) => names.includes(name)),
    usage: () => new Map(names.map((name) => [name, count(1)])),
    matchesScope: NO_SCOPES,
    constraints: NO_CONSTRAINTS,
  };
}

/** Core kinds whose object count also has a short name (generic.NewObjectCountEvaluator's alias). */
const LEGACY_COUNT_NAMES: Readonly<Record<string, string>> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

const POD_RESOURCES = [
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
];
const POD_RESOURCE_PREFIXES = ['hugepages-', 'requests.hugepages-'];
/** The resources a quota makes every container state (the pod evaluator's validationSet). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** An extended resource (`example.com/gpu`): a domain-qualified name outside kubernetes.io. */
function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

/** `podComputeUsageHelper`: a container's or pod's requests and limits as quota resources. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const result: ResourceList = new Map([['pods', count(1)]]);
  for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(resource);
    if (request) {
      result.set(resource, request);
      result.set(`requests.${resource}`, request);
    }
    const limit = limits.get(resource);
    if (limit) result.set(`limits.${resource}`, limit);
  }
  for (const [name, request] of requests) {
    if (name.startsWith('hugepages-')) {
      result.set(name, request);
      result.set(`requests.${name}`, request);
    }
    if (isExtendedResourceName(name)) result.set(`requests.${name}`, request);
  }
  return result;
}

/** `QuotaV1Pod`: finished pods, and pods past their deletion grace period, use no compute resources. */
function podCountsForQuota(pod: KubeObject, now: number): boolean {
  const phase = (pod.status as { phase?: unknown } | undefined)?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const deletion = parseTime(pod.metadata.deletionTimestamp);
  const grace = pod.metadata.deletionGracePeriodSeconds;
  return !(deletion !== undefined && grace !== undefined && now > deletion + grace * 1000);
}

function podSpec(pod: KubeObject): Record<string, unknown> {
  return (pod.spec ?? {}) as Record<string, unknown>;
}

/** The pod evaluator's scopes: Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass, CrossNamespacePodAffinity. */
function podMatchesScope(selector: ScopeSelectorRequirement, pod: KubeObject): boolean {
  const spec = podSpec(pod);
  const deadline = spec.activeDeadlineSeconds;
  const terminating = typeof deadline === 'number' && deadline >= 0;
  const bestEffort = computePodQOS({ spec: pod.spec }) === 'BestEffort';
  switch (selector.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return bestEffort;
    case 'NotBestEffort':
      return !bestEffort;
    case 'PriorityClass': {
      const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
      if (selector.operator === 'Exists') return className !== '';
      return matchesScopeSelector(selector, className === '' ? {} : { PriorityClass: className });
    }
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(spec);
    default:
      return false;
  }
}

function usesCrossNamespacePodAffinity(spec: Record<string, unknown>): boolean {
  const affinity = (spec.affinity ?? {}) as Record<string, Record<string, unknown[]> | undefined>;
  const terms = [affinity.podAffinity, affinity.podAntiAffinity].flatMap((a) => [
    ...(a?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => (w as { podAffinityTerm?: unknown }).podAffinityTerm),
  ]);
  return terms.some((t) => {
    const term = (t ?? {}) as { namespaces?: unknown[]; namespaceSelector?: unknown };
    return (term.namespaces?.length ?? 0) > 0 || term.namespaceSelector !== undefined;
  });
}

/** The pod evaluator's Constraints: with cpu or memory under quota, every container must state them. */
function podConstraints(required: readonly string[], pod: KubeObject): string | undefined {
  const requiredSet = required.filter((name) => VALIDATION_SET.has(name));
  const missing = new Map<string, Set<string>>();
  const spec = podSpec(pod);
  for (const key of ['containers', 'initContainers']) {
    const containers = Array.isArray(spec[key]) ? (spec[key] as unknown[]) : [];
    for (const container of containers) {
      const usage = computeUsage(containerResources(container, 'requests'), containerResources(container, 'limits'));
      const name = String((container as { name?: unknown } | null)?.name ?? '');
      for (const resource of requiredSet) {
        if (usage.has(resource)) continue;
        const names = missing.get(resource) ?? new Set<string>();
        names.add(name);
        missing.set(resource, names);
      }
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((resource) => `${resource} for: ${[...missing.get(resource)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

const POD_EVALUATOR: QuotaEvaluator = {
  matchingResources: (input) =>
    input.filter((name) => POD_RESOURCES.includes(name) || POD_RESOURCE_PREFIXES.some((p) => name.startsWith(p)) || isExtendedQuotaName(name)),
  usage: (pod, now) => {
    const result: ResourceList = new Map([['count/pods', count(1)]]);
    if (!podCountsForQuota(pod, now)) return result;
    return add(result, computeUsage(podRequests(pod), podLimits(pod)));
  },
  matchesScope: podMatchesScope,
  constraints: podConstraints,
};

/** `isExtendedResourceNameForQuota`: `requests.<extended resource>`. */
function isExtendedQuotaName(name: string): boolean {
  return name.startsWith('requests.') && isExtendedResourceName(name.slice('requests.'.length));
}

const SERVICE_RESOURCES = ['count/services', 'services', 'services.nodeports', 'services.loadbalancers'];

const SERVICE_EVALUATOR: QuotaEvaluator = {
  matchingResources: (input) => input.filter((name) => SERVICE_RESOURCES.includes(name)),
  usage: (service) => {
    const spec = (service.spec ?? {}) as { type?: unknown; ports?: unknown; allocateLoadBalancerNodePorts?: unknown };
    const ports = Array.isArray(spec.ports) ? (spec.ports as { nodePort?: unknown }[]) : [];
    const result: ResourceList = new Map([
      ['count/services', count(1)],
      ['services', count(1)],
      ['services.loadbalancers', ZERO],
      ['services.nodeports', ZERO],
    ]);
    if (spec.type === 'NodePort') result.set('services.nodeports', count(ports.length));
    if (spec.type === 'LoadBalancer') {
      const explicit = ports.filter((p) => typeof p.nodePort === 'number' && p.nodePort !== 0).length;
      result.set('services.nodeports', count(spec.allocateLoadBalancerNodePorts === false ? explicit : ports.length));
      result.set('services.loadbalancers', count(1));
    }
    return result;
  },
  matchesScope: NO_SCOPES,
  constraints: NO_CONSTRAINTS,
};

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const CLAIM_RESOURCES = ['persistentvolumeclaims', 'requests.storage'];

const CLAIM_EVALUATOR: QuotaEvaluator = {
  matchingResources: (input) =>
    input.filter(
      (name) =>
        name === 'count/persistentvolumeclaims' || CLAIM_RESOURCES.includes(name) || CLAIM_RESOURCES.some((r) => name.endsWith(STORAGE_CLASS_SUFFIX + r)),
    ),
  usage: (claim) => {
    const spec = (claim.spec ?? {}) as { storageClassName?: unknown; resources?: { requests?: unknown } };
    const beta = claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
    const className = typeof beta === 'string' && beta !== '' ? beta : typeof spec.storageClassName === 'string' ? spec.storageClassName : '';
    const result: ResourceList = new Map([
      ['persistentvolumeclaims', count(1)],
      ['count/persistentvolumeclaims', count(1)],
    ]);
    if (className !== '') result.set(`${className}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, count(1));
    const requested = parseResourceList(spec.resources?.requests).get('storage');
    const allocated = parseResourceList((claim.status as { allocatedResources?: unknown } | undefined)?.allocatedResources).get('storage');
    const storage = allocated && (!requested || allocated.nanos > requested.nanos) ? allocated : requested;
    if (storage) {
      result.set('requests.storage', storage);
      if (className !== '') result.set(`${className}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return result;
  },
  matchesScope: NO_SCOPES,
  constraints: NO_CONSTRAINTS,
};

/** The evaluator of a resource, or undefined when ResourceQuota ignores it. */
export function evaluatorFor(info: ResourceInfo): QuotaEvaluator | undefined {
  if (!info.namespaced) return undefined;
  const qualified = info.group === '' ? info.resource : `${info.resource}.${info.group}`;
  if (IGNORED.has(qualified)) return undefined;
  if (info.group === '') {
    if (info.resource === 'pods') return POD_EVALUATOR;
    if (info.resource === 'services') return SERVICE_EVALUATOR;
    if (info.resource === 'persistentvolumeclaims') return CLAIM_EVALUATOR;
  }
  return objectCountEvaluator(info, info.group === '' ? LEGACY_COUNT_NAMES[info.resource] : undefined);
}
