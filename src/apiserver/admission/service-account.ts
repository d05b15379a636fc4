/**
 * The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount, Kubernetes v1.32) on
 * pod creation: the pod runs as its ServiceAccount (`default` when it names none, which
 * defaulting already wrote), which must exist; unless automounting is off it mounts the projected
 * `kube-api-access-<suffix>` token volume in every container; it inherits the account's image pull
 * secrets. Mirror pods are left as they are but may not reference service accounts or secrets.
 */
import type { KubeObject } from '../../api/types.js';
import { MIRROR_POD_ANNOTATION } from '../defaulting/pod-admission.js';
import { mountServiceAccountToken } from '../defaulting/index.js';

/** What the plugin decided: the pod to create, or why it is forbidden. */
export type ServiceAccountAdmission = { ok: true; pod: KubeObject } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function list(value: unknown): Fields[] {
  return Array.isArray(value) ? value.map(fields) : [];
}

/** Volume sources that name a secret (podutil.VisitPodSecretNames), by the field holding the reference. */
const SECRET_VOLUME_REFS: readonly [source: string, field: string][] = [
  ['secret', 'secretName'],
  ['azureFile', 'secretName'],
  ['cephfs', 'secretRef'],
  ['cinder', 'secretRef'],
  ['flexVolume', 'secretRef'],
  ['rbd', 'secretRef'],
  ['scaleIO', 'secretRef'],
  ['iscsi', 'secretRef'],
  ['storageos', 'secretRef'],
  ['csi', 'nodePublishSecretRef'],
];

/** Whether a pod references any secret (podutil.VisitPodSecretNames over all containers). */
function referencesSecrets(spec: Fields): boolean {
  if (list(spec.imagePullSecrets).length > 0) return true;
  const containers = [...list(spec.containers), ...list(spec.initContainers), ...list(spec.ephemeralContainers)];
  for (const container of containers) {
    if (list(container.envFrom).some((source) => source.secretRef !== undefined)) return true;
    if (list(container.env).some((env) => fields(env.valueFrom).secretKeyRef !== undefined)) return true;
  }
  for (const volume of list(spec.volumes)) {
    if (SECRET_VOLUME_REFS.some(([source, field]) => volume[source] !== undefined && fields(volume[source])[field] !== undefined)) return true;
    if (list(fields(volume.projected).sources).some((source) => source.secret !== undefined)) return true;
  }
  return false;
}

/** The plugin's Validate for mirror pods: what a static pod's mirror may not reference. */
function checkMirrorPod(spec: Fields): string | undefined {
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') return 'a mirror pod may not reference service accounts';
  if (referencesSecrets(spec)) return 'a mirror pod may not reference secrets';
  for (const volume of list(spec.volumes)) {
    if (list(fields(volume.projected).sources).some((source) => source.serviceAccountToken !== undefined)) {
      return 'a mirror pod may not use ServiceAccountToken volume projections';
    }
  }
  return undefined;
}

/**
 * Admits a new pod in `namespace`. `serviceAccount` is the stored ServiceAccount the pod names
 * (undefined when there is none); `suffix` draws the token volume's 5 random characters.
 */
export function admitServiceAccount(
  pod: KubeObject,
  namespace: string,
  serviceAccount: KubeObject | undefined,
  suffix: () => string,
): ServiceAccountAdmission {
  const spec = fields(pod.spec);
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
    const refused = checkMirrorPod(spec);
    return refused ? { ok: false, reason: refused } : { ok: true, pod };
  }
  const name = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : '';
  if (!serviceAccount) {
    return { ok: false, reason: `error looking up service account ${namespace}/${name}: serviceaccount ${JSON.stringify(name)} not found` };
  }
  let admitted = mountServiceAccountToken(pod, suffix(), serviceAccount);
  const pullSecrets = list(serviceAccount.imagePullSecrets);
  const admittedSpec = fields(admitted.spec);
  if (list(admittedSpec.imagePullSecrets).length === 0 && pullSecrets.length > 0) {
    admitted = { ...admitted, spec: { ...admittedSpec, imagePullSecrets: pullSecrets.map((s) => ({ name: s.name })) } };
  }
  return { ok: true, pod: admitted };
}
