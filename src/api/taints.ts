/**
 * Taints and tolerations as k8s.io/api/core/v1 and pkg/apis/core/v1/helper match them, shared by
 * kube-scheduler (TaintToleration) and the controllers that decide where pods may run (DaemonSet).
 */

/** core/v1 Toleration. */
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** core/v1 Taint. */
export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/** Toleration.ToleratesTaint: effect and key must match when set (empty matches all); `Exists` ignores the value. */
export function toleratesTaint(toleration: Readonly<Toleration>, taint: Readonly<Taint>): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** v1helper.TolerationsTolerateTaint. */
export function tolerationsTolerateTaint(tolerations: readonly Readonly<Toleration>[], taint: Readonly<Taint>): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}
