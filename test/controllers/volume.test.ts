import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { persistentVolumeControllerFactory } from '../../src/controllers/volume/pv-controller.js';
import { hostPathProvisionerFactory } from '../../src/controllers/volume/hostpath-provisioner.js';
import { defaultStorageClass } from '../../src/controllers/volume/storage-class.js';
import { findBestMatchForClaim } from '../../src/controllers/volume/volume-match.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../src/controllers/volume/types.js';
import { eventsFor, getObject, mustCreate, names, startControllers } from './garbagecollector-harness.js';

function pv(name: string, size: string, extra: { className?: string; policy?: string; modes?: string[]; path?: string; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: {
      storageClassName: extra.className ?? 'manual',
      capacity: { storage: size },
      accessModes: extra.modes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: extra.policy ?? 'Retain',
      hostPath: { path: extra.path ?? '/mnt/data' },
    },
  };
}

function pvc(name: string, size: string, className?: string | null, modes = ['ReadWriteOnce']): KubeObject {
  const spec: Record<string, unknown> = { accessModes: modes, resources: { requests: { storage: size } } };
  if (className !== null && className !== undefined) spec['storageClassName'] = className;
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec };
}

function phase(obj: KubeObject | undefined): string | undefined {
  return (obj?.['status'] as { phase?: string } | undefined)?.phase;
}

function startPv(before?: (api: ApiClient) => void) {
  return startControllers(
    [
      ['persistentvolume-binder', persistentVolumeControllerFactory],
      ['storage-provisioner', hostPathProvisionerFactory],
    ],
    before ? { before } : {},
  );
}

test('a new volume becomes Available', (t) => {
  const h = startPv();
  mustCreate(h.api, 'persistentvolumes', '', pv('task-pv-volume', '10Gi'));
  h.settle();
  t.is(phase(getObject(h.api, 'persistentvolumes', '', 'task-pv-volume')), 'Available');
  t.deepEqual(h.writes, ['update persistentvolumes/status task-pv-volume']);
  h.dispose();
});

