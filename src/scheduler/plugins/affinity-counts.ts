/**
 * Helpers shared by InterPodAffinity's filtering and scoring: counts per topology domain, the
 * incoming pod's terms with their namespace selectors resolved to namespace names
 * (mergeAffinityTermNamespacesIfNotEmpty), and the namespace labels snapshot.
 */
import { isEmptySelector, nothing, type Labels } from '../../api/label-selector.js';
import { termMatches, type AffinityTerm } from '../affinity-term.js';
import type { SchedulerListers } from '../framework/interface.js';
import type { Node, Pod } from '../types.js';

/** topologyToMatchedTermCount, keyed by `key\0value`. */
export type TopologyCounts = Map<string, number>;

/** topologyToMatchedTermCount.update: adds `value` to the node's domain of `topologyKey` (dropping zeros). */
export function updateCount(counts: TopologyCounts, node: Node, topologyKey: string, value: number): void {
  const tv = node.metadata.labels?.[topologyKey];
  if (tv === undefined) return;
  const pair = `${topologyKey}\u0000${tv}`;
  const n = (counts.get(pair) ?? 0) + value;
  if (n === 0) counts.delete(pair);
  else counts.set(pair, n);
}

/** podMatchesAllAffinityTerms (terms with merged namespaces, so no namespace labels are needed). */
export function podMatchesAllTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, undefined)) return false;
  return true;
}

/** updateWithAffinityTerms: when `pod` matches all terms, each term's domain on `node` counts. */
export function updateWithAffinityTerms(counts: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, node: Node, value: number): void {
  if (!podMatchesAllTerms(terms, pod)) return;
  for (const t of terms) updateCount(counts, node, t.topologyKey, value);
}

/** updateWithAntiAffinityTerms: each term `pod` matches counts its domain on `node`. */
export function updateWithAntiAffinityTerms(counts: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels, node: Node, value: number): void {
  for (const t of terms) if (termMatches(t, pod, nsLabels)) updateCount(counts, node, t.topologyKey, value);
}

/** mergeAffinityTermNamespacesIfNotEmpty: resolves a term's namespace selector to names. */
export function mergeNamespaces<T extends AffinityTerm>(term: T, listers: SchedulerListers): T {
  if (isEmptySelector(term.namespaceSelector)) return term;
  const namespaces = new Set(term.namespaces);
  for (const ns of listers.namespaces.list(term.namespaceSelector)) namespaces.add(ns.metadata.name ?? '');
  return { ...term, namespaces, namespaceSelector: nothing };
}

/** GetNamespaceLabelsSnapshot: the labels of a namespace, as the informer has them. */
export function namespaceLabels(listers: SchedulerListers, namespace: string): Labels {
  return listers.namespaces.get('', namespace)?.metadata.labels;
}
