import test from 'ava';
import { clone, container, createErrors, pod, updateErrors } from './validation-fixtures.js';

// Messages quoted from pkg/apis/core/validation/validation.go.
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

test('a toleration with operator Gt is unsupported (corpus case)', (t) => {
  const p = pod();
  p.spec.tolerations = [{ key: 'node.kubernetes.io/flavor', operator: 'Gt', value: '3', effect: 'NoSchedule' }];
  t.deepEqual(createErrors(p), ['spec.tolerations[0].operator: Unsupported value: "Gt": supported values: "Equal", "Exists"']);
});

test('an Exists toleration may not have a value, and an empty key needs Exists', (t) => {
  const p = pod();
  p.spec.tolerations = [
    { key: 'dedicated', operator: 'Exists', value: 'gpu' },
    { operator: 'Equal', value: 'x' },
  ];
  t.deepEqual(createErrors(p), [
    "spec.tolerations[0].operator: Invalid value: \"gpu\": value must be empty when `operator` is 'Exists'",
    'spec.tolerations[1].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  ]);
});

test('a toleration effect must be a taint effect, and tolerationSeconds needs NoExecute', (t) => {
  const p = pod();
  p.spec.tolerations = [
    { key: 'a', operator: 'Exists', effect: 'NoRun' },
    { key: 'b', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 },
  ];
  t.deepEqual(createErrors(p), [
    'spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    "spec.tolerations[1].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
  ]);
});

test('a pod needs at least one container', (t) => {
  const p = pod();
  p.spec.containers = [];
  t.deepEqual(createErrors(p), ['spec.containers: Required value']);
});

test('a container needs a name that is a DNS label and an image', (t) => {
  const p = pod();
  p.spec.containers = [{ ...container('Web_1'), image: '' }, { ...container(), name: '' }];
  t.deepEqual(createErrors(p), [
    `spec.containers[0].name: Invalid value: "Web_1": ${LABEL_MSG}`,
    'spec.containers[0].image: Required value',
    'spec.containers[1].name: Required value',
  ]);
});

test('container names are unique across init and regular containers', (t) => {
  const p = pod();
  p.spec.containers = [container('web'), container('web')];
  p.spec.initContainers = [container('web', 'busybox')];
  t.deepEqual(createErrors(p), ['spec.containers[1].name: Duplicate value: "web"', 'spec.initContainers[0].name: Duplicate value: "web"']);
});

test('container ports are 1-65535 with a known protocol and unique IANA names', (t) => {
  const p = pod();
  p.spec.containers[0].ports = [
    { name: 'http', containerPort: 70000, protocol: 'TCP' },
    { name: 'http', containerPort: 8080, protocol: 'HTTP' },
    { name: 'Metrics_Port_Name', containerPort: 9090, protocol: 'TCP' },
    { protocol: 'TCP' },
  ];
  t.deepEqual(createErrors(p), [
    'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[1].name: Duplicate value: "http"',
    'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    'spec.containers[0].ports[2].name: Invalid value: "Metrics_Port_Name": must be no more than 15 characters',
    'spec.containers[0].ports[2].name: Invalid value: "Metrics_Port_Name": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].ports[3].containerPort: Required value',
  ]);
});

test('two containers may not claim the same host port', (t) => {
  const p = pod();
  p.spec.containers = [container('a'), container('b')];
  p.spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }];
  p.spec.containers[1].ports = [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }];
  t.deepEqual(createErrors(p), ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
});

test('env names are required and printable, and valueFrom names one source', (t) => {
  const p = pod();
  p.spec.containers[0].env = [
    { value: 'x' },
    { name: 'A=B', value: 'x' },
    { name: 'FROM', valueFrom: {} },
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.phase' } } },
    { name: 'KEY', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'bad/key' } } },
  ];
  t.deepEqual(createErrors(p), [
    'spec.containers[0].env[0].name: Required value',
    "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
    'spec.containers[0].env[2].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    'spec.containers[0].env[3].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    "spec.containers[0].env[4].valueFrom.configMapKeyRef.key: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  ]);
});

test('a volumeMount must name a volume of the pod', (t) => {
  const p = pod();
  p.spec.volumes = [{ name: 'data', emptyDir: {} }];
  p.spec.containers[0].volumeMounts = [
    { name: 'data', mountPath: '/data' },
    { name: 'x', mountPath: '/x' },
    { name: 'data', mountPath: '/data' },
  ];
  t.deepEqual(createErrors(p), [
    'spec.containers[0].volumeMounts[1].name: Not found: "x"',
    'spec.containers[0].volumeMounts[2].mountPath: Invalid value: "/data": must be unique',
  ]);
});

test('volumes need a unique DNS-label name and exactly one source', (t) => {
  const p = pod();
  p.spec.volumes = [
    { name: 'data', emptyDir: {} },
    { name: 'data', configMap: { name: 'cfg' } },
    { name: 'both', emptyDir: {}, secret: { secretName: 's' } },
    { name: 'none' },
    { emptyDir: {} },
  ];
  t.deepEqual(createErrors(p), [
    'spec.volumes[1].name: Duplicate value: "data"',
    'spec.volumes[2].secret: Forbidden: may not specify more than 1 volume type',
    'spec.volumes[3]: Required value: must specify a volume type',
    'spec.volumes[4].name: Required value',
  ]);
});

