/**
 * Helpers for the corpus-expectation scenarios: a fresh full cluster per test, the corpus files
 * applied as `kubectl apply -f` applies them, and what `kubectl get` / `describe` would show
 * (the printers' cells, phases, conditions, events) read back through the API.
 */
import test, { type ExecutionContext } from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { runCommand } from '../../src/cluster/commands/index.js';
import { DEFAULT_START_TIME } from '../../src/clock/virtual-clock.js';
import { applyManifestTexts, type ApplyReportLine } from '../../src/manifests/apply-folder.js';
import { podSummary, printTable, type PodSummary } from '../../src/printers/index.js';

/** The shared corpus, seen from dist/test/scenarios/. */
export const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/k8s-examples/', import.meta.url));

/** Ten minutes of virtual time: the longest a test lets the cluster run to settle. */
export const TEN_MINUTES = 600_000;

/** The worker nodes of the default cluster (the control-plane node is tainted). */
export const WORKERS = ['node-1', 'node-2', 'node-3'];

/** One row of INDEX.tsv. */
export interface CorpusRow {
  file: string;
  kinds: string;
  expect: string;
}

/** Every row of INDEX.tsv, header skipped. */
export function corpusRows(): CorpusRow[] {
  return readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [file = '', kinds = '', , , expect = ''] = line.split('\t');
      return { file, kinds, expect };
    });
}

/** A full cluster (control plane + 3 workers, seed 1), disposed when the test ends. */
export function fullCluster(t: ExecutionContext): Cluster {
  const cluster = new Cluster({ seed: 1, components: 'full' });
  t.teardown(() => cluster.dispose());
  return cluster;
}

/** Applies one corpus file (kubectl apply -f FILE); answers kubectl's lines. */
export function applyFile(cluster: Cluster, file: string): ApplyReportLine[] {
  return applyManifestTexts(cluster.api, [{ file, text: readFileSync(join(CORPUS, file), 'utf8') }]);
}

/** The error lines of an apply. */
export function applyErrors(report: readonly ApplyReportLine[]): string[] {
  return report.filter((line) => !line.ok).map((line) => line.text);
}

/** Applies a corpus file that must apply cleanly; an error is a failure of the test. */
export function applyClean(t: ExecutionContext, cluster: Cluster, file: string): void {
  t.deepEqual(applyErrors(applyFile(cluster, file)), [], `kubectl apply -f ${file}`);
}

/** `kubectl create namespace NAME`, then time for its controllers (default ServiceAccount, root CA). */
export function createNamespace(t: ExecutionContext, cluster: Cluster, name: string): void {
  const created = cluster.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  t.true(created.ok, `namespace ${name} created`);
  settle(cluster);
}

/** Runs the cluster until nothing is pending, at most `maxDuration` of virtual time. */
export function settle(cluster: Cluster, maxDuration = TEN_MINUTES): void {
  cluster.clock.runUntilIdle({ maxDuration });
}

/** Seconds of virtual time since the cluster started. */
export function elapsed(cluster: Cluster): number {
  return (cluster.clock.now() - DEFAULT_START_TIME) / 1000;
}

/** Advances the clock until `seconds` after the cluster started. */
export function advanceTo(cluster: Cluster, seconds: number): void {
  cluster.clock.advance(DEFAULT_START_TIME + seconds * 1000 - cluster.clock.now());
}

/** Runs a command line (`label node node-1 disktype=ssd`); a failure is a failure of the test. */
export function run(t: ExecutionContext, cluster: Cluster, line: string): void {
  const result = runCommand(cluster, line);
  t.true(result.ok, `${line}: ${result.message}`);
}

/** One object, or undefined when it does not exist. */
export function get(cluster: Cluster, resource: string, namespace: string, name: string): KubeObject | undefined {
  const got = cluster.api.get(resource, namespace, name);
  return got.ok ? got.value : undefined;
}