test('a claim binds to a matching Available volume: both halves, annotations and status', (t) => {
  const h = startPv();
  mustCreate(h.api, 'persistentvolumes', '', pv('task-pv-volume', '10Gi'));
  h.settle();
  h.writes.length = 0;
  const claim = mustCreate(h.api, 'persistentvolumeclaims', 'default', pvc('task-pv-claim', '3Gi', 'manual'));
  h.settle();
  const volume = getObject(h.api, 'persistentvolumes', '', 'task-pv-volume') as PersistentVolume;
  const bound = getObject(h.api, 'persistentvolumeclaims', 'default', 'task-pv-claim') as PersistentVolumeClaim;
  t.is(phase(volume), 'Bound');
  t.is(phase(bound), 'Bound');
  t.like(volume.spec?.claimRef, { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'task-pv-claim', uid: claim.metadata.uid, apiVersion: 'v1' });
  t.deepEqual(volume.metadata.annotations, { 'pv.kubernetes.io/bound-by-controller': 'yes' });
  t.is(bound.spec?.volumeName, 'task-pv-volume');
  t.deepEqual(bound.metadata.annotations, { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
  t.deepEqual(bound.status, { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } });
  t.deepEqual(h.writes, [
    'update persistentvolumes task-pv-volume',
    'update persistentvolumes/status task-pv-volume',
    'update persistentvolumeclaims task-pv-claim',
    'update persistentvolumeclaims/status task-pv-claim',
  ]);
  h.writes.length = 0;
  h.advance(60_000);
  t.deepEqual(h.writes, [], 'the steady state writes nothing');
  h.dispose();
});

test('a claim created before its volume binds at the next resync, within 15 s', (t) => {
  const h = startPv();
  mustCreate(h.api, 'persistentvolumeclaims', 'default', pvc('task-pv-claim', '3Gi', 'manual'));
  h.advance(1_000);
  mustCreate(h.api, 'persistentvolumes', '', pv('task-pv-volume', '10Gi'));
  const start = h.cluster.clock.now();
  h.settle();
  t.is(phase(getObject(h.api, 'persistentvolumeclaims', 'default', 'task-pv-claim')), 'Bound');
  t.is(h.cluster.clock.now() - start, 14_000, 'bound by the resync 15 s after the controller started');
  h.dispose();
});

test('a claim of a class nothing provisions stays Pending and says why', (t) => {
  const h = startPv();
  mustCreate(h.api, 'persistentvolumeclaims', 'default', pvc('task-pv-claim', '3Gi', 'manual'));
  h.settle();
  t.is(phase(getObject(h.api, 'persistentvolumeclaims', 'default', 'task-pv-claim')), 'Pending');
  t.deepEqual(
    eventsFor(h.api, 'default', 'PersistentVolumeClaim', 'task-pv-claim').map((e) => [e.type, e.reason, e.message, e.source]),
    [['Warning', 'ProvisioningFailed', 'storageclass.storage.k8s.io "manual" not found', 'persistentvolume-controller']],
  );
  h.dispose();
});

test('a claim with storageClassName "" and no volume waits with FailedBinding', (t) => {
  const h = startPv();
  mustCreate(h.api, 'persistentvolumeclaims', 'default', pvc('data', '1Gi', ''));
  h.settle();
  t.deepEqual(
    eventsFor(h.api, 'default', 'PersistentVolumeClaim', 'data').map((e) => [e.type, e.reason, e.message]),
    [['Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set']],
  );
  h.dispose();
});

test('a claim of an external provisioner nobody runs is handed to it and waits', (t) => {
  const h = startPv((api) => mustCreate(api, 'storageclasses', '', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'ebs' }, provisioner: 'ebs.csi.aws.com' }));
  mustCreate(h.api, 'persistentvolumeclaims', 'default', pvc('data', '1Gi', 'ebs'));
  h.settle();
  const claim = getObject(h.api, 'persistentvolumeclaims', 'default', 'data');
  t.is(phase(claim), 'Pending');
  t.is(claim?.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'], 'ebs.csi.aws.com');
  t.is(claim?.metadata.annotations?.['volume.beta.kubernetes.io/storage-provisioner'], 'ebs.csi.aws.com');
  t.deepEqual(eventsFor(h.api, 'default', 'PersistentVolumeClaim', 'data').map((e) => [e.reason, e.message]), [
    [
      'ExternalProvisioning',
      "Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ],
  ]);
  h.dispose();
});

test('a claim without a class gets the default class and a hostPath volume from the minikube provisioner', (t) => {
  const h = startPv((api) => mustCreate(api, 'storageclasses', '', defaultStorageClass()));
  const claim = mustCreate(h.api, 'persistentvolumeclaims', 'default', pvc('www-web-0', '1Gi'));
  h.settle();
  const bound = getObject(h.api, 'persistentvolumeclaims', 'default', 'www-web-0') as PersistentVolumeClaim;
  const volumeName = `pvc-${claim.metadata.uid ?? ''}`;
  t.is(bound.spec?.storageClassName, 'standard');
  t.is(bound.spec?.volumeName, volumeName);
  t.is(phase(bound), 'Bound');
  const volume = getObject(h.api, 'persistentvolumes', '', volumeName) as PersistentVolume;
  t.is(phase(volume), 'Bound');
  t.is(volume.spec?.hostPath?.path, '/tmp/hostpath-provisioner/default/www-web-0');
  t.is(volume.spec?.persistentVolumeReclaimPolicy, 'Delete');
  t.is(volume.metadata.annotations?.['pv.kubernetes.io/provisioned-by'], 'k8s.io/minikube-hostpath');
  const events = eventsFor(h.api, 'default', 'PersistentVolumeClaim', 'www-web-0');
  const byReason = new Map(events.map((e) => [e.reason, e]));
  t.truthy(byReason.get('ExternalProvisioning'));
  // 'Provisioning' ("External provisioner is provisioning volume for claim "default/www-web-0"") is
  // recorded too, but two recorders naming an event in the same millisecond collide (see the report).
  t.is(byReason.get('ProvisioningSucceeded')?.message, `Successfully provisioned volume ${volumeName}`);
  t.regex(byReason.get('ProvisioningSucceeded')?.source ?? '', /^k8s\.io\/minikube-hostpath_minikube_[0-9a-f-]{36}$/);

  // Reclaim policy Delete: the claim goes, the volume is Released and the provisioner deletes it.
  h.api.delete('persistentvolumeclaims', 'default', 'www-web-0');
  h.settle();
  t.deepEqual(names(h.api, 'persistentvolumes', ''), []);
  h.dispose();
});

test('a Retain volume whose claim is deleted is Released and kept', (t) => {
  const h = startPv();
  mustCreate(h.api, 'persistentvolumes', '', pv('task-pv-volume', '10Gi'));
  mustCreate(h.api, 'persistentvolumeclaims', 'default', pvc('task-pv-claim', '3Gi', 'manual'));
  h.settle();
  h.api.delete('persistentvolumeclaims', 'default', 'task-pv-claim');
  h.settle();
  t.is(phase(getObject(h.api, 'persistentvolumes', '', 'task-pv-volume')), 'Released');
  h.dispose();
});

test('a Delete volume outside /tmp cannot be deleted by the hostPath plugin and fails', (t) => {
  const h = startPv();
  mustCreate(h.api, 'persistentvolumes', '', pv('data', '1Gi', { policy: 'Delete' }));
  mustCreate(h.api, 'persistentvolumeclaims', 'default', pvc('claim', '1Gi', 'manual'));
  h.settle();
  h.api.delete('persistentvolumeclaims', 'default', 'claim');
  h.settle();
  const volume = getObject(h.api, 'persistentvolumes', '', 'data');
  t.is(phase(volume), 'Failed');
  t.deepEqual(eventsFor(h.api, 'default', 'PersistentVolume', 'data').map((e) => [e.type, e.reason, e.message]), [
    ['Warning', 'VolumeFailedDelete', 'host_path deleter only supports /tmp/.+ but received provided /mnt/data'],
  ]);
  h.dispose();
});

test('the best match is the smallest Available volume of the class, with the fewest access modes, that the selector accepts', (t) => {
  const volume = (name: string, size: string, modes: string[], labels?: Record<string, string>): PersistentVolume =>
    ({ ...pv(name, size, { modes, ...(labels ? { labels } : {}) }), status: { phase: 'Available' } }) as PersistentVolume;
  const volumes = [volume('big', '100Gi', ['ReadWriteOnce']), volume('small', '5Gi', ['ReadWriteOnce']), volume('tiny', '1Gi', ['ReadWriteOnce']), volume('multi', '4Gi', ['ReadWriteOnce', 'ReadOnlyMany'])];
  const claim = pvc('c', '3Gi', 'manual') as PersistentVolumeClaim;
  const pick = (c: PersistentVolumeClaim, vs: PersistentVolume[]): string | undefined => {
    const r = findBestMatchForClaim(c, vs, false);
    return r.ok ? r.volume?.metadata.name : r.message;
  };
  t.is(pick(claim, volumes), 'small');
  t.is(pick({ ...claim, spec: { ...claim.spec, accessModes: ['ReadOnlyMany'] } }, volumes), 'multi');
  t.is(pick({ ...claim, spec: { ...claim.spec, selector: { matchLabels: { tier: 'gold' } } } }, [...volumes, volume('gold', '50Gi', ['ReadWriteOnce'], { tier: 'gold' })]), 'gold');
  t.is(pick({ ...claim, spec: { ...claim.spec, storageClassName: 'fast' } }, volumes), undefined);
});
