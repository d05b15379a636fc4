/**
 * Node selectors as component-helpers/scheduling/corev1/nodeaffinity matches them: a pod's
 * `nodeSelector` map ANDed with its required node affinity (terms ORed, requirements within a
 * term ANDed, `matchFields` only on `metadata.name`), and preferred terms summed by weight.
 * Compiled once per pod; matching a node is a few property reads.
 */
import type { Labels } from '../api/label-selector.js';
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from './types.js';

type NodeTest = (labels: Labels, name: string) => boolean;

const INTEGER = /^[+-]?[0-9]+$/;

function has(labels: Labels, key: string): boolean {
  return labels !== undefined && Object.hasOwn(labels, key);
}

/** One requirement over labels, or undefined when it does not parse (the term then matches nothing). */
function labelRequirement(r: NodeSelectorRequirement): NodeTest | undefined {
  const values = r.values ?? [];
  const { key } = r;
  switch (r.operator) {
    case 'In': {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return (l) => has(l, key) && set.has(l![key]!);
    }
    case 'NotIn': {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return (l) => !has(l, key) || !set.has(l![key]!);
    }
    case 'Exists':
      return values.length === 0 ? (l) => has(l, key) : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? (l) => !has(l, key) : undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INTEGER.test(values[0]!)) return undefined;
      const wanted = Number(values[0]);
      const greater = r.operator === 'Gt';
      return (l) => {
        if (!has(l, key) || !INTEGER.test(l![key]!)) return false;
        const v = Number(l![key]);
        return greater ? v > wanted : v < wanted;
      };
    }
    default:
      return undefined;
  }
}

/** A `matchFields` requirement: only `metadata.name` with In/NotIn and exactly one value. */
function fieldRequirement(r: NodeSelectorRequirement): NodeTest | undefined {
  const values = r.values ?? [];
  if (r.key !== 'metadata.name' || values.length !== 1) return undefined;
  const value = values[0]!;
  if (r.operator === 'In') return (_l, name) => name === value;
  if (r.operator === 'NotIn') return (_l, name) => name !== value;
  return undefined;
}

function isEmptyTerm(term: NodeSelectorTerm | undefined | null): boolean {
  return term === undefined || term === null || ((term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0);
}

/** A compiled term; a term that does not parse never matches. */
function compileTerm(term: NodeSelectorTerm): NodeTest {
  const tests: NodeTest[] = [];
  for (const r of term.matchExpressions ?? []) {
    const t = labelRequirement(r);
    if (t === undefined) return () => false;
    tests.push(t);
  }
  for (const r of term.matchFields ?? []) {
    const t = fieldRequirement(r);
    if (t === undefined) return () => false;
    tests.push(t);
  }
  return (labels, name) => {
    for (const t of tests) if (!t(labels, name)) return false;
    return true;
  };
}

/** nodeaffinity.NodeSelector: ORed terms (empty terms select nothing). */
export function compileNodeSelectorTerms(terms: readonly NodeSelectorTerm[] | undefined): (node: Node) => boolean {
  const compiled = (terms ?? []).filter((t) => !isEmptyTerm(t)).map(compileTerm);
  return (node) => {
    const labels = node.metadata.labels;
    const name = node.metadata.name ?? '';
    for (const t of compiled) if (t(labels, name)) return true;
    return false;
  };
}

/** nodeaffinity.RequiredNodeAffinity: `spec.nodeSelector` AND required node affinity. Undefined when the pod has neither. */
export interface RequiredNodeAffinity {
  match(node: Node): boolean;
}

/** nodeaffinity.GetRequiredNodeAffinity. */
export function getRequiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const selector = pod.spec.nodeSelector;
  const entries = selector ? Object.entries(selector) : [];
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required !== undefined && required !== null ? compileNodeSelectorTerms(required.nodeSelectorTerms) : undefined;
  return {
    match(node: Node): boolean {
      const labels = node.metadata.labels;
      for (const [k, v] of entries) if (labels === undefined || labels[k] !== v || !Object.hasOwn(labels, k)) return false;
      return terms === undefined || terms(node);
    },
  };
}

/** True when the pod constrains nodes by `nodeSelector` or required node affinity. */
export function hasRequiredNodeAffinity(pod: Pod): boolean {
  return pod.spec.nodeSelector !== undefined || (pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? undefined) !== undefined;
}

/** nodeaffinity.PreferredSchedulingTerms: the summed weight of the matching terms. */
export function compilePreferredTerms(terms: readonly PreferredSchedulingTerm[]): ((node: Node) => number) | undefined {
  const compiled: { weight: number; test: NodeTest }[] = [];
  for (const t of terms) {
    if (!t.weight || isEmptyTerm(t.preference)) continue;
    compiled.push({ weight: t.weight, test: compileTerm(t.preference) });
  }
  if (compiled.length === 0) return undefined;
  return (node) => {
    let score = 0;
    for (const t of compiled) if (t.test(node.metadata.labels, node.metadata.name ?? '')) score += t.weight;
    return score;
  };
}
