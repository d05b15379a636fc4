import test from 'ava';
import { Cluster } from '../../src/cluster/cluster.js';
import { decodeProtobufDeleteOptions, decodeProtobufObject } from '../../src/http/protobuf/request.js';
import { formatDuration, formatTime } from '../../src/http/protobuf/well-known.js';
import { startApiFront, type ApiFront } from '../../src/http/server.js';

// Bodies captured from kubectl v1.32.4 (`kubectl create …` against a logging server).
const NAMESPACE_TEAM_A =
  '6b3873000a0f0a02763112094e616d657370616365121e0a160a067465616d2d6112001a0022002a0032003800420012001a020a001a002200';
const CONFIGMAP_CFG =
  '6b3873000a0f0a0276311209436f6e6669674d617012250a130a0363666712001a0022002a0032003800420012060a016112016212060a01631201641a002200';
const SECRET_S = '6b3873000a0c0a0276311206536563726574121d0a110a017312001a0022002a0032003800420012060a01701201711a001a002200';
const DEPLOYMENT_WEB =
  '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412bd010a1f0a0377656212001a0022002a003200380042005a0a0a0361707012037765621' +
  '28b010802120c0a0a0a0361707012037765621a710a1c0a0012001a0022002a003200380042005a0a0a036170701203776562125112330a056e67696e7812' +
  '0a6e67696e783a312e32372a00320a0a001000185022002a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a' +
  '01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200';
const SERVICE_WEB =
  '6b3873000a0d0a02763112075365727669636512690a1f0a0377656212001a0022002a003200380042005a0a0a03617070120377656212420a1b0a0738302d' +
  '38303830120354435018502207080010903f1a002800120a0a0361707012037765621a002209436c757374657249503a00420052005a00600068001a020a00' +
  '1a002200';
const HPA_WEB =
  '6b3873000a290a0e6175746f7363616c696e672f76311217486f72697a6f6e74616c506f644175746f7363616c6572123b0a130a0377656212001a0022002a' +
  '00320038004200121e0a1a0a0a4465706c6f796d656e7412037765621a07617070732f763118031a04180020001a002200';
const DEBUG_POD =
  '6b3873000a090a0276311203506f6412d4010a2a0a1a6e6f64652d64656275676765722d6e6f64652d312d363737387612001a0022002a00320038004200' +
  '1293010a120a09686f73742d726f6f7412050a030a012f12450a086465627567676572120762757379626f782a0042004a180a09686f73742d726f6f74100' +
  '01a052f686f7374220032006a007200800100880100900100a2010446696c651a054e65766572320042004a0052066e6f64652d315801600168018201008a' +
  '01009a0100b2010e0a0012064578697374731a002200c201001a100a001a0022002a0032004a005a0072001a002200';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');
const CONFIGMAP = { apiVersion: 'v1', kind: 'ConfigMap' };

/** A length-delimited protobuf field. */
function field(n: number, bytes: Uint8Array | string): Buffer {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  return Buffer.concat([Buffer.from([(n << 3) | 2, data.length]), data]);
}

/** The `k8s\0` envelope around a raw object. */
function envelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from('k8s\0'), field(1, Buffer.concat([field(1, apiVersion), field(2, kind)])), field(2, raw)]);
}

// Each expected object is what `kubectl create … --dry-run=client -o json` prints for the same command.
test('a namespace body decodes to what its JSON body would be', (t) => {
  const decoded = decodeProtobufObject(hex(NAMESPACE_TEAM_A), { apiVersion: 'v1', kind: 'Namespace' });
  t.deepEqual(decoded, {
    ok: true,
    value: { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'team-a', creationTimestamp: null }, spec: {}, status: {} },
  });
});

test('a configmap body decodes its data map, keys sorted as Go writes them', (t) => {
  const decoded = decodeProtobufObject(hex(CONFIGMAP_CFG), CONFIGMAP);
  t.deepEqual(decoded, {
    ok: true,
    value: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg', creationTimestamp: null }, data: { a: 'b', c: 'd' } },
  });
});

