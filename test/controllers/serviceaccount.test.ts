import test from 'ava';
import { serviceAccountsControllerFactory } from '../../src/controllers/serviceaccount/serviceaccounts-controller.js';
import { rootCACertPublisherFactory, ROOT_CA_DESCRIPTION } from '../../src/controllers/serviceaccount/root-ca-cert-publisher.js';
import { ROOT_CA_CERT_PEM } from '../../src/controllers/serviceaccount/root-ca.js';
import { getObject, mustCreate, names, startControllers } from './garbagecollector-harness.js';

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

test('every namespace gets the ServiceAccount default, a new one too, and a deleted one comes back', (t) => {
  const h = startControllers([['serviceaccount', serviceAccountsControllerFactory]]);
  h.settle();
  for (const ns of SYSTEM_NAMESPACES) t.deepEqual(names(h.api, 'serviceaccounts', ns), ['default'], ns);
  mustCreate(h.api, 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  h.settle();
  t.deepEqual(names(h.api, 'serviceaccounts', 'team'), ['default']);
  h.writes.length = 0;
  h.api.delete('serviceaccounts', 'team', 'default');
  h.settle();
  t.deepEqual(h.writes, ['create serviceaccounts default']);
  h.dispose();
});

test('a terminating namespace gets no ServiceAccount', (t) => {
  const h = startControllers([['serviceaccount', serviceAccountsControllerFactory]], {
    before: (api) => {
      mustCreate(api, 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'going', finalizers: ['example.com/hold'] } });
      api.delete('namespaces', '', 'going');
    },
  });
  h.settle();
  t.deepEqual(names(h.api, 'serviceaccounts', 'going'), []);
  h.dispose();
});

test('every namespace gets the ConfigMap kube-root-ca.crt with the CA bundle and its description', (t) => {
  const h = startControllers([['root-ca-cert-publisher', rootCACertPublisherFactory]]);
  h.settle();
  for (const ns of SYSTEM_NAMESPACES) {
    const cm = getObject(h.api, 'configmaps', ns, 'kube-root-ca.crt');
    t.deepEqual(cm?.['data'], { 'ca.crt': ROOT_CA_CERT_PEM }, ns);
    t.deepEqual(cm?.metadata.annotations, { 'kubernetes.io/description': ROOT_CA_DESCRIPTION });
  }
  t.true(ROOT_CA_CERT_PEM.startsWith('-----BEGIN CERTIFICATE-----\n'));
  h.dispose();
});

test('an edited or deleted kube-root-ca.crt is put back, and the steady state writes nothing', (t) => {
  const h = startControllers([['root-ca-cert-publisher', rootCACertPublisherFactory]]);
  h.settle();
  h.writes.length = 0;
  const cm = getObject(h.api, 'configmaps', 'default', 'kube-root-ca.crt')!;
  h.api.update('configmaps', 'default', { ...cm, data: { 'ca.crt': 'tampered' } });
  h.settle();
  t.deepEqual(getObject(h.api, 'configmaps', 'default', 'kube-root-ca.crt')?.['data'], { 'ca.crt': ROOT_CA_CERT_PEM });
  h.api.delete('configmaps', 'kube-public', 'kube-root-ca.crt');
  h.settle();
  t.truthy(getObject(h.api, 'configmaps', 'kube-public', 'kube-root-ca.crt'));
  t.deepEqual(h.writes, ['update configmaps kube-root-ca.crt', 'create configmaps kube-root-ca.crt']);
  h.dispose();
});
