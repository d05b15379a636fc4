import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { resourceQuotaControllerFactory } from '../../src/controllers/resourcequota/resource-quota-controller.js';
import { desiredQuotaStatus, resourceListsEqual } from '../../src/controllers/resourcequota/quota-usage.js';
import { RESOURCES } from '../../src/apiserver/registry.js';
import { parseResourceList } from '../../src/apiserver/admission/resource-lists.js';
import { getObject, mustCreate, pod, setPodStatus, startControllers } from './garbagecollector-harness.js';

const HARD = { pods: '4', 'requests.cpu': '2', 'requests.memory': '1Gi', 'limits.memory': '2Gi', configmaps: '5', services: '2', 'count/deployments.apps': '3' };

function quota(hard: Record<string, string> = HARD): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'default' }, spec: { hard } };
}

function sized(name: string, cpu: string, memory: string): KubeObject {
  return pod(name, { resources: { requests: { cpu, memory }, limits: { memory } } });
}

function used(h: { api: Parameters<typeof getObject>[0] }): Record<string, string> | undefined {
  return (getObject(h.api, 'resourcequotas', 'default', 'compute')?.['status'] as { used?: Record<string, string> } | undefined)?.used;
}

test('a deleted pod gives its requests back to the quota', (t) => {
  const h = startControllers([['resourcequota', resourceQuotaControllerFactory]]);
  mustCreate(h.api, 'resourcequotas', 'default', quota());
  mustCreate(h.api, 'pods', 'default', sized('a', '500m', '128Mi'));
  mustCreate(h.api, 'pods', 'default', sized('b', '250m', '256Mi'));
  h.settle();
  t.like(used(h), { pods: '2', 'requests.cpu': '750m', 'requests.memory': '384Mi', 'limits.memory': '384Mi' });
  h.api.delete('pods', 'default', 'a');
  h.settle();
  t.like(used(h), { pods: '1', 'requests.cpu': '250m', 'requests.memory': '256Mi', 'limits.memory': '256Mi' });
  h.dispose();
});

test('a pod that finished stops counting towards compute resources', (t) => {
  const h = startControllers([['resourcequota', resourceQuotaControllerFactory]]);
  mustCreate(h.api, 'resourcequotas', 'default', quota());
  mustCreate(h.api, 'pods', 'default', sized('job', '1', '512Mi'));
  h.settle();
  t.like(used(h), { pods: '1', 'requests.cpu': '1' });
  setPodStatus(h.api, 'default', 'job', 'Succeeded', false);
  h.settle();
  t.like(used(h), { pods: '0', 'requests.cpu': '0', 'requests.memory': '0' });
  h.dispose();
});

test('a changed spec.hard is mirrored in status.hard with the usage of the new resources', (t) => {
  const h = startControllers([['resourcequota', resourceQuotaControllerFactory]]);
  mustCreate(h.api, 'resourcequotas', 'default', quota({ pods: '4' }));
  mustCreate(h.api, 'configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' } });
  h.settle();
  const current = getObject(h.api, 'resourcequotas', 'default', 'compute')!;
  h.api.update('resourcequotas', 'default', { ...current, spec: { hard: { pods: '4', configmaps: '10' } } });
  h.settle();
  const status = getObject(h.api, 'resourcequotas', 'default', 'compute')?.['status'] as { hard: object; used: Record<string, string> };
  t.deepEqual(status.hard, { configmaps: '10', pods: '4' });
  t.deepEqual(status.used, { configmaps: '1', pods: '0' });
  h.dispose();
});

test('the usage is recomputed every 5 minutes, and an unchanged quota is not written', (t) => {
  const h = startControllers([['resourcequota', resourceQuotaControllerFactory]]);
  mustCreate(h.api, 'resourcequotas', 'default', quota({ services: '2' }));
  h.settle();
  h.writes.length = 0;
  h.advance(5 * 60_000);
  t.deepEqual(h.writes, []);
  h.dispose();
});

test('the desired status masks the usage to the hard resources and compares quantities by value', (t) => {
  const podA = { ...sized('a', '100m', '1Gi'), status: { phase: 'Running' } };
  const stored = { ...quota({ 'requests.memory': '2Gi' }), status: { hard: { 'requests.memory': '2Gi' }, used: { 'requests.memory': '1073741824', pods: '9' } } };
  const list = (info: (typeof RESOURCES)[number]): KubeObject[] => (info.resource === 'pods' ? [podA] : []);
  t.deepEqual(desiredQuotaStatus(stored, RESOURCES, list, 0), { hard: { 'requests.memory': '2Gi' }, used: { 'requests.memory': '1Gi' } });
  const clean = { ...stored, status: { hard: { 'requests.memory': '2Gi' }, used: { 'requests.memory': '1Gi' } } };
  t.is(desiredQuotaStatus(clean, RESOURCES, list, 0), undefined);
  t.true(resourceListsEqual(parseResourceList({ m: '1Gi' }), parseResourceList({ m: '1073741824' })));
});
