/**
 * Two mutating admission plugins that act on create only and so stay out of `applyDefaults`
 * (which also runs on updates): the ServiceAccount plugin's token volume, which needs a generated
 * name, and TaintNodesByCondition, whose taint the node lifecycle controller later removes and
 * which must therefore never be added again.
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { child, cloneJson, ensureChild, isFields, items } from './fields.js';
import { MIRROR_POD_ANNOTATION, TAINT_NODE_NOT_READY } from './pod-admission.js';
import { DEFAULT_VOLUME_MODE } from './volumes.js';

/** The prefix of the projected token volume's name (ServiceAccountVolumeName + "-"). */
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
/** Where every container finds its service account token (DefaultAPITokenMountPath). */
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The token lifetime the plugin asks for (serviceaccount.WarnOnlyBoundTokenExpirationSeconds). */
const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;

/** TokenVolumeSource: token, cluster CA and namespace, projected into one volume. */
function tokenVolumeSource(): Fields {
  return {
    defaultMode: DEFAULT_VOLUME_MODE,
    sources: [
      { serviceAccountToken: { expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

/**
 * The ServiceAccount admission plugin's token mount: unless automounting is switched off (on the
 * pod, or else on its ServiceAccount) or the pod is a mirror pod, every container and init
 * container without a mount at the token path mounts a projected `kube-api-access-<suffix>`
 * volume read-only there. `suffix` is the 5 random characters of the generated name.
 */
export function mountServiceAccountToken(pod: KubeObject, suffix: string, serviceAccount?: KubeObject): KubeObject {
  const copy = cloneJson(pod) as KubeObject & Fields;
  const annotations = isFields(copy.metadata) ? child(copy.metadata, 'annotations') : undefined;
  if (annotations && annotations[MIRROR_POD_ANNOTATION] !== undefined) return copy;
  const spec = ensureChild(copy, 'spec');
  const automount = typeof spec.automountServiceAccountToken === 'boolean'
    ? spec.automountServiceAccountToken
    : serviceAccount?.automountServiceAccountToken !== false;
  if (!automount) return copy;

  const existing = items(spec, 'volumes').find((v) => typeof v.name === 'string' && v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const volumeName = typeof existing?.name === 'string' ? existing.name : `${SERVICE_ACCOUNT_VOLUME_PREFIX}${suffix}`;
  let needsTokenVolume = false;
  for (const key of ['initContainers', 'containers'] as const) {
    for (const container of items(spec, key)) {
      const mounts: unknown[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
      if (mounts.some((m) => isFields(m) && m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
      mounts.push({ name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH });
      container.volumeMounts = mounts;
      needsTokenVolume = true;
    }
  }
  if (!existing && needsTokenVolume) {
    const volumes: unknown[] = Array.isArray(spec.volumes) ? spec.volumes : [];
    volumes.push({ name: volumeName, projected: tokenVolumeSource() });
    spec.volumes = volumes;
  }
  return copy;
}

/**
 * The TaintNodesByCondition admission plugin: a new Node starts tainted
 * `node.kubernetes.io/not-ready:NoSchedule`, so nothing is scheduled to it before it reports
 * Ready and the node lifecycle controller lifts the taint.
 */
export function taintNodesByCondition(node: KubeObject): KubeObject {
  const copy = cloneJson(node) as KubeObject & Fields;
  const spec = ensureChild(copy, 'spec');
  const taints: unknown[] = Array.isArray(spec.taints) ? spec.taints : [];
  const tainted = taints.some((t) => isFields(t) && t.key === TAINT_NODE_NOT_READY && t.effect === 'NoSchedule');
  if (!tainted) taints.push({ key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' });
  spec.taints = taints;
  return copy;
}
