/**
 * `kubectl get nodes`: upstream printNode — STATUS from the Ready condition plus
 * SchedulingDisabled, ROLES from the node-role labels, and the wide addresses and versions.
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { ageColumn, column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';

/** Label prefix whose suffix names a role: `node-role.kubernetes.io/control-plane`. */
export const labelNodeRolePrefix = 'node-role.kubernetes.io/';
/** The older label whose value names a role: `kubernetes.io/role=master`. */
export const nodeLabelRole = 'kubernetes.io/role';

/** The parts of a v1 Node the node printer reads. */
interface NodeView extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type: string; status: string }[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: {
      kubeletVersion?: string;
      osImage?: string;
      kernelVersion?: string;
      containerRuntimeVersion?: string;
    };
  };
}

/**
 * The STATUS column: `Ready` or `NotReady` from the Ready condition (any status but True is
 * NotReady), `Unknown` without one, then `,SchedulingDisabled` for a cordoned node.
 */
export function nodeStatus(node: KubeObject): string {
  const { spec, status } = node as NodeView;
  let ready: { type: string; status: string } | undefined;
  for (const condition of status?.conditions ?? []) {
    if (condition.type === 'Ready') ready = condition;
  }
  const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (spec?.unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/**
 * findNodeRoles: the non-empty suffixes of `node-role.kubernetes.io/<role>` labels and the non-empty
 * value of `kubernetes.io/role`, deduplicated and sorted.
 */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(labelNodeRolePrefix)) {
      const role = key.slice(labelNodeRolePrefix.length);
      if (role !== '') roles.add(role);
    } else if (key === nodeLabelRole && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The ROLES column: the roles comma-joined, or `<none>`. */
export function formatNodeRoles(node: KubeObject): string {
  const roles = nodeRoles(node).join(',');
  return roles === '' ? '<none>' : roles;
}

/** The first address of that type (`InternalIP`, `ExternalIP`), or `<none>`. */
function nodeAddress(node: NodeView, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

function orUnknown(value: string | undefined): string {
  return value === undefined || value === '' ? '<unknown>' : value;
}

const addressesDoc =
  'List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses';

/** Nodes: NAME STATUS ROLES AGE VERSION; wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', addressesDoc, 1),
    column('External-IP', 'string', addressesDoc, 1),
    column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    column('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const node = object as NodeView;
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name ?? '',
      nodeStatus(node),
      formatNodeRoles(node),
      formatAge(node.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      orUnknown(info.osImage),
      orUnknown(info.kernelVersion),
      orUnknown(info.containerRuntimeVersion),
    ];
  },
};