test('a request above its limit is refused with the canonical quantities', (t) => {
  const p = pod();
  p.spec.containers[0].resources = { requests: { cpu: '1500m', memory: '1Gi' }, limits: { cpu: '1000m', memory: '512Mi' } };
  t.deepEqual(createErrors(p), [
    'spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1',
    'spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
  ]);
});

test('resource quantities must parse, be non-negative, and name container resources', (t) => {
  const p = pod();
  p.spec.containers[0].resources = { limits: { cpu: 'lots', memory: '-1', pods: '1' } };
  t.deepEqual(createErrors(p), [
    "spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    'spec.containers[0].resources.limits[memory]: Invalid value: "-1": must be greater than or equal to 0',
    'spec.containers[0].resources.limits[pods]: Invalid value: "pods": must be a standard resource for containers',
  ]);
});

test('a probe must specify a handler, and a liveness probe succeeds once', (t) => {
  const p = pod();
  p.spec.containers[0].livenessProbe = { initialDelaySeconds: -1, successThreshold: 2 };
  p.spec.containers[0].readinessProbe = { httpGet: { path: '/healthz', port: 0, scheme: 'HTTP' } };
  t.deepEqual(createErrors(p), [
    'spec.containers[0].livenessProbe: Required value: must specify a handler type',
    'spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0',
    'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    'spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
  ]);
});

test('a plain init container may not have probes', (t) => {
  const p = pod();
  p.spec.initContainers = [{ ...container('init', 'busybox'), readinessProbe: { exec: { command: ['true'] } } }];
  t.deepEqual(createErrors(p), ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always']);
});

test('restartPolicy, dnsPolicy and imagePullPolicy take their known values', (t) => {
  const p = pod();
  p.spec.restartPolicy = 'Sometimes';
  p.spec.dnsPolicy = 'Google';
  p.spec.containers[0].imagePullPolicy = 'Daily';
  t.deepEqual(createErrors(p), [
    'spec.containers[0].imagePullPolicy: Unsupported value: "Daily": supported values: "Always", "IfNotPresent", "Never"',
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
  ]);
});

test('fields defaulting fills in may be absent', (t) => {
  const p = pod();
  p.spec = { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] };
  t.deepEqual(createErrors(p), []);
});

test('activeDeadlineSeconds is positive and node selector and gates are checked', (t) => {
  const p = pod();
  p.spec.activeDeadlineSeconds = 0;
  p.spec.nodeSelector = { disk: 'ssd fast' };
  p.spec.schedulingGates = [{ name: 'example.com/wait' }, { name: 'example.com/wait' }];
  p.spec.priorityClassName = 'High';
  t.deepEqual(createErrors(p).map((m) => m.replace(/: a (valid label|lowercase RFC 1123 subdomain) .*$/, ': …')), [
    'spec.nodeSelector: Invalid value: "ssd fast": …',
    'spec.schedulingGates[1]: Duplicate value: "example.com/wait"',
    'spec.priorityClassName: Invalid value: "High": …',
    'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
  ]);
});

test('topology spread constraints need a positive maxSkew and a known whenUnsatisfiable', (t) => {
  const p = pod();
  p.spec.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe', labelSelector: { matchLabels: { app: 'web' } } }];
  t.deepEqual(createErrors(p), [
    'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
  ]);
});

test('required node affinity terms use known operators with values as they require', (t) => {
  const p = pod();
  p.spec.affinity = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Near', values: ['a'] }, { key: 'gpu', operator: 'In' }] }],
      },
    },
  };
  t.deepEqual(createErrors(p), [
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
    "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
  ]);
});

test('ephemeral containers cannot be set on create', (t) => {
  const p = pod();
  p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
  t.true(createErrors(p).includes('spec.ephemeralContainers: Forbidden: cannot be set on create'));
});

test('a pod update may change images and add tolerations', (t) => {
  const old = pod();
  const p = clone(old);
  p.spec.containers[0].image = 'nginx:1.28';
  p.spec.tolerations = [{ key: 'a', operator: 'Exists' }];
  t.deepEqual(updateErrors(p, old), []);
});

test('a pod update may not change other spec fields', (t) => {
  const old = pod();
  const p = clone(old);
  p.spec.restartPolicy = 'Never';
  const errors = updateErrors(p, old);
  t.is(errors.length, 1);
  t.true(
    errors[0]!.startsWith(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
    ),
  );
  t.true(errors[0]!.includes('restartPolicy: "Always"'));
});

test('a pod update may not add containers, remove tolerations or extend the deadline', (t) => {
  const old = pod();
  old.spec.tolerations = [{ key: 'a', operator: 'Exists' }];
  old.spec.activeDeadlineSeconds = 60;
  const p = clone(old);
  p.spec.containers.push(container('sidecar'));
  t.deepEqual(updateErrors(p, old), ['spec.containers: Forbidden: pod updates may not add or remove containers']);
  const q = clone(old);
  q.spec.tolerations = [];
  q.spec.activeDeadlineSeconds = 120;
  t.deepEqual(updateErrors(q, old), ['spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value']);
  const r = clone(old);
  r.spec.tolerations = [];
  t.deepEqual(updateErrors(r, old), ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
});
