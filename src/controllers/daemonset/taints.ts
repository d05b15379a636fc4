/**
 * Taints and tolerations as the DaemonSet controller checks them (k8s.io/api/core/v1 Toleration
 * methods and pkg/apis/core/v1/helper: ToleratesTaint, FindMatchingUntoleratedTaint,
 * AddOrUpdateTolerationInPodSpec).
 */
import { jsonEqual } from '../../api/equal.js';
import { toleratesTaint, type Taint, type Toleration } from '../../api/taints.js';

export { toleratesTaint, type Taint, type Toleration } from '../../api/taints.js';

/** v1helper.FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (taint: Readonly<Taint>) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!filter(taint)) continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

/** Toleration.MatchToleration: the same key, operator, value and effect. */
function matchToleration(a: Readonly<Toleration>, b: Readonly<Toleration>): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '')
  );
}

/**
 * v1helper.AddOrUpdateTolerationInPodSpec: `tolerations` with `toleration` added, or replacing the
 * matching one (the list is returned unchanged when an identical toleration is there).
 */
export function addOrUpdateToleration(tolerations: readonly Toleration[] | undefined, toleration: Toleration): Toleration[] {
  const out: Toleration[] = [];
  let updated = false;
  for (const existing of tolerations ?? []) {
    if (matchToleration(toleration, existing)) {
      if (jsonEqual(toleration, existing)) return [...(tolerations ?? [])];
      out.push({ ...toleration });
      updated = true;
      continue;
    }
    out.push(existing);
  }
  if (!updated) out.push({ ...toleration });
  return out;
}