/** The objects of a resource in a namespace ('' for all or cluster-scoped), by name. */
export function list(cluster: Cluster, resource: string, namespace = 'default', labelSelector?: string): KubeObject[] {
  const listed = cluster.api.list(resource, namespace, labelSelector === undefined ? {} : { labelSelector });
  if (!listed.ok) throw new Error(`list ${resource}: ${listed.status.message}`);
  return [...listed.value.items].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

/** The value at a dotted path (`status.conditions.0.reason`), or undefined. */
export function field(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A condition of an object's status by type, or undefined. */
export function condition(object: KubeObject | undefined, type: string): Record<string, unknown> | undefined {
  const conditions = field(object, 'status.conditions');
  if (!Array.isArray(conditions)) return undefined;
  return (conditions as Record<string, unknown>[]).find((c) => c['type'] === type);
}

/** A condition reduced to what `kubectl describe` prints of it: status, reason, message. */
export function conditionView(object: KubeObject | undefined, type: string): { status?: unknown; reason?: unknown; message?: unknown } | undefined {
  const found = condition(object, type);
  if (found === undefined) return undefined;
  const view: { status?: unknown; reason?: unknown; message?: unknown } = { status: found['status'] };
  if (found['reason'] !== undefined) view.reason = found['reason'];
  if (found['message'] !== undefined) view.message = found['message'];
  return view;
}

/** READY, STATUS and RESTARTS of a pod as `kubectl get pods` prints them. */
export function podColumns(cluster: Cluster, pod: KubeObject): PodSummary {
  return podSummary(pod, cluster.clock.now());
}

/** READY STATUS RESTARTS of a named pod as one string (`1/1 Running 0`), or `<absent>`. */
export function podLine(cluster: Cluster, name: string, namespace = 'default'): string {
  const pod = get(cluster, 'pods', namespace, name);
  if (pod === undefined) return '<absent>';
  const { ready, status, restarts } = podColumns(cluster, pod);
  return `${ready} ${status} ${restarts}`;
}

/** READY STATUS RESTARTS of every pod of a namespace (optionally selected), by pod name. */
export function podLines(cluster: Cluster, namespace = 'default', labelSelector?: string): string[] {
  return list(cluster, 'pods', namespace, labelSelector).map((pod) => {
    const { ready, status, restarts } = podColumns(cluster, pod);
    return `${ready} ${status} ${restarts}`;
  });
}

/** The `kubectl get` row of an object as column name → cell (`Ready`, `Completions`, `Desired`…). */
export function row(cluster: Cluster, object: KubeObject): Record<string, string | number> {
  const table = printTable(object.kind, [object], { now: cluster.clock.now() });
  const cells = table.rows[0]?.cells ?? [];
  return Object.fromEntries(table.columns.map((column, i) => [column.name, cells[i] ?? '']));
}

/** The `kubectl get` row of a named object (see {@link row}); a missing object fails the caller's assertion. */
export function rowOf(cluster: Cluster, resource: string, namespace: string, name: string): Record<string, string | number> {
  const object = get(cluster, resource, namespace, name);
  return object === undefined ? {} : row(cluster, object);
}

/** Events about an object (by involvedObject name, optionally kind), as `Reason: message`. */
export function eventsFor(cluster: Cluster, name: string, kind?: string): string[] {
  return list(cluster, 'events', '')
    .filter((event) => field(event, 'involvedObject.name') === name && (kind === undefined || field(event, 'involvedObject.kind') === kind))
    .map((event) => `${String(field(event, 'reason'))}: ${String(field(event, 'message'))}`);
}

/** The messages of events about an object with a given reason. */
export function eventMessages(cluster: Cluster, name: string, reason: string): string[] {
  const prefix = `${reason}: `;
  return eventsFor(cluster, name)
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));
}

/** The pods owned (controller reference) by the named object. */
export function podsOwnedBy(cluster: Cluster, ownerName: string, namespace = 'default'): KubeObject[] {
  return list(cluster, 'pods', namespace).filter((pod) =>
    (pod.metadata.ownerReferences ?? []).some((ref) => ref.controller === true && ref.name === ownerName),
  );
}

