/**
 * What makes a pod a daemon pod (pkg/controller/daemon/util): the tolerations every daemon pod
 * carries, the template labels (`controller-revision-hash`, `pod-template-generation`), the
 * required node affinity that pins a pod to its node for the default scheduler, and how a pod's
 * target node and revision are read back.
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import { parseTime } from '../../api/time.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../common/controller-history.js';
import type { PodTemplate } from '../common/pod-control.js';
import { addOrUpdateToleration, type Toleration } from './taints.js';
import type { DaemonPod, DaemonSet } from './types.js';

/** extensions.DaemonSetTemplateGenerationKey: the label of the template generation a pod was made from. */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** apps.DeprecatedTemplateGeneration: the annotation kube-apiserver keeps the template generation in. */
export const DEPRECATED_TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });

/**
 * util.AddOrUpdateDaemonPodTolerations: daemon pods survive not-ready and unreachable nodes
 * (no tolerationSeconds), node pressure and cordons, and (with hostNetwork) an unready network.
 */
export function daemonPodTolerations(spec: Readonly<JsonObject>): Toleration[] {
  let tolerations = (spec['tolerations'] as Toleration[] | undefined) ?? [];
  tolerations = addOrUpdateToleration(tolerations, exists('node.kubernetes.io/not-ready', 'NoExecute'));
  tolerations = addOrUpdateToleration(tolerations, exists('node.kubernetes.io/unreachable', 'NoExecute'));
  tolerations = addOrUpdateToleration(tolerations, exists('node.kubernetes.io/disk-pressure', 'NoSchedule'));
  tolerations = addOrUpdateToleration(tolerations, exists('node.kubernetes.io/memory-pressure', 'NoSchedule'));
  tolerations = addOrUpdateToleration(tolerations, exists('node.kubernetes.io/pid-pressure', 'NoSchedule'));
  tolerations = addOrUpdateToleration(tolerations, exists('node.kubernetes.io/unschedulable', 'NoSchedule'));
  if (spec['hostNetwork'] === true) {
    tolerations = addOrUpdateToleration(tolerations, exists('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  }
  return tolerations;
}

/**
 * util.GetTemplateGeneration: the template generation from the deprecated annotation. Without it
 * (a server that does not write it), the DaemonSet's generation stands in.
 */
export function templateGeneration(ds: Readonly<DaemonSet>): number | undefined {
  const annotation = ds.metadata.annotations?.[DEPRECATED_TEMPLATE_GENERATION_ANNOTATION];
  if (annotation === undefined) return ds.metadata.generation;
  return /^-?[0-9]+$/.test(annotation) ? Number(annotation) : undefined;
}

/** util.CreatePodTemplate: the template with the daemon tolerations and the generation and hash labels. */
export function daemonPodTemplate(ds: Readonly<DaemonSet>, generation: number | undefined, hash: string): PodTemplate {
  const template = ds.spec?.template ?? {};
  const spec: JsonObject = { ...structuredClone(template.spec ?? {}) };
  spec['tolerations'] = daemonPodTolerations(spec) as unknown as JsonObject[];
  const labels: Record<string, string> = { ...template.metadata?.labels };
  if (generation !== undefined) labels[POD_TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash !== '') labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  return { metadata: { ...template.metadata, labels }, spec };
}

/**
 * util.ReplaceDaemonSetPodNodeNameNodeAffinity: the pod spec with its required node affinity
 * replaced by `metadata.name In [node]`, so that the default scheduler binds it there.
 */
export function withNodeNameAffinity(spec: Readonly<JsonObject>, nodeName: string): JsonObject {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const affinity = { ...((spec['affinity'] as JsonObject | undefined) ?? {}) };
  const nodeAffinity = { ...((affinity['nodeAffinity'] as JsonObject | undefined) ?? {}) };
  const required = { ...((nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject | undefined) ?? {}) };
  required['nodeSelectorTerms'] = [term];
  nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'] = required;
  affinity['nodeAffinity'] = nodeAffinity;
  return { ...spec, affinity };
}

/** util.GetTargetNodeName: `spec.nodeName`, or the node a pending pod's `metadata.name` affinity names. */
export function targetNodeName(pod: Readonly<DaemonPod>): string | undefined {
  const spec = (pod.spec ?? {}) as { nodeName?: string; affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { key: string; operator: string; values?: string[] }[] }[] } } } };
  if (spec.nodeName) return spec.nodeName;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In') return field.values?.length === 1 ? field.values[0] : undefined;
    }
  }
  return undefined;
}

/** util.IsPodUpdated: the pod carries the current revision hash or the current template generation. */
export function isPodUpdated(pod: Readonly<KubeObject>, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[POD_TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash !== '' && labels[CONTROLLER_REVISION_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest first, then by name. */
export function compareByCreationTimestampAndPhase(a: Readonly<DaemonPod>, b: Readonly<DaemonPod>): number {
  const aScheduled = Boolean(a.spec?.nodeName);
  const bScheduled = Boolean(b.spec?.nodeName);
  if (aScheduled !== bScheduled) return aScheduled ? -1 : 1;
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}
