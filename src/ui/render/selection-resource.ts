/**
 * The API resource a dashboard selection names: `pod` → `pods`, `ingress` → `ingresses`,
 * `networkpolicy` → `networkpolicies`, `endpoints` stays `endpoints` (kubectl's plural rules).
 */

/** The resource (plural, lower case) for a selection kind, or undefined for non-objects (`etcd-key`, `component`). */
export function selectionResource(kind: string): string | undefined {
  const k = kind.toLowerCase();
  if (k === 'etcd-key' || k === 'component') return undefined;
  if (k === 'endpoints') return k;
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}
