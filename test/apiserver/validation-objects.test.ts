import test from 'ava';
import { clone, createErrors, service, updateErrors } from './validation-fixtures.js';
import type { Obj } from './validation-fixtures.js';

// Messages quoted from pkg/apis/{core,policy,autoscaling,networking,discovery,coordination}/validation
// and the NodePort allocator (pkg/registry/core/service/portallocator).

function configMap(): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { 'app.conf': 'x=1' } };
}

function secret(type = 'Opaque', data: Record<string, string> = { password: 'c2VjcmV0' }): Obj {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, type, data };
}

function node(): Obj {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1.example.com' }, spec: {} };
}

function pdb(spec: Record<string, unknown>): Obj {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec };
}

function hpa(spec: Record<string, unknown>): Obj {
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec };
}

function ingress(spec: Record<string, unknown>): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default' }, spec };
}

const BACKEND = { service: { name: 'web', port: { number: 80 } } };

test('a valid service has no errors', (t) => {
  t.deepEqual(createErrors(service()), []);
});

test('a service needs ports unless it is headless or ExternalName', (t) => {
  const s = service();
  s.spec.ports = [];
  t.deepEqual(createErrors(s), ['spec.ports: Required value']);
  s.spec.clusterIP = 'None';
  s.spec.clusterIPs = ['None'];
  t.deepEqual(createErrors(s), []);
});

