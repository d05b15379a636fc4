/**
 * The small printers: Namespace, ConfigMap, Secret, ServiceAccount, Lease, PodDisruptionBudget
 * and PriorityClass (upstream printNamespace, printConfigMap, printSecret, printServiceAccount,
 * printLease, printPodDisruptionBudget, printPriorityClass).
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { ageColumn, boolCell, column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';

function name(object: KubeObject): string {
  return object.metadata.name ?? '';
}

function age(object: KubeObject, now: number): string {
  return formatAge(object.metadata.creationTimestamp, now);
}

/** The number of keys of a map field (`data`, `binaryData`), 0 when absent. */
function keyCount(value: unknown): number {
  return typeof value === 'object' && value !== null ? Object.keys(value).length : 0;
}

/** Namespaces: NAME STATUS AGE. */
export const namespacePrinter: KindPrinter = {
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const status = object['status'] as { phase?: string } | undefined;
    return [name(object), status?.phase ?? '', age(object, now)];
  },
};

/** ConfigMaps: NAME DATA AGE (DATA counts `data` and `binaryData` keys). */
export const configMapPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Data', 'string', "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    return [name(object), keyCount(object['data']) + keyCount(object['binaryData']), age(object, now)];
  },
};

/** Secrets: NAME TYPE DATA AGE. */
export const secretPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
    column('Data', 'string', "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const type = typeof object['type'] === 'string' ? object['type'] : '';
    return [name(object), type, keyCount(object['data']), age(object, now)];
  },
};

/** ServiceAccounts: NAME SECRETS AGE. */
export const serviceAccountPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const secrets = object['secrets'];
    return [name(object), Array.isArray(secrets) ? secrets.length : 0, age(object, now)];
  },
};

/** Leases: NAME HOLDER AGE. */
export const leasePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const spec = object['spec'] as { holderIdentity?: string } | undefined;
    return [name(object), spec?.holderIdentity ?? '', age(object, now)];
  },
};

/** intstr.IntOrString.String(): an int in decimal, a string as is. */
function intOrString(value: number | string | undefined): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** PodDisruptionBudgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE (`N/A` when unset). */
export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const spec = object['spec'] as { minAvailable?: number | string; maxUnavailable?: number | string } | undefined;
    const status = object['status'] as { disruptionsAllowed?: number } | undefined;
    return [
      name(object),
      intOrString(spec?.minAvailable) ?? 'N/A',
      intOrString(spec?.maxUnavailable) ?? 'N/A',
      status?.disruptionsAllowed ?? 0,
      age(object, now),
    ];
  },
};

/** The parts of a PriorityClass the printer reads. */
interface PriorityClassView extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string | null;
}

/**
 * PriorityClasses: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. PREEMPTIONPOLICY is not a
 * wide column, but upstream fills it only when generating wide (which kube-apiserver always does).
 */
export const priorityClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Value', 'integer', 'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.'),
    column('Global-Default', 'boolean', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.'),
    ageColumn,
    column('PreemptionPolicy', 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.'),
  ],
  cells(object: KubeObject, { now, wide }: PrintContext): Cell[] {
    const priorityClass = object as PriorityClassView;
    const cells: Cell[] = [name(priorityClass), priorityClass.value ?? 0, boolCell(priorityClass.globalDefault), age(priorityClass, now)];
    if (wide) cells.push(priorityClass.preemptionPolicy ?? '');
    return cells;
  },
};
