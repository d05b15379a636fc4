/**
 * controller.RealPodControl: how workload controllers create and delete pods, with the events
 * Kubernetes records on the owner (`SuccessfulCreate` `Created pod: web-7d4b9-x2kqp`,
 * `FailedCreate` `Error creating: …`, `SuccessfulDelete`, `FailedDelete`).
 */
import type { KubeObject, JsonObject, ObjectMeta, OwnerReference } from '../../api/types.js';
import type { Result } from '../../api/result.js';
import type { Status } from '../../api/status.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';

/** A pod template (`spec.template` of a workload). */
export interface PodTemplate {
  metadata?: ObjectMeta;
  spec?: JsonObject;
}

/** How podFromTemplate names the pod and whether it may share the template's spec. */
export interface PodFromTemplateOptions {
  generateNamePrefix?: string;
  name?: string;
  /**
   * Use the template's own spec object instead of a deep copy: for callers that only hand the pod
   * to the API server (which copies whatever it defaults) and never change it. The template must
   * be frozen, as cached objects are, so that nothing can change it through the pod.
   */
  shareSpec?: boolean;
}

/**
 * controller.GetPodFromTemplate: a new pod from `template`, named by generateName `<prefix>-`
 * unless `name` is given, controlled by `controllerRef`.
 */
export function podFromTemplate(template: PodTemplate, namespace: string, controllerRef: OwnerReference | undefined, options: PodFromTemplateOptions = {}): KubeObject {
  const meta = template.metadata ?? {};
  const metadata: ObjectMeta = { namespace };
  if (options.name !== undefined) metadata.name = options.name;
  else if (options.generateNamePrefix !== undefined) metadata.generateName = `${options.generateNamePrefix}-`;
  if (meta.labels !== undefined) metadata.labels = { ...meta.labels };
  if (meta.annotations !== undefined) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers !== undefined) metadata.finalizers = [...meta.finalizers];
  if (controllerRef !== undefined) metadata.ownerReferences = [{ ...controllerRef }];
  const spec = template.spec ?? {};
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: options.shareSpec === true && Object.isFrozen(spec) ? spec : structuredClone(spec) };
}

/** v1.NamespaceTerminatingCause: the cause kube-apiserver gives when a create fails because the namespace is being deleted. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

/** errors.HasStatusCause(err, NamespaceTerminatingCause): every later create in the namespace will fail too. */
export function hasNamespaceTerminatingCause(status: Status): boolean {
  return status.details?.causes?.some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE) === true;
}

/** Creates and deletes pods on behalf of `owner`, recording the events kube-controller-manager records. */
export class PodControl {
  constructor(
    private readonly api: ApiClient,
    private readonly recorder: EventRecorder,
  ) {}

  /**
   * Creates `pod` (built with `podFromTemplate`); records SuccessfulCreate or FailedCreate on
   * `owner` (no event when the namespace is terminating, as RealPodControl does).
   */
  createPod(owner: Readonly<KubeObject>, pod: KubeObject): Result<KubeObject> {
    const created = this.api.create('pods', pod.metadata.namespace ?? '', pod);
    if (created.ok) this.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.value.metadata.name ?? ''}`);
    else if (!hasNamespaceTerminatingCause(created.status)) this.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${created.status.message ?? ''}`);
    return created;
  }

  /** Deletes the pod `namespace/name`; records SuccessfulDelete or FailedDelete on `owner`. NotFound counts as done. */
  deletePod(owner: Readonly<KubeObject>, namespace: string, name: string): Result<KubeObject> {
    const deleted = this.api.delete('pods', namespace, name);
    if (deleted.ok) this.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    else if (deleted.status.code !== 404) this.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${deleted.status.message ?? ''}`);
    return deleted;
  }
}
