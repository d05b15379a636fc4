/**
 * The networking.k8s.io printers besides Ingress: IngressClass and NetworkPolicy (upstream
 * printIngressClass, printNetworkPolicy).
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { ageColumn, column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';
import { formatLabelSelector, type LabelSelector } from './labels.js';

/** The parts of an IngressClass the printer reads. */
interface IngressClassView extends KubeObject {
  spec?: {
    controller?: string;
    parameters?: { apiGroup?: string | null; kind?: string; name?: string } | null;
  };
}

/**
 * The PARAMETERS cell of an IngressClass: `<kind>.<apiGroup>/<name>` (`<kind>/<name>` without an
 * apiGroup), `<none>` without parameters.
 */
export function ingressClassParameters(object: KubeObject): string {
  const parameters = (object as IngressClassView).spec?.parameters;
  if (parameters === undefined || parameters === null) return '<none>';
  const kind = parameters.kind ?? '';
  const withGroup = parameters.apiGroup === undefined || parameters.apiGroup === null ? kind : `${kind}.${parameters.apiGroup}`;
  return `${withGroup}/${parameters.name ?? ''}`;
}

/** IngressClasses: NAME CONTROLLER PARAMETERS AGE. */
export const ingressClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const ingressClass = object as IngressClassView;
    return [
      ingressClass.metadata.name ?? '',
      ingressClass.spec?.controller ?? '',
      ingressClassParameters(ingressClass),
      formatAge(ingressClass.metadata.creationTimestamp, now),
    ];
  },
};

/** NetworkPolicies: NAME POD-SELECTOR AGE (`<none>` for the empty selector that selects every pod). */
export const networkPolicyPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Pod-Selector', 'string', 'Selects the pods to which this NetworkPolicy object applies. The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const spec = object['spec'] as { podSelector?: LabelSelector } | undefined;
    return [object.metadata.name ?? '', formatLabelSelector(spec?.podSelector ?? {}), formatAge(object.metadata.creationTimestamp, now)];
  },
};
