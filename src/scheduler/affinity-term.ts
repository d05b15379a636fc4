/**
 * framework.AffinityTerm: a pod (anti-)affinity term compiled once per pod: the label selector,
 * the namespaces it applies to (the pod's own when none are named), and the namespace selector.
 */
import { labelSelectorAsSelector, nothing, type Labels, type Selector } from '../api/label-selector.js';
import type { KubeObject } from '../api/types.js';
import type { PodAffinityTerm, WeightedPodAffinityTerm } from './types.js';

/** A compiled pod affinity term. */
export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly selector: Selector;
  readonly topologyKey: string;
  readonly namespaceSelector: Selector;
}

/** A compiled preferred term with its weight. */
export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

function selectorOf(ls: PodAffinityTerm['labelSelector']): Selector {
  const parsed = labelSelectorAsSelector(ls ?? undefined);
  return parsed.ok ? parsed.value : nothing;
}

/** newAffinityTerm: compiles a term of a pod in namespace `namespace`. */
export function newAffinityTerm(namespace: string, term: PodAffinityTerm): AffinityTerm {
  const names = term.namespaces ?? [];
  const namespaces = names.length === 0 && (term.namespaceSelector === undefined || term.namespaceSelector === null) ? new Set([namespace]) : new Set(names);
  return {
    namespaces,
    selector: selectorOf(term.labelSelector),
    topologyKey: term.topologyKey,
    namespaceSelector: selectorOf(term.namespaceSelector),
  };
}

/** Compiles required terms. */
export function affinityTerms(namespace: string, terms: readonly PodAffinityTerm[] | undefined): AffinityTerm[] {
  return (terms ?? []).map((t) => newAffinityTerm(namespace, t));
}

/** Compiles preferred terms (weight-0 terms are dropped). */
export function weightedAffinityTerms(namespace: string, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  const out: WeightedAffinityTerm[] = [];
  for (const t of terms ?? []) {
    if (!t.weight) continue;
    out.push({ ...newAffinityTerm(namespace, t.podAffinityTerm), weight: t.weight });
  }
  return out;
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces (by name or namespace labels) and its labels match. */
export function termMatches(term: AffinityTerm, pod: KubeObject, namespaceLabels: Labels): boolean {
  if (term.namespaces.has(pod.metadata.namespace ?? '') || term.namespaceSelector.test(namespaceLabels)) {
    return term.selector.test(pod.metadata.labels);
  }
  return false;
}
