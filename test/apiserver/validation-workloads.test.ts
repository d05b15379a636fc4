import test from 'ava';
import { clone, createErrors, deployment, job, template, updateErrors } from './validation-fixtures.js';
import type { Obj } from './validation-fixtures.js';

// Messages quoted from pkg/apis/apps/validation and pkg/apis/batch/validation (v1.32).
const MISMATCH = '`selector` does not match template `labels`';

function replicaSet(): Obj {
  const d = deployment();
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: d.metadata, spec: { replicas: 1, selector: d.spec.selector, template: d.spec.template } };
}

function daemonSet(): Obj {
  const d = deployment();
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: d.metadata,
    spec: { selector: d.spec.selector, template: d.spec.template, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
  };
}

function statefulSet(): Obj {
  const d = deployment();
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { ...d.metadata, name: 'db' },
    spec: { replicas: 1, selector: d.spec.selector, template: d.spec.template, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
  };
}

function cronJob(): Obj {
  const j = job();
  const spec = clone(j.spec.template.spec);
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'default' },
    spec: { schedule: '0 3 * * *', concurrencyPolicy: 'Allow', jobTemplate: { spec: { backoffLimit: 6, template: { spec } } } },
  };
}

test('valid workloads have no errors', (t) => {
  for (const o of [deployment(), replicaSet(), daemonSet(), statefulSet(), job(), cronJob()]) t.deepEqual(createErrors(o), [], o.kind);
});

test('replicas may not be negative', (t) => {
  const d = deployment();
  d.spec.replicas = -1;
  t.deepEqual(createErrors(d), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
});

test('replicas of the wrong type is an Invalid error', (t) => {
  const d = deployment();
  d.spec.replicas = 'three';
  t.deepEqual(createErrors(d), ['spec.replicas: Invalid value: "three": must be an integer']);
});

test('a deployment without a selector is refused, and its template then matches nothing', (t) => {
  const d = deployment();
  delete d.spec.selector;
  t.deepEqual(createErrors(d), [
    'spec.selector: Required value',
    `spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: ${MISMATCH}`,
  ]);
});

test('an empty selector is invalid for a deployment', (t) => {
  const d = deployment();
  d.spec.selector = {};
  t.deepEqual(createErrors(d), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  ]);
});

test('the selector must match the template labels', (t) => {
  const d = deployment();
  d.spec.selector = { matchLabels: { app: 'api' } };
  d.spec.template.metadata.labels = { app: 'x', tier: 'web' };
  t.deepEqual(createErrors(d), [`spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"web"}: ${MISMATCH}`]);
});

test('a deployment template must restart Always and its pod spec is validated', (t) => {
  const d = deployment();
  d.spec.template.spec.restartPolicy = 'Never';
  d.spec.template.spec.containers[0].image = '';
  t.deepEqual(createErrors(d), [
    'spec.template.spec.containers[0].image: Required value',
    'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  ]);
});

test('maxUnavailable and maxSurge may not both be zero', (t) => {
  const d = deployment();
  d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } };
  t.deepEqual(createErrors(d), [
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
  ]);
});

test('maxSurge must be an integer or a percent and maxUnavailable at most 100%', (t) => {
  const d = deployment();
  d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%', maxSurge: 'half' } };
  t.deepEqual(createErrors(d), [
    "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
  ]);
});

test('a strategy type must be Recreate or RollingUpdate, and Recreate has no rollingUpdate', (t) => {
  const d = deployment();
  d.spec.strategy = { type: 'BlueGreen' };
  t.deepEqual(createErrors(d), [
    'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
  ]);
  d.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } };
  t.deepEqual(createErrors(d), ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
});

test('progressDeadlineSeconds must exceed minReadySeconds and revisionHistoryLimit is not negative', (t) => {
  const d = deployment();
  d.spec.minReadySeconds = 30;
  d.spec.progressDeadlineSeconds = 30;
  d.spec.revisionHistoryLimit = -1;
  t.deepEqual(createErrors(d), [
    'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
  ]);
});

test('the selector of an apps/v1 deployment, replicaset or daemonset is immutable', (t) => {
  for (const make of [deployment, replicaSet, daemonSet]) {
    const old = make();
    const d = clone(old);
    d.spec.selector = { matchLabels: { app: 'web', tier: 'front' } };
    d.spec.template.metadata.labels = { app: 'web', tier: 'front' };
    t.deepEqual(updateErrors(d, old), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  }
});

test('a deployment update may scale and change the template', (t) => {
  const old = deployment();
  const d = clone(old);
  d.spec.replicas = 10;
  d.spec.template.spec.containers[0].image = 'nginx:1.28';
  t.deepEqual(updateErrors(d, old), []);
});

test('a replication controller defaults its selector from the template labels', (t) => {
  const rc: Obj = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, template: template() } };
  t.deepEqual(createErrors(rc), []);
  rc.spec.template.spec.activeDeadlineSeconds = 10;
  t.deepEqual(createErrors(rc), ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported']);
});

