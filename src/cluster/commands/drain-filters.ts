/**
 * Which pods `kubectl drain` evicts (k8s.io/kubectl/pkg/drain filters.go, v1.32): DaemonSet pods
 * and mirror pods stay; pods with emptyDir data and pods no controller owns stop the drain unless
 * the user says `--delete-emptydir-data` / `--force`. Pure.
 */
import type { KubeObject } from '../../api/types.js';

/** The flags that change what drain may evict. */
export interface DrainFilterOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
}

/** The pods to evict, with kubectl's warnings and the errors that stop the drain. */
export interface PodDeleteList {
  pods: KubeObject[];
  /** `ignoring DaemonSet-managed Pods: default/x` (joined with `; ` after `Warning: `). */
  warnings: string[];
  /** `cannot delete Pods declare no controller (use --force to override): default/x`. */
  errors: string[];
}

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'Pods declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

/** The mirror-pod annotation the kubelet puts on static pods' API objects. */
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

type Verdict = { delete: boolean; warning?: string; error?: string; skip?: boolean };

function isFinished(pod: KubeObject): boolean {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function controllerKind(pod: KubeObject): string | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true)?.kind;
}

function hasEmptyDir(pod: KubeObject): boolean {
  const volumes = (pod['spec'] as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? [];
  return volumes.some((v) => v.emptyDir != null);
}

/** The filters in kubectl's order; the first that does not say "delete" decides. */
function verdict(pod: KubeObject, options: DrainFilterOptions): Verdict {
  const kind = controllerKind(pod);
  if (kind === 'DaemonSet') {
    return options.ignoreDaemonSets ? { delete: false, warning: DAEMONSET_WARNING } : { delete: false, error: DAEMONSET_FATAL };
  }
  if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) return { delete: false, skip: true };
  let warning: string | undefined;
  if (!isFinished(pod) && hasEmptyDir(pod)) {
    if (!options.deleteEmptyDirData) return { delete: false, error: LOCAL_STORAGE_FATAL };
    warning = LOCAL_STORAGE_WARNING;
  }
  if (!isFinished(pod) && kind === undefined) {
    if (!options.force) return { delete: false, error: UNMANAGED_FATAL };
    warning = UNMANAGED_WARNING;
  }
  return warning === undefined ? { delete: true } : { delete: true, warning };
}

/** GetPodsForDeletion over the pods bound to the node. */
export function podsForDeletion(pods: readonly KubeObject[], options: DrainFilterOptions): PodDeleteList {
  const warned = new Map<string, string[]>();
  const failed = new Map<string, string[]>();
  const out: KubeObject[] = [];
  for (const pod of pods) {
    const v = verdict(pod, options);
    const ref = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    if (v.error !== undefined) failed.set(v.error, [...(failed.get(v.error) ?? []), ref]);
    else if (v.warning !== undefined) warned.set(v.warning, [...(warned.get(v.warning) ?? []), ref]);
    if (v.delete) out.push(pod);
  }
  return {
    pods: failed.size > 0 ? [] : out,
    warnings: [...warned].map(([msg, refs]) => `${msg}: ${refs.join(', ')}`),
    errors: [...failed].map(([msg, refs]) => `cannot delete ${msg}: ${refs.join(', ')}`),
  };
}

/** utilerrors.NewAggregate(errs).Error(): one message as it is, several as `[a, b]`. */
export function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}
