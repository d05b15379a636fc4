/**
 * Valid, already-defaulted objects for the validation tests, and a helper that prints the errors
 * the way kube-apiserver does (`spec.replicas: Invalid value: -1: …`).
 */
import type { KubeObject } from '../../src/api/types.js';
import type { FieldError } from '../../src/api/field-errors.js';
import { fieldErrorMessage } from '../../src/api/field-errors.js';
import { validateCreate, validateUpdate } from '../../src/apiserver/validation/index.js';

/** A JSON object the tests may freely change. */
export type Obj = KubeObject & Record<string, any>;

/** The messages of validating `object` on create. */
export function createErrors(object: Obj, kind = object.kind, group = groupOf(object)): string[] {
  return messages(validateCreate(kind, group, object));
}

/** The messages of validating the change from `old` to `object`. */
export function updateErrors(object: Obj, old: Obj, kind = object.kind, group = groupOf(object)): string[] {
  return messages(validateUpdate(kind, group, object, old));
}

/** `field: body` for each error. */
export function messages(errors: FieldError[]): string[] {
  return errors.map(fieldErrorMessage);
}

function groupOf(object: KubeObject): string {
  const slash = object.apiVersion.indexOf('/');
  return slash < 0 ? '' : object.apiVersion.slice(0, slash);
}

/** A deep copy, so each test can change its own object. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A defaulted container. */
export function container(name = 'web', image = 'nginx:1.27'): Record<string, unknown> {
  return {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    resources: {},
  };
}

/** A defaulted pod spec. */
export function podSpec(): Record<string, any> {
  return {
    containers: [container()],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    securityContext: {},
  };
}

const META = { namespace: 'default', uid: '6f1c1e4e-1111-4a5b-9c2d-000000000001', creationTimestamp: '2025-01-01T00:00:00Z', resourceVersion: '5' };

/** A valid Pod. */
export function pod(): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', ...META, labels: { app: 'web' } }, spec: podSpec() };
}

/** A valid pod template labelled app=web. */
export function template(): Record<string, any> {
  return { metadata: { labels: { app: 'web' } }, spec: podSpec() };
}

/** A valid Deployment. */
export function deployment(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...META, generation: 1 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: template(),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  };
}

/** A valid Service. */
export function service(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', ...META },
    spec: {
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }],
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
  };
}

/** A valid Job, with the selector and labels kube-apiserver generates. */
export function job(): Obj {
  const uid = META.uid;
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': 'pi',
    'controller-uid': uid,
    'job-name': 'pi',
  };
  const spec = podSpec();
  spec.restartPolicy = 'Never';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', ...META, generation: 1 },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { metadata: { labels }, spec },
    },
  };
}

/** Both `validateCreate` and `validateUpdate`, re-exported for tests that call them directly. */
export { validateCreate, validateUpdate };
