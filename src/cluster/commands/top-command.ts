/**
 * `top pods` / `top nodes` (kubectl top): the usage metrics-server reports, in kubectl's
 * columns, through the resource metrics API (kubectl/pkg/metricsutil/metrics_printer.go).
 */
import type { KubeObject } from '../../api/types.js';
import { milliValue, parseQuantity, quantityValue } from '../../api/quantity.js';
import { metricsApiFor } from '../../metrics/aggregator.js';
import type { MetricsClient, PodMetrics } from '../../metrics/types.js';
import { type CommandResult, type CommandSpec, type CommandTarget, done, failed } from './types.js';
import type { CommandArgs } from '../command-line.js';

const MI = 1024 * 1024;

/** printers.GetNewTabWriter: minwidth 10, padding 3, every cell tab-terminated (so padded too). */
export function tabwriter(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length + 3, 10)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('')).join('\n');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `top pods` table: [NAMESPACE] NAME CPU(cores) MEMORY(bytes), sorted by namespace and name. */
export function topPodsTable(metrics: readonly PodMetrics[], withNamespace: boolean): string {
  const sorted = [...metrics].sort((a, b) => (withNamespace ? cmp(a.namespace, b.namespace) : 0) || cmp(a.name, b.name));
  const rows = sorted.map((m) => {
    const cpu = m.containers.reduce((s, c) => s + c.cpuMilli, 0);
    const memory = m.containers.reduce((s, c) => s + c.memoryBytes, 0);
    const cells = [m.name, `${cpu}m`, `${Math.trunc(memory / MI)}Mi`];
    return withNamespace ? [m.namespace, ...cells] : cells;
  });
  const header = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  return tabwriter([withNamespace ? ['NAMESPACE', ...header] : header, ...rows]);
}

function allocatable(node: KubeObject, resource: string): number | undefined {
  const value = (node['status'] as { allocatable?: Record<string, string> } | undefined)?.allocatable?.[resource];
  const q = value === undefined ? undefined : parseQuantity(value);
  if (q === undefined || !q.ok) return undefined;
  return resource === 'cpu' ? milliValue(q.value) : quantityValue(q.value);
}

/** The `top nodes` table: NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%); nodes without metrics show <unknown>. */
export function topNodesTable(client: MetricsClient, nodes: readonly KubeObject[]): string {
  const byName = new Map(client.nodeMetrics().map((m) => [m.name, m]));
  const rows: string[][] = [];
  const missing: string[][] = [];
  for (const node of [...nodes].sort((a, b) => cmp(a.metadata.name ?? '', b.metadata.name ?? ''))) {
    const name = node.metadata.name ?? '';
    const m = byName.get(name);
    if (m === undefined) {
      missing.push([name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
      continue;
    }
    const percent = (used: number, total: number | undefined): string => (total === undefined || total === 0 ? '' : `${Math.trunc((used / total) * 100)}%`);
    rows.push([name, `${m.cpuMilli}m`, percent(m.cpuMilli, allocatable(node, 'cpu')), `${Math.trunc(m.memoryBytes / MI)}Mi`, percent(m.memoryBytes, allocatable(node, 'memory'))]);
  }
  return tabwriter([['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'], ...rows, ...missing]);
}

function topPods(target: CommandTarget, client: MetricsClient, args: CommandArgs): CommandResult {
  const all = args.flags.get('A') === 'true' || args.flags.get('all-namespaces') === 'true';
  const namespace = all ? '' : (args.flags.get('n') ?? args.flags.get('namespace') ?? 'default');
  const name = args.positionals[1];
  let metrics = client.podMetrics(namespace);
  if (name !== undefined) {
    metrics = metrics.filter((m) => m.name === name);
    if (metrics.length === 0) return failed(`error: podmetrics.metrics.k8s.io "${namespace}/${name}" not found`);
  }
  if (metrics.length === 0) {
    const pods = target.api.list('pods', namespace);
    if (pods.ok && pods.value.items.length > 0) return failed('error: metrics not available yet');
    return done(all ? 'No resources found' : `No resources found in ${namespace} namespace.`);
  }
  return done(topPodsTable(metrics, all));
}

function topNodes(target: CommandTarget, client: MetricsClient, args: CommandArgs): CommandResult {
  const listed = target.api.list('nodes', '');
  if (!listed.ok) return failed(`Error from server: ${listed.status.message ?? ''}`);
  const name = args.positionals[1];
  const nodes = name === undefined ? listed.value.items : listed.value.items.filter((n) => n.metadata.name === name);
  if (name !== undefined && nodes.length === 0) return failed(`Error from server (NotFound): nodes "${name}" not found`);
  if (nodes.length === 0) return done('No resources found');
  return done(topNodesTable(client, nodes));
}

/** `top pods [NAME] [-n NS | -A]` and `top nodes [NAME]`. */
export const topCommand: CommandSpec = {
  name: 'top',
  usage: 'top pods [-n <namespace> | -A] | top nodes',
  summary: 'display resource (CPU/memory) usage of pods or nodes, as metrics-server reports it',
  run(target, args) {
    const client = metricsApiFor(target.api);
    const kind = args.positionals[0];
    const pods = kind === 'pods' || kind === 'pod' || kind === 'po';
    const nodes = kind === 'nodes' || kind === 'node' || kind === 'no';
    if (!pods && !nodes) return failed(`error: unknown command "${kind ?? ''}" for "kubectl top"; use "top pods" or "top nodes"`);
    if (client === undefined) return failed('error: Metrics API not available');
    return pods ? topPods(target, client, args) : topNodes(target, client, args);
  },
};
