/**
 * Whether a node satisfies a pod's required node placement: `spec.nodeSelector` and
 * `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`
 * (k8s.io/component-helpers/scheduling/corev1/nodeaffinity.GetRequiredNodeAffinity(pod).Match).
 * A term with an invalid requirement matches nothing, as Kubernetes ignores parse errors there.
 */
import type { KubeObject } from '../../api/types.js';

/** core/v1 NodeSelectorRequirement. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** core/v1 NodeSelectorTerm. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** The parts of a pod spec that place it on nodes. */
export interface NodePlacement {
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } };
}

const INTEGER = /^[+-]?[0-9]+$/;

function matchesLabel(r: Readonly<NodeSelectorRequirement>, labels: Readonly<Record<string, string>>): boolean | undefined {
  const values = r.values ?? [];
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  switch (r.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return has && values.includes(value ?? '');
    case 'NotIn':
      if (values.length === 0) return undefined;
      return !has || !values.includes(value ?? '');
    case 'Exists':
      return values.length > 0 ? undefined : has;
    case 'DoesNotExist':
      return values.length > 0 ? undefined : !has;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INTEGER.test(values[0]!)) return undefined;
      if (!has || !INTEGER.test(value ?? '')) return false;
      const bound = Number(values[0]);
      const n = Number(value);
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return undefined;
  }
}

function matchesField(r: Readonly<NodeSelectorRequirement>, nodeName: string): boolean | undefined {
  if (r.key !== 'metadata.name' || (r.values ?? []).length !== 1) return undefined;
  if (r.operator === 'In') return r.values![0] === nodeName;
  if (r.operator === 'NotIn') return r.values![0] !== nodeName;
  return undefined;
}

function termMatches(term: Readonly<NodeSelectorTerm>, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  for (const r of expressions) if (matchesLabel(r, labels) !== true) return false;
  for (const r of fields) if (matchesField(r, nodeName) !== true) return false;
  return true;
}

/** RequiredNodeAffinity.Match: the node has every nodeSelector label and matches one required term (if any). */
export function matchesRequiredNodeAffinity(spec: Readonly<NodePlacement>, node: Readonly<KubeObject>): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) {
    if (labels[key] !== value) return false;
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined || required === null) return true;
  const nodeName = node.metadata.name ?? '';
  return (required.nodeSelectorTerms ?? []).some((term) => termMatches(term, labels, nodeName));
}
