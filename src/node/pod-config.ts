/**
 * The ConfigMaps and Secrets a pod needs before it can run: volumes (the volume manager's
 * MountVolume.SetUp) and environment variables (makeEnvironmentVariables), read with `api.get`.
 * A missing object that is not optional is an error with the kubelet's wording.
 */
import type { ApiClient } from '../apiserver/types.js';
import type { JsonObject } from '../api/types.js';
import type { ContainerSpec, EnvFromSpec, EnvVarSpec, VolumeSpec } from './pod-types.js';

/** A volume that cannot be set up, and why. */
export interface MountFailure {
  volume: string;
  error: string;
}

type Kind = 'configmap' | 'secret';

function resourceOf(kind: Kind): string {
  return kind === 'configmap' ? 'configmaps' : 'secrets';
}

/** The object, or the kubelet's error for a missing one (`configmap "x" not found`); undefined when optional and missing. */
function lookup(api: ApiClient, namespace: string, kind: Kind, name: string, optional: boolean): { data?: JsonObject; error?: string } {
  const got = api.get(resourceOf(kind), namespace, name);
  if (got.ok) {
    const object = got.value as unknown as { data?: JsonObject; binaryData?: JsonObject; stringData?: JsonObject };
    return { data: { ...(object.data ?? {}), ...(object.binaryData ?? {}) } };
  }
  if (got.status.code === 404) return optional ? {} : { error: `${kind} "${name}" not found` };
  return { error: got.status.message ?? `failed to get ${kind} "${name}"` };
}

/** Why a volume's ConfigMap or Secret cannot be mounted (`configmap "x" not found`); undefined when it can (or is optional). */
function missing(api: ApiClient, namespace: string, kind: Kind, name: string, optional: boolean): string | undefined {
  const got = api.get(resourceOf(kind), namespace, name);
  if (got.ok) return undefined;
  if (got.status.code === 404) return optional ? undefined : `${kind} "${name}" not found`;
  return got.status.message ?? `failed to get ${kind} "${name}"`;
}

/** The first error among a volume's sources, in the order the volume lists them. */
function volumeError(api: ApiClient, namespace: string, volume: VolumeSpec): string | undefined {
  let error: string | undefined;
  if (volume.configMap) error = missing(api, namespace, 'configmap', volume.configMap.name ?? '', volume.configMap.optional === true);
  if (error === undefined && volume.secret) error = missing(api, namespace, 'secret', volume.secret.secretName ?? '', volume.secret.optional === true);
  for (const source of volume.projected?.sources ?? []) {
    if (error !== undefined) break;
    if (source.configMap) error = missing(api, namespace, 'configmap', source.configMap.name ?? '', source.configMap.optional === true);
    if (error === undefined && source.secret) error = missing(api, namespace, 'secret', source.secret.name ?? '', source.secret.optional === true);
  }
  return error;
}

/** Every volume of the pod whose ConfigMap or Secret is missing (one failure per volume). */
export function mountFailures(api: ApiClient, namespace: string, volumes: readonly VolumeSpec[] | undefined): MountFailure[] {
  const failures: MountFailure[] = [];
  if (volumes === undefined) return failures;
  for (const volume of volumes) {
    const error = volumeError(api, namespace, volume);
    if (error !== undefined) failures.push({ volume: volume.name, error });
  }
  return failures;
}

/** The CreateContainerConfigError message for a container whose env cannot be built, if any. */
export function containerConfigError(api: ApiClient, namespace: string, container: ContainerSpec): string | undefined {
  const envFrom = (container.envFrom ?? []) as unknown as EnvFromSpec[];
  for (const source of envFrom) {
    if (source.configMapRef) {
      const { error } = lookup(api, namespace, 'configmap', source.configMapRef.name ?? '', source.configMapRef.optional === true);
      if (error !== undefined) return error;
    }
    if (source.secretRef) {
      const { error } = lookup(api, namespace, 'secret', source.secretRef.name ?? '', source.secretRef.optional === true);
      if (error !== undefined) return error;
    }
  }
  const env = (container.env ?? []) as unknown as EnvVarSpec[];
  for (const variable of env) {
    const from = variable.valueFrom;
    const ref = from?.configMapKeyRef ?? from?.secretKeyRef;
    if (ref === undefined) continue;
    const kind: Kind = from?.configMapKeyRef ? 'configmap' : 'secret';
    const optional = ref.optional === true;
    const name = ref.name ?? '';
    const { data, error } = lookup(api, namespace, kind, name, optional);
    if (error !== undefined) return error;
    if (data !== undefined && data[ref.key] === undefined && !optional) {
      return `couldn't find key ${ref.key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${namespace}/${name}`;
    }
  }
  return undefined;
}
