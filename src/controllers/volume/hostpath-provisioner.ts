/**
 * minikube's storage-provisioner (the `k8s.io/minikube-hostpath` external provisioner, built on
 * sig-storage-lib-external-provisioner): it provisions a hostPath PersistentVolume `pvc-<uid>`
 * under /tmp/hostpath-provisioner/<namespace>/<claim> for every claim the PV controller hands to
 * it, and deletes the volumes it made once they are Released with reclaim policy Delete. Not a
 * kube-controller-manager controller upstream (a pod in kube-system), but run the same way here.
 */
import type { KubeObject } from '../../api/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import { splitMetaNamespaceKey } from '../../client/store.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { HOSTPATH_PROVISIONER, isDelayBinding, type StorageClass } from './storage-class.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  claimKey,
  claimReference,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from './types.js';

/** Where the provisioner makes its directories (on the minikube node). */
export const HOSTPATH_PROVISIONER_DIR = '/tmp/hostpath-provisioner';
/** The annotation naming the provisioner instance that made a volume. */
export const ANN_HOSTPATH_PROVISIONER_IDENTITY = 'hostPathProvisionerIdentity';
/** The host the provisioner runs on, as its event source names it. */
const PROVISIONER_HOST = 'minikube';

/** The hostpath provisioner. */
export class HostPathProvisioner implements Controller {
  readonly name = 'storage-provisioner';
  /** Its identity, written on every volume it makes; it deletes only volumes carrying it. */
  readonly identity: string;
  private readonly claimQueue: RateLimitingQueue;
  private readonly volumeQueue: RateLimitingQueue;
  private readonly claims: Lister<PersistentVolumeClaim>;
  private readonly volumes: Lister<PersistentVolume>;
  private readonly classes: Lister<StorageClass>;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    this.identity = ctx.random.uuid();
    // The library's identity (`<provisioner>_<host>_<uuid>`) is its event source.
    this.recorder = ctx.recorder(`${HOSTPATH_PROVISIONER}_${PROVISIONER_HOST}_${ctx.random.uuid()}`);
    this.claimQueue = new RateLimitingQueue(ctx.clock, { name: 'claims' });
    this.volumeQueue = new RateLimitingQueue(ctx.clock, { name: 'volumes' });
    const claimInformer = ctx.informers.informer<PersistentVolumeClaim>('persistentvolumeclaims');
    const volumeInformer = ctx.informers.informer<PersistentVolume>('persistentvolumes');
    this.claims = claimInformer.lister;
    this.volumes = volumeInformer.lister;
    this.classes = ctx.informers.informer<StorageClass>('storageclasses').lister;
    claimInformer.addEventHandler({ onAdd: (c) => this.claimQueue.add(claimKey(c)), onUpdate: (_o, c) => this.claimQueue.add(claimKey(c)) });
    volumeInformer.addEventHandler({ onAdd: (v) => this.volumeQueue.add(v.metadata.name ?? ''), onUpdate: (_o, v) => this.volumeQueue.add(v.metadata.name ?? '') });
  }

  run(): void {
    this.claimQueue.run((key) => this.syncClaim(key));
    this.volumeQueue.run((name) => this.syncVolume(name));
  }

  stop(): void {
    this.claimQueue.shutDown();
    this.volumeQueue.shutDown();
  }

  queues(): WorkQueueMetrics[] {
    return [this.claimQueue.metrics(), this.volumeQueue.metrics()];
  }

  /** syncClaim: provision when shouldProvision. */
  syncClaim(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const claim = this.claims.get(namespace, name);
    if (claim === undefined) return 'done';
    const storageClass = this.shouldProvision(claim);
    if (storageClass === undefined) return 'done';
    return this.provisionClaimOperation(claim, storageClass);
  }

  /** shouldProvision: an unbound claim handed to this provisioner, of one of its classes, not provisioned yet. */
  private shouldProvision(claim: PersistentVolumeClaim): StorageClass | undefined {
    if (claim.spec?.volumeName || claim.metadata.deletionTimestamp != null) return undefined;
    const annotations = claim.metadata.annotations ?? {};
    const requested = annotations[ANN_STORAGE_PROVISIONER] ?? annotations[ANN_BETA_STORAGE_PROVISIONER];
    if (requested !== HOSTPATH_PROVISIONER) return undefined;
    const storageClass = this.classes.get('', claimClass(claim));
    if (storageClass?.provisioner !== HOSTPATH_PROVISIONER) return undefined;
    if (isDelayBinding(storageClass) && annotations[ANN_SELECTED_NODE] === undefined) return undefined;
    if (this.volumes.get('', volumeNameFor(claim)) !== undefined) return undefined;
    return storageClass;
  }

  /** provisionClaimOperation: Provisioning, the volume, ProvisioningSucceeded. */
  private provisionClaimOperation(claim: PersistentVolumeClaim, storageClass: StorageClass): SyncResult {
    const namespace = claim.metadata.namespace ?? '';
    const claimName = claim.metadata.name ?? '';
    this.recorder.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim ${JSON.stringify(`${namespace}/${claimName}`)}`);
    const name = volumeNameFor(claim);
    const spec: Record<string, unknown> = {
      accessModes: [...(claim.spec?.accessModes ?? [])],
      capacity: { storage: claim.spec?.resources?.requests?.['storage'] ?? '0' },
      claimRef: claimReference(claim),
      hostPath: { path: `${HOSTPATH_PROVISIONER_DIR}/${namespace}/${claimName}`, type: '' },
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      storageClassName: claimClass(claim),
    };
    if (claim.spec?.volumeMode) spec['volumeMode'] = claim.spec.volumeMode;
    if (storageClass.mountOptions) spec['mountOptions'] = [...storageClass.mountOptions];
    const volume: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { [ANN_HOSTPATH_PROVISIONER_IDENTITY]: this.identity, [ANN_DYNAMICALLY_PROVISIONED]: HOSTPATH_PROVISIONER } },
      spec,
    };
    const created = this.ctx.api.create('persistentvolumes', '', volume);
    if (!created.ok && created.status.code !== 409) {
      this.recorder.event(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass ${JSON.stringify(storageClass.metadata.name ?? '')}: ${created.status.message ?? ''}`);
      return 'requeue';
    }
    this.recorder.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
    return 'done';
  }

  /** syncVolume: delete a Released volume of ours whose reclaim policy is Delete. */
  syncVolume(name: string): SyncResult {
    const volume = this.volumes.get('', name);
    if (volume === undefined || volume.metadata.deletionTimestamp != null) return 'done';
    if (volume.status?.phase !== 'Released' || volume.spec?.persistentVolumeReclaimPolicy !== 'Delete') return 'done';
    if (volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== HOSTPATH_PROVISIONER) return 'done';
    // Another instance's volume (minikube's IgnoredError "identity annotation on PV does not match ours").
    if (volume.metadata.annotations?.[ANN_HOSTPATH_PROVISIONER_IDENTITY] !== this.identity) return 'done';
    const deleted = this.ctx.api.delete('persistentvolumes', '', name);
    if (deleted.ok || deleted.status.code === 404) return 'done';
    this.recorder.event(volume, 'Warning', 'VolumeFailedDelete', deleted.status.message ?? '');
    return 'requeue';
  }
}

/** The provisioned volume's name: `pvc-<claim uid>`. */
export function volumeNameFor(claim: Readonly<KubeObject>): string {
  return `pvc-${claim.metadata.uid ?? ''}`;
}

/** Registered as `storage-provisioner`, next to `persistentvolume-binder`. */
export const hostPathProvisionerFactory: ControllerFactory = (ctx) => new HostPathProvisioner(ctx);