test('a daemonset rolling update needs exactly one of maxUnavailable and maxSurge', (t) => {
  const ds = daemonSet();
  ds.spec.updateStrategy.rollingUpdate = { maxUnavailable: 0, maxSurge: 0 };
  t.deepEqual(createErrors(ds), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']);
  ds.spec.updateStrategy.rollingUpdate = { maxUnavailable: 1, maxSurge: 1 };
  t.deepEqual(createErrors(ds), [
    'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
  ]);
});

test('a statefulset name is a DNS label and its podManagementPolicy is OrderedReady or Parallel', (t) => {
  const s = statefulSet();
  s.metadata.name = 'db.primary';
  s.spec.podManagementPolicy = 'Random';
  t.deepEqual(createErrors(s), [
    'metadata.name: Invalid value: "db.primary": must not contain dots',
    "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
  ]);
});

test('a statefulset without serviceName is valid', (t) => {
  const s = statefulSet();
  delete s.spec.serviceName;
  t.deepEqual(createErrors(s), []);
});

test('a statefulset update may only change its mutable fields', (t) => {
  const old = statefulSet();
  old.spec.serviceName = 'db';
  const s = clone(old);
  s.spec.replicas = 3;
  s.spec.template.spec.containers[0].image = 'postgres:17';
  t.deepEqual(updateErrors(s, old), []);
  s.spec.serviceName = 'db-headless';
  t.deepEqual(updateErrors(s, old), [
    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  ]);
});

test('a job template must restart OnFailure or Never', (t) => {
  const j = job();
  j.spec.template.spec.restartPolicy = 'Always';
  t.deepEqual(createErrors(j), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  j.spec.template.spec.restartPolicy = 'Sometimes';
  t.deepEqual(createErrors(j), [
    'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
  ]);
});

test('job counts may not be negative', (t) => {
  const j = job();
  j.spec.parallelism = -1;
  j.spec.completions = -2;
  j.spec.backoffLimit = -3;
  t.deepEqual(createErrors(j), [
    'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
    'spec.completions: Invalid value: -2: must be greater than or equal to 0',
    'spec.backoffLimit: Invalid value: -3: must be greater than or equal to 0',
  ]);
});

test('the generated job labels must be on the template', (t) => {
  const j = job();
  j.spec.template.metadata.labels['job-name'] = 'other';
  t.deepEqual(createErrors(j), [
    `spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${j.metadata.uid}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${j.metadata.uid}", "job-name":"other"}: must be 'pi'`,
  ]);
});

test('a pod failure policy rule needs a supported action and exactly one condition kind', (t) => {
  const j = job();
  j.spec.podFailurePolicy = {
    rules: [
      { action: 'Retry', onExitCodes: { operator: 'In', values: [3, 1] } },
      { action: 'Ignore' },
    ],
  };
  t.deepEqual(createErrors(j), [
    'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
    'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 1}: must be ordered',
    'spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
  ]);
});

test('a job template may not change', (t) => {
  const old = job();
  const j = clone(old);
  j.spec.template.spec.containers[0].image = 'perl:5.40';
  const errors = updateErrors(j, old);
  t.is(errors.length, 1);
  t.true(errors[0]!.startsWith('spec.template: Invalid value: core.PodTemplateSpec{'));
  t.true(errors[0]!.endsWith(': field is immutable'));
});

test('a cronjob needs a valid schedule', (t) => {
  const c = cronJob();
  delete c.spec.schedule;
  t.deepEqual(createErrors(c), ['spec.schedule: Required value']);
  c.spec.schedule = '*/5 * * *';
  t.deepEqual(createErrors(c), ['spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]']);
  c.spec.schedule = '61 * * * *';
  t.deepEqual(createErrors(c), ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']);
  c.spec.schedule = '@fortnightly';
  t.deepEqual(createErrors(c), ['spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly']);
});

test('cron descriptors and step ranges are accepted', (t) => {
  const c = cronJob();
  for (const schedule of ['@hourly', '@daily', '@every 1h30m', '*/15 9-17 * * mon-fri', '0 0 1 jan,jul *']) {
    c.spec.schedule = schedule;
    t.deepEqual(createErrors(c), [], schedule);
  }
});

test('a cronjob concurrencyPolicy is Allow, Forbid or Replace and its name fits 52 characters', (t) => {
  const c = cronJob();
  c.spec.concurrencyPolicy = 'Sometimes';
  c.metadata.name = 'n'.repeat(53);
  t.deepEqual(createErrors(c), [
    'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    `metadata.name: Invalid value: "${'n'.repeat(53)}": must be no more than 52 characters`,
  ]);
});

test('a cronjob job template must not set a selector', (t) => {
  const c = cronJob();
  c.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } };
  t.deepEqual(createErrors(c), [
    'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
  ]);
});