/** The ReplicaSets a Deployment owns. */
export function replicaSetsOf(cluster: Cluster, deployment: string, namespace = 'default'): KubeObject[] {
  return list(cluster, 'replicasets', namespace).filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((ref) => ref.kind === 'Deployment' && ref.name === deployment),
  );
}

/** The pods of a Deployment (through the ReplicaSets it owns), by name. */
export function podsOfDeployment(cluster: Cluster, deployment: string, namespace = 'default'): KubeObject[] {
  return replicaSetsOf(cluster, deployment, namespace).flatMap((rs) => podsOwnedBy(cluster, rs.metadata.name ?? '', namespace));
}

/**
 * The tests of one file over corpus rows: each test is named after its row, and the file checks at
 * the end that every row of its folders has a test (a real one, or a `todo` with the reason).
 */
export class CorpusSuite {
  private readonly covered = new Set<string>();

  /** A test of one row's expectation on a fresh full cluster. */
  test(file: string, behaviour: string, impl: (t: ExecutionContext, cluster: Cluster) => void): void {
    this.covered.add(file);
    test(`${file}: ${behaviour}`, (t) => impl(t, fullCluster(t)));
  }

  /** A row (or part of one) that cannot be checked yet, with the precise reason. */
  todo(file: string, reason: string): void {
    this.covered.add(file);
    test.todo(`${file}: ${reason}`);
  }

  /** The test that every INDEX row under these folders is covered by this file. */
  checkCoverage(prefixes: readonly string[]): void {
    test(`every INDEX row under ${prefixes.join(', ')} has a test`, (t) => {
      const rows = corpusRows().filter((r) => prefixes.some((prefix) => r.file.startsWith(prefix)));
      t.true(rows.length > 0);
      t.deepEqual(rows.map((r) => r.file).filter((file) => !this.covered.has(file)), []);
    });
  }
}

/** Reads `read()` every `stepSeconds` of virtual time until `untilSeconds` after the cluster started. */
export function sample<T>(cluster: Cluster, untilSeconds: number, stepSeconds: number, read: () => T): { at: number; value: T }[] {
  const samples: { at: number; value: T }[] = [];
  for (let at = elapsed(cluster) + stepSeconds; at <= untilSeconds + 1e-9; at += stepSeconds) {
    advanceTo(cluster, at);
    samples.push({ at: Math.round(at * 1000) / 1000, value: read() });
  }
  return samples;
}

/** The `kubectl get deployment` READY, UP-TO-DATE and AVAILABLE cells. */
export function deploymentColumns(cluster: Cluster, name: string, namespace = 'default'): Record<string, string | number> {
  const { Ready, 'Up-to-date': upToDate, Available } = rowOf(cluster, 'deployments', namespace, name);
  return { Ready: Ready ?? '', 'Up-to-date': upToDate ?? '', Available: Available ?? '' };
}

/** The nodes the given pods run on. */
export const nodesOf = (pods: readonly KubeObject[]): string[] => pods.map((pod) => String(field(pod, 'spec.nodeName')));

/** When a pod's Ready condition last turned True (epoch ms), or Infinity. */
function readySince(pod: KubeObject | undefined): number {
  const conditions = (field(pod, 'status.conditions') ?? []) as { type: string; status: string; lastTransitionTime: string }[];
  const ready = conditions.find((c) => c.type === 'Ready' && c.status === 'True');
  return ready === undefined ? Infinity : Date.parse(ready.lastTransitionTime);
}

/** StatefulSet OrderedReady: pod N+1 was created no earlier than pod N turned Ready. */
export function createdInOrder(cluster: Cluster, names: readonly string[]): boolean {
  return names.every((name, i) => {
    if (i === 0) return true;
    const previous = get(cluster, 'pods', 'default', names[i - 1] ?? '');
    const created = Date.parse(String(get(cluster, 'pods', 'default', name)?.metadata.creationTimestamp));
    return created >= readySince(previous);
  });
}
