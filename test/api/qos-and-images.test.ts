import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { defaultImagePullPolicy, parseImageName } from '../../src/api/image-name.js';
import { computePodQOS } from '../../src/api/qos.js';

function podWith(...resources: Record<string, Record<string, string>>[]): Pick<KubeObject, 'spec'> {
  return { spec: { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'app', resources: r })) } };
}

test('a pod without requests or limits is BestEffort', (t) => {
  t.is(computePodQOS(podWith({})), 'BestEffort');
  t.is(computePodQOS(podWith({ requests: { cpu: '0' } })), 'BestEffort');
});

test('a pod whose containers all request their cpu and memory limits is Guaranteed', (t) => {
  const equal = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '0.5', memory: '1024Mi' } };
  t.is(computePodQOS(podWith(equal, equal)), 'Guaranteed');
});

test('a pod is Burstable when a container lacks a cpu or memory limit or requests less than it', (t) => {
  t.is(computePodQOS(podWith({ limits: { cpu: '1' } })), 'Burstable');
  t.is(computePodQOS(podWith({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } })), 'Burstable');
  t.is(computePodQOS(podWith({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, {})), 'Burstable');
});

test('limits without requests make a pod Guaranteed only once defaulting has copied them', (t) => {
  t.is(computePodQOS(podWith({ limits: { cpu: '1', memory: '1Gi' } })), 'Burstable');
  t.is(computePodQOS(podWith({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } })), 'Guaranteed');
});

test('init containers count for QoS', (t) => {
  const guaranteed = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
  t.is(computePodQOS({ spec: { containers: [{ resources: guaranteed }], initContainers: [{ resources: { requests: { cpu: '1' } } }] } }), 'Burstable');
});

test('imagePullPolicy is Always for latest or no tag and IfNotPresent otherwise', (t) => {
  t.is(defaultImagePullPolicy('nginx'), 'Always');
  t.is(defaultImagePullPolicy('nginx:latest'), 'Always');
  t.is(defaultImagePullPolicy('nginx:1.14.2'), 'IfNotPresent');
  t.is(defaultImagePullPolicy('localhost:5000/app'), 'Always');
  t.is(defaultImagePullPolicy('localhost:5000/app:v2'), 'IfNotPresent');
  t.is(defaultImagePullPolicy(`repo@sha256:${'a'.repeat(64)}`), 'IfNotPresent');
  t.is(defaultImagePullPolicy(`repo:latest@sha256:${'a'.repeat(64)}`), 'Always');
  t.is(defaultImagePullPolicy('Nginx'), 'IfNotPresent');
});

test('an image reference is parsed into repository, tag and digest', (t) => {
  t.deepEqual(parseImageName('nginx'), { ok: true, repository: 'docker.io/library/nginx', tag: 'latest', digest: '' });
  t.deepEqual(parseImageName('registry:5000/team/app'), { ok: true, repository: 'registry:5000/team/app', tag: 'latest', digest: '' });
  t.deepEqual(parseImageName('gcr.io/google_samples/gb-frontend:v4'), {
    ok: true,
    repository: 'gcr.io/google_samples/gb-frontend',
    tag: 'v4',
    digest: '',
  });
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
  t.deepEqual(parseImageName(`repo@${digest}`), { ok: true, repository: 'docker.io/library/repo', tag: '', digest });
});

test('an invalid image reference is refused with the parser message', (t) => {
  t.deepEqual(parseImageName('Nginx'), { ok: false, error: 'couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase' });
  t.deepEqual(parseImageName('nginx::1'), { ok: false, error: 'couldn\'t parse image name "nginx::1": invalid reference format' });
  t.false(parseImageName('repo@sha256:abc').ok);
});
