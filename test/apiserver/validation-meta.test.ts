import test from 'ava';
import { clone, createErrors, pod, service, updateErrors } from './validation-fixtures.js';
import type { Obj } from './validation-fixtures.js';

// Messages quoted from kube-apiserver (k8s.io/apimachinery/pkg/util/validation, api/validate/content).
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function namespace(name: string): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] } };
}

test('a valid pod has no errors', (t) => {
  t.deepEqual(createErrors(pod()), []);
});

test('a name with template braces is not a DNS-1123 subdomain (corpus case)', (t) => {
  const p = pod();
  p.metadata.name = 'vttablet-{{uid}}';
  t.deepEqual(createErrors(p), [`metadata.name: Invalid value: "vttablet-{{uid}}": ${SUBDOMAIN_MSG}`]);
});

test('a label value with template braces is refused with the label value message (corpus case)', (t) => {
  const p = pod();
  p.metadata.labels = { keyspace: '{{keyspace}}' };
  t.deepEqual(createErrors(p), [`metadata.labels: Invalid value: "{{keyspace}}": ${LABEL_VALUE_MSG}`]);
});

test('an object without a name needs a name or generateName', (t) => {
  const p = pod();
  delete p.metadata.name;
  t.deepEqual(createErrors(p), ['metadata.name: Required value: name or generateName is required']);
});

test('a generateName may end in a dash, but must otherwise be a valid name', (t) => {
  const p = pod();
  p.metadata.generateName = 'web-';
  t.deepEqual(createErrors(p), []);
  p.metadata.generateName = 'Web_';
  t.deepEqual(createErrors(p), [`metadata.generateName: Invalid value: "Web_": ${SUBDOMAIN_MSG}`]);
});

test('a subdomain name longer than 253 bytes is too long', (t) => {
  const p = pod();
  p.metadata.name = 'a'.repeat(254);
  t.deepEqual(createErrors(p), [`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`]);
});

test('a namespace name is a DNS-1123 label: dots are refused', (t) => {
  t.deepEqual(createErrors(namespace('team.a')), ['metadata.name: Invalid value: "team.a": must not contain dots']);
  t.deepEqual(createErrors(namespace('Team')), [`metadata.name: Invalid value: "Team": ${LABEL_MSG}`]);
  t.deepEqual(createErrors(namespace('a'.repeat(64))), [`metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`]);
});

test('a service name is a DNS-1035 label: it may not start with a digit', (t) => {
  const s = service();
  s.metadata.name = '1web';
  t.deepEqual(createErrors(s), [`metadata.name: Invalid value: "1web": ${DNS1035_MSG}`]);
});

test('label keys are qualified names with an optional DNS subdomain prefix', (t) => {
  const p = pod();
  p.metadata.labels = { 'example.com/app': 'web', '-bad': 'x' };
  t.deepEqual(createErrors(p), [`metadata.labels: Invalid value: "-bad": ${NAME_PART_MSG}`]);
  p.metadata.labels = { 'Example_com/app': 'web' };
  t.deepEqual(createErrors(p), [`metadata.labels: Invalid value: "Example_com/app": prefix part ${SUBDOMAIN_MSG}`]);
  p.metadata.labels = { 'a/b/c': 'web' };
  t.regex(createErrors(p)[0]!, /^metadata\.labels: Invalid value: "a\/b\/c": a qualified name must consist of alphanumeric/);
});

test('a label value longer than 63 bytes is too long', (t) => {
  const p = pod();
  p.metadata.labels = { app: 'x'.repeat(64) };
  t.deepEqual(createErrors(p), [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`]);
});

test('annotation keys are checked case-insensitively and all annotations fit in 256 KiB', (t) => {
  const p = pod();
  p.metadata.annotations = { 'Example.COM/Note': 'ok' };
  t.deepEqual(createErrors(p), []);
  p.metadata.annotations = { note: 'x'.repeat(256 * 1024) };
  t.deepEqual(createErrors(p), ['metadata.annotations: Too long: may not be more than 262144 bytes']);
});

test('a finalizer without a prefix must be a standard one', (t) => {
  const p = pod();
  p.metadata.finalizers = ['kubernetes', 'example.com/cleanup', 'cleanup'];
  t.deepEqual(createErrors(p), ['metadata.finalizers[2]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified']);
});

test('only one owner reference may be the controller', (t) => {
  const p = pod();
  const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: 'u1', controller: true };
  p.metadata.ownerReferences = [ref, { ...ref, name: 'b', uid: 'u2' }];
  const [message] = createErrors(p);
  t.regex(message!, /^metadata\.ownerReferences: Invalid value: \[\]v1\.OwnerReference\{v1\.OwnerReference\{APIVersion:"apps\/v1", Kind:"ReplicaSet", Name:"a", UID:"u1", Controller:\(\*bool\)\(0xc[0-9a-f]+\), BlockOwnerDeletion:\(\*bool\)\(nil\)\}, /);
  t.true(message!.endsWith('}}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b'));
});

test('name, namespace, uid and creationTimestamp are immutable', (t) => {
  const old = pod();
  const p = clone(old);
  p.metadata.name = 'other';
  p.metadata.uid = 'x';
  p.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
  t.deepEqual(updateErrors(p, old), [
    'metadata.name: Invalid value: "other": field is immutable',
    'metadata.uid: Invalid value: "x": field is immutable',
    'metadata.creationTimestamp: Invalid value: 2026-01-01 00:00:00 +0000 UTC: field is immutable',
  ]);
});

test('generation may not go down', (t) => {
  const old = pod();
  old.metadata.generation = 3;
  const p = clone(old);
  p.metadata.generation = 2;
  t.deepEqual(updateErrors(p, old), ['metadata.generation: Invalid value: 2: must not be decremented']);
});

test('no finalizer may be added to an object being deleted', (t) => {
  const old = pod();
  old.metadata.deletionTimestamp = '2025-01-01T00:01:00Z';
  const p = clone(old);
  p.metadata.finalizers = ['example.com/late'];
  t.deepEqual(updateErrors(p, old), [
    'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/late"}',
  ]);
});

test('a kind without its own rules gets the metadata rules only', (t) => {
  const pv: Obj = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'PV_1' }, spec: { anything: true } };
  t.deepEqual(createErrors(pv), [`metadata.name: Invalid value: "PV_1": ${SUBDOMAIN_MSG}`]);
});

test('a field of the wrong type is an Invalid error, never an exception', (t) => {
  const p = pod();
  Object.assign(p.metadata, { labels: 'app=web' });
  p.spec.containers = 'nginx';
  t.deepEqual(createErrors(p), [
    'metadata.labels: Invalid value: "app=web": must be an object',
    'spec.containers: Invalid value: "nginx": must be an array',
    'spec.containers: Required value',
  ]);
  const garbage = { apiVersion: 'v1', kind: 'Pod', metadata: 7 } as unknown as Obj;
  t.notThrows(() => createErrors(garbage));
});