test('a service type must be one of the four', (t) => {
  const s = service();
  s.spec.type = 'Internal';
  t.deepEqual(createErrors(s), ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']);
});

test('service ports need names when there are several, valid numbers and unique protocol/port pairs', (t) => {
  const s = service();
  s.spec.ports = [
    { protocol: 'TCP', port: 80, targetPort: 8080 },
    { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http_alt' },
    { name: 'big', protocol: 'TCP', port: 70000, targetPort: 1 },
  ];
  t.deepEqual(createErrors(s), [
    'spec.ports[0].name: Required value',
    'spec.ports[1].targetPort: Invalid value: "http_alt": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.ports[2].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
  ]);
});

test('ClusterIP services may not have a nodePort', (t) => {
  const s = service();
  s.spec.ports = [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 8080 }];
  s.spec.type = 'ClusterIP';
  delete s.spec.externalTrafficPolicy;
  t.deepEqual(createErrors(s), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
});

test('an ExternalName service needs an externalName that is a DNS name', (t) => {
  const s = service();
  s.spec = { type: 'ExternalName', sessionAffinity: 'None' };
  t.deepEqual(createErrors(s), ['spec.externalName: Required value']);
  s.spec.externalName = 'db.example.com.';
  t.deepEqual(createErrors(s), []);
});

test('a clusterIP must be an IP address or None, and selector labels are valid', (t) => {
  const s = service();
  s.spec.clusterIP = '10.96.0.300';
  s.spec.clusterIPs = ['10.96.0.300'];
  s.spec.selector = { app: 'web app' };
  t.deepEqual(createErrors(s).map((m) => m.replace(/: a valid label must .*$/, ': …')), [
    'spec.selector: Invalid value: "web app": …',
    'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]);
});

test('a service clusterIP may not change once set', (t) => {
  const old = service();
  const s = clone(old);
  s.spec.clusterIP = '10.96.0.11';
  s.spec.clusterIPs = ['10.96.0.11'];
  t.deepEqual(updateErrors(s, old), ['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
});

test('configmap keys are config keys and may not repeat in binaryData', (t) => {
  const cm = configMap();
  cm.data = { 'bad key': 'x', shared: 'y' };
  cm.binaryData = { shared: 'eQ==' };
  t.deepEqual(createErrors(cm), [
    "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    'data[shared]: Invalid value: "shared": duplicate of key present in binaryData',
  ]);
});

test('the data of an immutable configmap or secret may not change', (t) => {
  const old = configMap();
  old.immutable = true;
  const cm = clone(old);
  cm.data = { 'app.conf': 'x=2' };
  t.deepEqual(updateErrors(cm, old), ['data: Forbidden: field is immutable when `immutable` is set']);
  const oldSecret = secret();
  oldSecret.immutable = true;
  const s = clone(oldSecret);
  s.immutable = false;
  t.deepEqual(updateErrors(s, oldSecret), ['immutable: Forbidden: field is immutable when `immutable` is set']);
});

test('a TLS secret needs tls.crt and tls.key', (t) => {
  t.deepEqual(createErrors(secret('kubernetes.io/tls', {})), ['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
  t.deepEqual(createErrors(secret('kubernetes.io/tls', { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' })), []);
});

test('a secret type may not change', (t) => {
  const old = secret();
  const s = clone(old);
  s.type = 'kubernetes.io/basic-auth';
  s.data = { username: 'dQ==' };
  t.deepEqual(updateErrors(s, old), ['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
});

test('a service account name is a DNS subdomain', (t) => {
  const sa: Obj = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'Builder', namespace: 'default' } };
  t.is(createErrors(sa).length, 1);
  t.true(createErrors(sa)[0]!.startsWith('metadata.name: Invalid value: "Builder": a lowercase RFC 1123 subdomain'));
});

test('node taints need a known effect and are unique by key and effect', (t) => {
  const n = node();
  n.spec.taints = [
    { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    { key: 'dedicated', value: 'cpu', effect: 'NoSchedule' },
    { key: 'maintenance', effect: 'Soon' },
    { key: 'zone' },
  ];
  t.deepEqual(createErrors(n), [
    'metadata.taints[1]: Duplicate value: core.Taint{Key:"dedicated", Value:"cpu", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    'metadata.taints[2].effect: Unsupported value: "Soon": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    'metadata.taints[3].effect: Required value',
  ]);
});

test('a node podCIDR may only be set once', (t) => {
  const old = node();
  old.spec.podCIDRs = ['10.244.1.0/24'];
  const n = clone(old);
  n.spec.podCIDRs = ['10.244.2.0/24'];
  n.spec.unschedulable = true;
  t.deepEqual(updateErrors(n, old), ['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
});

test('endpoints addresses may not be loopback and several ports need names', (t) => {
  const ep: Obj = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }, { name: 'b', port: 81, protocol: 'TCP' }] }, {}],
  };
  t.deepEqual(createErrors(ep), [
    'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'subsets[0].ports[0].name: Required value',
    'subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`',
  ]);
});

test('an endpointslice addressType is IPv4, IPv6 or FQDN and addresses match it', (t) => {
  const slice: Obj = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abc', namespace: 'default' },
    addressType: 'IP',
    endpoints: [{ addresses: [] }],
    ports: [{ name: 'http', protocol: 'TCP', port: 80 }, { name: 'http', protocol: 'TCP', port: 81 }],
  };
  t.deepEqual(createErrors(slice), [
    'addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"',
    'endpoints[0].addresses: Required value: must contain at least 1 address',
    'ports[1].name: Duplicate value: "http"',
  ]);
  slice.addressType = 'IPv4';
  slice.endpoints = [{ addresses: ['fd00::1'] }];
  slice.ports = [];
  t.deepEqual(createErrors(slice), ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']);
});

test('an event must be in the namespace of its involved object', (t) => {
  const ev: Obj = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.17a', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'prod' }, reason: 'Started' };
  t.deepEqual(createErrors(ev), ['involvedObject.namespace: Invalid value: "prod": does not match event.namespace']);
  ev.involvedObject.namespace = 'default';
  t.deepEqual(createErrors(ev), []);
});

test('a lease duration is positive', (t) => {
  const lease: Obj = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'worker-1', namespace: 'kube-node-lease' }, spec: { leaseDurationSeconds: 0 } };
  t.deepEqual(createErrors(lease), ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']);
});

test('a disruption budget may not set both minAvailable and maxUnavailable', (t) => {
  const errors = createErrors(pdb({ minAvailable: 2, maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }));
  t.is(errors.length, 1);
  t.regex(errors[0]!, /^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{MinAvailable:\(\*intstr\.IntOrString\)\(0xc[0-9a-f]+\), Selector:/);
  t.true(errors[0]!.endsWith('UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set'));
});

test('a disruption budget percentage is at most 100%', (t) => {
  t.deepEqual(createErrors(pdb({ maxUnavailable: '120%', selector: { matchLabels: { app: 'web' } } })), [
    'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
  ]);
});

test('an autoscaler needs a target, minReplicas of at least 1 and maxReplicas not below it', (t) => {
  t.deepEqual(createErrors(hpa({ minReplicas: 0, maxReplicas: 5, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment' } })), [
    'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    'spec.scaleTargetRef.name: Required value',
  ]);
  t.deepEqual(createErrors(hpa({ minReplicas: 3, maxReplicas: 2, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } })), [
    'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
  ]);
});

test('an autoscaler metric has a known type and a complete source', (t) => {
  const spec = {
    minReplicas: 1,
    maxReplicas: 5,
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    metrics: [{ type: 'Cpu' }, { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }, { type: 'Pods' }],
  };
  t.deepEqual(createErrors(hpa(spec)), [
    'spec.metrics[0].type: Unsupported value: "Cpu": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    'spec.metrics[1].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    'spec.metrics[2].pods: Required value: must populate information for the given metric source',
  ]);
});

test('ingress paths need a pathType and an absolute path, and backends a port', (t) => {
  const spec = {
    rules: [
      {
        host: 'shop.example.com',
        http: {
          paths: [
            { path: 'api', pathType: 'Prefix', backend: BACKEND },
            { path: '/x', backend: BACKEND },
            { path: '/y', pathType: 'Regex', backend: BACKEND },
            { path: '/z', pathType: 'Exact', backend: { service: { name: 'web' } } },
          ],
        },
      },
    ],
  };
  t.deepEqual(createErrors(ingress(spec)), [
    'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
    'spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified',
    'spec.rules[0].http.paths[2].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    'spec.rules[0].http.paths[3].backend: Required value: port name or number is required',
  ]);
});

test('an ingress needs rules or a default backend, and hosts are DNS names', (t) => {
  t.deepEqual(createErrors(ingress({})), ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']);
  const spec = { rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend: BACKEND }] } }] };
  t.deepEqual(createErrors(ingress(spec)), ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address']);
});
