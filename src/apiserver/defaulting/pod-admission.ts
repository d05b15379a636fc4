/**
 * The mutating admission plugins of a default kube-apiserver that change every new pod besides
 * Priority (priority.ts): ServiceAccount (`serviceAccountName: default`) and
 * DefaultTolerationSeconds (tolerate `not-ready` and `unreachable` nodes for 300 s).
 */
import type { Fields } from './fields.js';
import { child, defaultString, items } from './fields.js';

/** The service account a pod runs as when it names none. */
export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
/** The annotation that marks a kubelet's mirror of a static pod (v1.MirrorPodAnnotationKey). */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** The taint of a node whose Ready condition is False (v1.TaintNodeNotReady). */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** The taint of a node whose Ready condition is Unknown (v1.TaintNodeUnreachable). */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** DefaultTolerationSeconds' --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * The ServiceAccount admission plugin's default: pods (other than mirror pods) that name no
 * service account run as `default`.
 */
export function admitServiceAccountName(metadata: Fields, spec: Fields): void {
  const annotations = child(metadata, 'annotations');
  if (annotations && annotations[MIRROR_POD_ANNOTATION] !== undefined) return;
  defaultString(spec, 'serviceAccountName', DEFAULT_SERVICE_ACCOUNT_NAME);
}

/** Whether a toleration tolerates `key:NoExecute` (an empty key or effect matches all). */
function toleratesNoExecute(toleration: Fields, key: string): boolean {
  const tolerationKey = toleration.key ?? '';
  const effect = toleration.effect ?? '';
  return (tolerationKey === key || tolerationKey === '') && (effect === 'NoExecute' || effect === '');
}

/**
 * The DefaultTolerationSeconds admission plugin: a pod that does not already tolerate the
 * `not-ready` or `unreachable` NoExecute taint gets a toleration of it for 300 seconds, so its
 * node's failure evicts it after five minutes.
 */
export function admitDefaultTolerationSeconds(spec: Fields): void {
  const tolerations = items(spec, 'tolerations');
  const toleratesNotReady = tolerations.some((t) => toleratesNoExecute(t, TAINT_NODE_NOT_READY));
  const toleratesUnreachable = tolerations.some((t) => toleratesNoExecute(t, TAINT_NODE_UNREACHABLE));
  if (toleratesNotReady && toleratesUnreachable) return;
  const list: unknown[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const added = (key: string): Fields => ({
    key,
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
  });
  if (!toleratesNotReady) list.push(added(TAINT_NODE_NOT_READY));
  if (!toleratesUnreachable) list.push(added(TAINT_NODE_UNREACHABLE));
  spec.tolerations = list;
}