test('secret data bytes become base64 strings', (t) => {
  const decoded = decodeProtobufObject(hex(SECRET_S), { apiVersion: 'v1', kind: 'Secret' });
  t.deepEqual(decoded, {
    ok: true,
    value: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 's', creationTimestamp: null }, data: { p: 'cQ==' } },
  });
});

test('a deployment body decodes with its pod template, in Go field order', (t) => {
  const decoded = decodeProtobufObject(hex(DEPLOYMENT_WEB), { apiVersion: 'apps/v1', kind: 'Deployment' });
  const expected = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }] },
      },
      strategy: {},
    },
    status: {},
  };
  t.true(decoded.ok);
  t.is(JSON.stringify(decoded.ok && decoded.value), JSON.stringify(expected));
});

test('a service body decodes targetPort as an IntOrString number', (t) => {
  const decoded = decodeProtobufObject(hex(SERVICE_WEB), { apiVersion: 'v1', kind: 'Service' });
  t.deepEqual(decoded.ok && decoded.value, {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
    spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'web' }, type: 'ClusterIP' },
    status: { loadBalancer: {} },
  });
});

test('kubectl autoscale sends an autoscaling/v1 HorizontalPodAutoscaler that decodes with its zero status', (t) => {
  const decoded = decodeProtobufObject(hex(HPA_WEB), { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' });
  t.deepEqual(decoded.ok && decoded.value, {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name: 'web', creationTimestamp: null },
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, maxReplicas: 3 },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  });
});

test('kubectl debug node sends a pod whose volume source is inlined into the volume', (t) => {
  const decoded = decodeProtobufObject(hex(DEBUG_POD), { apiVersion: 'v1', kind: 'Pod' });
  const spec = (decoded.ok ? decoded.value['spec'] : undefined) as Record<string, unknown>;
  t.deepEqual(spec['volumes'], [{ name: 'host-root', hostPath: { path: '/' } }]);
  t.deepEqual(spec['tolerations'], [{ operator: 'Exists' }]);
  t.like(spec, { restartPolicy: 'Never', nodeName: 'node-1', hostNetwork: true, hostPID: true, hostIPC: true });
});

test('times and durations take their Go JSON forms', (t) => {
  t.is(formatTime(1_700_000_000, 0, false), '2023-11-14T22:13:20Z');
  t.is(formatTime(1_700_000_000, 123_456_789, true), '2023-11-14T22:13:20.123456Z');
  t.deepEqual(['0s', '1.5s', '2m0s', '1h0m0s', '300ms', '5ns'], [0, 1.5e9, 1.2e11, 3.6e12, 3e8, 5].map(formatDuration));
  const time = Buffer.concat([Buffer.from([0x08]), Buffer.from([0x80, 0xe2, 0xcf, 0xaa, 0x06])]); // seconds: 1700000000
  const meta = Buffer.concat([field(1, 'cfg'), field(8, time)]);
  const decoded = decodeProtobufObject(envelope('v1', 'ConfigMap', field(1, meta)), CONFIGMAP);
  t.like(decoded.ok && decoded.value, { metadata: { name: 'cfg', creationTimestamp: '2023-11-14T22:13:20Z' } });
});

test('a body without the k8s envelope is a 400 naming the expected prefix', (t) => {
  const decoded = decodeProtobufObject(Buffer.from('{"kind":"ConfigMap"}'), CONFIGMAP);
  t.like(decoded, {
    ok: false,
    status: {
      code: 400,
      reason: 'BadRequest',
      message:
        'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, ' +
        'expected prefix [107 56 115 0] ({"kind":"ConfigMap"})',
    },
  });
});

