/**
 * The apps printers: Deployment, ReplicaSet, ReplicationController, DaemonSet, StatefulSet and
 * ControllerRevision (upstream printDeployment, printReplicaSet, printReplicationController,
 * printDaemonSet, printStatefulSet, printControllerRevision).
 */
import { parseApiVersion, type KubeObject, type OwnerReference } from '../api/types.js';
import { formatAge } from './age.js';
import {
  ageColumn,
  column,
  containersColumn,
  imagesColumn,
  layoutContainerCells,
  nameColumn,
  selectorColumn,
  type Cell,
  type KindPrinter,
  type PrintContext,
  type TemplateContainer,
} from './columns.js';
import { formatLabelSelector, formatLabels, labelSelectorString, type LabelSelector } from './labels.js';

/** A pod template, as far as the printers read it. */
interface PodTemplateView {
  spec?: { containers?: TemplateContainer[]; nodeSelector?: Record<string, string> };
}

/** The parts of a workload object the printers read (each kind uses its own fields). */
interface WorkloadView extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateView;
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}

/** `spec.replicas`, which API defaulting sets to 1 when it is absent. */
function desiredReplicas(workload: WorkloadView): number {
  return workload.spec?.replicas ?? 1;
}

function name(object: KubeObject): string {
  return object.metadata.name ?? '';
}

/**
 * The READY column of Deployments and StatefulSets: `<status.readyReplicas>/<spec.replicas>`.
 */
export function readyOfDesired(object: KubeObject): string {
  const workload = object as WorkloadView;
  return `${workload.status?.readyReplicas ?? 0}/${desiredReplicas(workload)}`;
}

/** Deployments: NAME READY UP-TO-DATE AVAILABLE AGE; wide CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const deployment = object as WorkloadView;
    const [containers, images] = layoutContainerCells(deployment.spec?.template?.spec?.containers);
    return [
      name(deployment),
      readyOfDesired(deployment),
      deployment.status?.updatedReplicas ?? 0,
      deployment.status?.availableReplicas ?? 0,
      formatAge(deployment.metadata.creationTimestamp, now),
      containers,
      images,
      labelSelectorString(deployment.spec?.selector) ?? '<invalid>',
    ];
  },
};

/** The DESIRED / CURRENT / READY columns shared by ReplicaSets and ReplicationControllers. */
const replicaColumns = [
  nameColumn,
  column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
  column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
  column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
  ageColumn,
  containersColumn,
  imagesColumn,
  selectorColumn,
];

function replicaCells(workload: WorkloadView, now: number, selector: string): Cell[] {
  const [containers, images] = layoutContainerCells(workload.spec?.template?.spec?.containers);
  return [
    name(workload),
    desiredReplicas(workload),
    workload.status?.replicas ?? 0,
    workload.status?.readyReplicas ?? 0,
    formatAge(workload.metadata.creationTimestamp, now),
    containers,
    images,
    selector,
  ];
}

/** ReplicaSets: NAME DESIRED CURRENT READY AGE; wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: KindPrinter = {
  columns: replicaColumns,
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const replicaSet = object as WorkloadView;
    return replicaCells(replicaSet, now, formatLabelSelector(replicaSet.spec?.selector));
  },
};

/** ReplicationControllers: as ReplicaSets, with a plain label-map selector. */
export const replicationControllerPrinter: KindPrinter = {
  columns: replicaColumns,
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const controller = object as WorkloadView;
    const selector = controller.spec?.selector as Record<string, string> | undefined;
    return replicaCells(controller, now, formatLabels(selector));
  },
};

/** DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE; wide CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).'),
    column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    column('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    column('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const daemonSet = object as WorkloadView;
    const status = daemonSet.status ?? {};
    const template = daemonSet.spec?.template?.spec;
    const [containers, images] = layoutContainerCells(template?.containers);
    return [
      name(daemonSet),
      status.desiredNumberScheduled ?? 0,
      status.currentNumberScheduled ?? 0,
      status.numberReady ?? 0,
      status.updatedNumberScheduled ?? 0,
      status.numberAvailable ?? 0,
      formatLabels(template?.nodeSelector),
      formatAge(daemonSet.metadata.creationTimestamp, now),
      containers,
      images,
      formatLabelSelector(daemonSet.spec?.selector),
    ];
  },
};

/** StatefulSets: NAME READY AGE; wide CONTAINERS IMAGES. */
export const statefulSetPrinter: KindPrinter = {
  columns: [nameColumn, column('Ready', 'string', 'Number of the pod with ready state'), ageColumn, containersColumn, imagesColumn],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const statefulSet = object as WorkloadView;
    const [containers, images] = layoutContainerCells(statefulSet.spec?.template?.spec?.containers);
    return [name(statefulSet), readyOfDesired(statefulSet), formatAge(statefulSet.metadata.creationTimestamp, now), containers, images];
  },
};

/** metav1.GetControllerOf: the owner reference marked `controller: true`, if any. */
function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((reference) => reference.controller === true);
}

/**
 * The CONTROLLER cell of a ControllerRevision: `<kind>.<group>/<name>` lower-cased as upstream's
 * formatResourceName writes it (`daemonset.apps/fluentd`, `replicationcontroller/x` for the core
 * group), `<none>` without a controller.
 */
export function controllerRevisionController(object: KubeObject): string {
  const reference = controllerOf(object);
  if (reference === undefined) return '<none>';
  const { group } = parseApiVersion(reference.apiVersion);
  const groupKind = group === '' ? reference.kind : `${reference.kind}.${group}`;
  return groupKind === '' ? reference.name : `${groupKind.toLowerCase()}/${reference.name}`;
}

/** ControllerRevisions: NAME CONTROLLER REVISION AGE. */
export const controllerRevisionPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const revision = typeof object['revision'] === 'number' ? object['revision'] : 0;
    return [name(object), controllerRevisionController(object), revision, formatAge(object.metadata.creationTimestamp, now)];
  },
};
