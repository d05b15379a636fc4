/**
 * `kubectl get` tables as pure functions: the kind → printer registry (the server-side printers of
 * kube-apiserver v1.32), `printTable` to build a Table and `formatTable` to print it as kubectl does.
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { horizontalPodAutoscalerPrinter } from './autoscaling.js';
import { cronJobPrinter, jobPrinter } from './batch.js';
import {
  ageColumn,
  nameColumn,
  type Cell,
  type KindPrinter,
  type PrintContext,
  type PrintedTable,
} from './columns.js';
import { defaultTableConvertorPrinter } from './default-table.js';
import { eventPrinter } from './event.js';
import {
  configMapPrinter,
  leasePrinter,
  namespacePrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './misc.js';
import { ingressClassPrinter, networkPolicyPrinter } from './networking.js';
import { nodePrinter } from './node.js';
import { podPrinter } from './pod.js';
import { resourceQuotaPrinter } from './quota.js';
import { endpointSlicePrinter, endpointsPrinter, ingressPrinter, servicePrinter } from './service.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage.js';
import { withNamespaceColumn } from './table.js';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads.js';

export { formatAge, humanDuration } from './age.js';
export type { Cell, ColumnDefinition, KindPrinter, PrintContext, PrintedRow, PrintedTable } from './columns.js';
export { formatRestarts, podStatusReason, podSummary, type PodSummary } from './pod.js';
export { formatNodeRoles, nodeRoles, nodeStatus } from './node.js';
export { formatEndpoints, serviceClusterIP, serviceExternalIP, servicePorts } from './service.js';
export { controllerRevisionController, readyOfDesired } from './workloads.js';
export { accessModesString } from './storage.js';
export { resourceQuotaUsage } from './quota.js';
export { ingressClassParameters } from './networking.js';
export { createdAt, defaultTableConvertorPrinter } from './default-table.js';
export { jobCompletions, jobDuration, jobStatus } from './batch.js';
export { formatTable, withNamespaceColumn, type FormatOptions } from './table.js';

/**
 * The printer for kinds without one of their own: NAME AGE, as for a custom resource without
 * printer columns. (A built-in kind without a printer upstream, such as LimitRange, is registered
 * with {@link defaultTableConvertorPrinter} instead.)
 */
export const defaultPrinter: KindPrinter = {
  columns: [nameColumn, ageColumn],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    return [object.metadata.name ?? '', formatAge(object.metadata.creationTimestamp, now)];
  },
};

/** Every kind with a server-side printer, by `kind`. */
export const printers: Readonly<Record<string, KindPrinter>> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
  Ingress: ingressPrinter,
  IngressClass: ingressClassPrinter,
  NetworkPolicy: networkPolicyPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  StorageClass: storageClassPrinter,
  ResourceQuota: resourceQuotaPrinter,
  LimitRange: defaultTableConvertorPrinter,
  PriorityClass: priorityClassPrinter,
  Event: eventPrinter,
  ReplicationController: replicationControllerPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  DaemonSet: daemonSetPrinter,
  StatefulSet: statefulSetPrinter,
  ControllerRevision: controllerRevisionPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  Lease: leasePrinter,
  PodDisruptionBudget: podDisruptionBudgetPrinter,
  HorizontalPodAutoscaler: horizontalPodAutoscalerPrinter,
};

/** The printer of `kind`, or {@link defaultPrinter}. */
export function printerFor(kind: string): KindPrinter {
  return Object.hasOwn(printers, kind) ? (printers[kind] ?? defaultPrinter) : defaultPrinter;
}

/** Options of {@link printTable}. */
export interface PrintOptions {
  /** Epoch ms from the virtual clock; every age is measured against it. */
  now: number;
  /**
   * GenerateOptions.Wide, default true as kube-apiserver always generates (kubectl hides the
   * priority-1 columns itself). `false` drops the priority-1 columns and clips load-balancer
   * addresses to 16 characters, as upstream's GenerateTable does.
   */
  wide?: boolean;
  /** Prepend kubectl's `Namespace` column (what `-A` adds client-side; never part of a server Table). */
  withNamespace?: boolean;
}

/**
 * The Table kube-apiserver answers for these objects of one kind (`Accept: …;as=Table`): the
 * kind's column definitions and one row of cells per object, in the given order.
 */
export function printTable(kind: string, objects: readonly KubeObject[], options: PrintOptions): PrintedTable {
  const printer = printerFor(kind);
  const context: PrintContext = { now: options.now, wide: options.wide ?? true };
  const keep = printer.columns.map((c) => context.wide || c.priority === 0);
  const table: PrintedTable = {
    columns: printer.columns.filter((_, i) => keep[i] === true),
    rows: objects.map((object) => ({
      cells: printer.cells(object, context).filter((_, i) => keep[i] === true),
      object,
    })),
  };
  return options.withNamespace === true ? withNamespaceColumn(table) : table;
}