test('an empty envelope and a truncated varint are 400s', (t) => {
  t.like(decodeProtobufObject(Buffer.from('k8s\0'), CONFIGMAP), {
    ok: false,
    status: { code: 400, message: 'the object provided is unrecognized (must be of type ConfigMap): empty body (6b387300)' },
  });
  const truncated = envelope('v1', 'ConfigMap', Buffer.from([0x38, 0x80])); // field 7, varint cut short
  t.like(decodeProtobufObject(truncated, CONFIGMAP), {
    ok: false,
    status: { code: 400, message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: unexpected EOF' },
  });
});

test('a field with the wrong wire type is a 400 naming the Go field', (t) => {
  const wrong = envelope('v1', 'ConfigMap', Buffer.from([0x10, 0x01])); // data (2) as a varint
  t.like(decodeProtobufObject(wrong, CONFIGMAP), {
    ok: false,
    status: { code: 400, message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field Data' },
  });
});

test('a length running past the end of the envelope is a 400, not a crash', (t) => {
  const body = Buffer.concat([Buffer.from('k8s\0'), Buffer.from([0x12, 0x7f, 0x0a])]);
  t.like(decodeProtobufObject(body, CONFIGMAP), { ok: false, status: { code: 400, reason: 'BadRequest' } });
});

test('a kind without a message table is a 415 naming the kind and the JSON way round', (t) => {
  const decoded = decodeProtobufObject(envelope('rbac.authorization.k8s.io/v1', 'Role', new Uint8Array(0)), { apiVersion: 'v1', kind: 'Role' });
  t.false(decoded.ok);
  if (decoded.ok) return;
  t.is(decoded.status.code, 415);
  t.is(decoded.status.reason, 'UnsupportedMediaType');
  t.regex(decoded.status.message ?? '', /kind "Role" in version "rbac.authorization.k8s.io\/v1".*-o json \| kubectl create -f -/);
});

test('DeleteOptions decode their propagation policy, grace period and dry run', (t) => {
  const options = Buffer.concat([Buffer.from([0x08, 0x00]), field(4, 'Background'), field(5, 'All')]);
  t.deepEqual(decodeProtobufDeleteOptions(envelope('v1', 'DeleteOptions', options)), {
    ok: true,
    value: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, propagationPolicy: 'Background', dryRun: ['All'] },
  });
});

test.serial('the front creates from a protobuf body what it would create from JSON, and answers JSON', async (t) => {
  const cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(10_000);
  const front: ApiFront = await startApiFront({ api: cluster.api, clock: cluster.clock, port: 0 });
  try {
    const url = `${front.url}/api/v1/namespaces/default/configmaps`;
    const headers = { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/vnd.kubernetes.protobuf,application/json' };
    const created = await fetch(url, { method: 'POST', headers, body: hex(CONFIGMAP_CFG) });
    t.is(created.status, 201);
    t.is(created.headers.get('content-type'), 'application/json');
    const stored = (await created.json()) as { data: unknown; metadata: { name: string } };
    t.deepEqual(stored.data, { a: 'b', c: 'd' });
    const json = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cfg2', creationTimestamp: null }, data: { a: 'b', c: 'd' } };
    const viaJson = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) })).json()) as Record<string, unknown>;
    const strip = (o: Record<string, unknown>): unknown => ({ ...o, metadata: { ...(o['metadata'] as object), name: '', uid: '', resourceVersion: '' } });
    t.deepEqual(strip(stored as unknown as Record<string, unknown>), strip(viaJson));

    const malformed = await fetch(url, { method: 'POST', headers, body: Buffer.from('k8s\0\x12\x7f') });
    t.is(malformed.status, 400);

    const dryRun = Buffer.concat([field(4, 'Background'), field(5, 'All')]);
    const deleted = await fetch(`${url}/cfg`, { method: 'DELETE', headers, body: envelope('v1', 'DeleteOptions', dryRun) });
    t.is(deleted.status, 200);
    t.is((await fetch(`${url}/cfg`)).status, 200, 'a dry-run delete leaves the object');
  } finally {
    await front.close();
    cluster.dispose();
  }
});
