/**
 * What a user of the playground sees, as test helpers: a whole cluster per test, manifests as
 * object literals, `kubectl get` columns through the real printers, and recorders that watch pods
 * and events through the API the way `kubectl get -w` does, stamping each change with virtual time.
 */
import type { ExecutionContext } from 'ava';
import type { JsonObject, KubeObject } from '../../src/api/types.js';
import type { WatchEvent } from '../../src/apiserver/types.js';
import { Cluster, type ClusterOptions } from '../../src/cluster/cluster.js';
import { runCommand } from '../../src/cluster/commands/index.js';
import { parseScript } from '../../src/cluster/script.js';
import { DEFAULT_START_TIME } from '../../src/clock/virtual-clock.js';
import { podSummary, printTable } from '../../src/printers/index.js';

/** The alphabet of pod-template-hash and generated name suffixes (apimachinery's rand alphanums). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** A ReplicaSet name `<deployment>-<pod-template-hash>`. */
export const rsName = (deployment: string): RegExp => new RegExp(`^${deployment}-[${SAFE_ALPHABET}]{8,10}$`);
/** A generated pod name `<owner>-<5 chars>`. */
export const podName = (owner: string): RegExp => new RegExp(`^${owner}-[${SAFE_ALPHABET}]{5}$`);

/** The workers of the default cluster. */
export const WORKERS = ['node-1', 'node-2', 'node-3'];

/** A full cluster (control-plane + 3 workers, seed 1), disposed when the test ends. */
export function fullCluster(t: ExecutionContext, options: ClusterOptions = {}): Cluster {
  const cluster = new Cluster({ seed: 1, components: 'full', ...options });
  t.teardown(() => cluster.dispose());
  return cluster;
}

/** Milliseconds of virtual time since the cluster started. */
export function elapsedMs(cluster: Cluster): number {
  return cluster.clock.now() - DEFAULT_START_TIME;
}

/** Creates an object in `default` (or cluster-wide for '' resources); a refusal is a bug in the test. */
export function create(cluster: Cluster, resource: string, object: KubeObject, namespace = 'default'): KubeObject {
  const created = cluster.api.create(resource, namespace, object);
  if (!created.ok) throw new Error(`create ${resource}/${object.metadata.name}: ${created.status.message}`);
  return created.value;
}

/** Runs a command line; a failure is a bug in the test. */
export function run(cluster: Cluster, line: string): string {
  const result = runCommand(cluster, line);
  if (!result.ok) throw new Error(`${line}: ${result.message}`);
  return result.message;
}

/**
 * Plays a `--script` file: each `<sim-time> <command>` runs when the clock reaches its time (counted
 * from now), then the clock runs on to `untilMs`. Answers each command's output line.
 */
export function playScript(cluster: Cluster, text: string, untilMs: number): string[] {
  const parsed = parseScript(text, 'script');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const start = cluster.clock.now();
  const out = parsed.steps.map((step) => {
    cluster.clock.advance(start + step.atMs - cluster.clock.now());
    return run(cluster, step.command);
  });
  cluster.clock.advance(start + untilMs - cluster.clock.now());
  return out;
}

/** One object, or undefined when it does not exist. */
export function get(cluster: Cluster, resource: string, name: string, namespace = 'default'): KubeObject | undefined {
  const got = cluster.api.get(resource, namespace, name);
  return got.ok ? got.value : undefined;
}

/** The objects of a resource in a namespace, sorted by name as kubectl prints them. */
export function list(cluster: Cluster, resource: string, namespace = 'default', labelSelector?: string): KubeObject[] {
  const listed = cluster.api.list(resource, namespace, labelSelector === undefined ? {} : { labelSelector });
  if (!listed.ok) throw new Error(`list ${resource}: ${listed.status.message}`);
  return listed.value.items;
}

/** The `kubectl get` row of one object, as column name → cell (`Ready`, `Status`, `Completions`…). */
export function columns(cluster: Cluster, object: KubeObject): Record<string, string> {
  const table = printTable(object.kind, [object], { now: cluster.clock.now() });
  const cells = table.rows[0]?.cells ?? [];
  return Object.fromEntries(table.columns.map((c, i) => [c.name, String(cells[i] ?? '')]));
}

/** kubectl's STATUS column of a pod. */
export function podStatus(cluster: Cluster, pod: KubeObject): string {
  return podSummary(pod, cluster.clock.now()).status;
}

/** The node a pod is bound to. */
export function nodeOf(pod: KubeObject): string | undefined {
  return (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
}

/** Whether a pod's Ready condition is True. */
export function isReady(pod: KubeObject): boolean {
  const conditions = (pod['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
  return conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** A pod condition by type. */
export function podCondition(pod: KubeObject, type: string): JsonObject | undefined {
  const conditions = (pod['status'] as { conditions?: JsonObject[] } | undefined)?.conditions;
  return conditions?.find((c) => c['type'] === type);
}

/** One change of a pod as `kubectl get pods -w` would print it, with when it happened. */
export interface PodChange {
  /** Virtual ms since the cluster started. */
  atMs: number;
  type: WatchEvent['type'];
  name: string;
  status: string;
  ready: boolean;
  restarts: number;
  node: string | undefined;
  terminating: boolean;
}

/** Watches pods of a namespace from now on: every change, and the pods that exist. */
export class PodWatch {
  readonly changes: PodChange[] = [];
  readonly pods = new Map<string, KubeObject>();

  constructor(private readonly cluster: Cluster, namespace = 'default') {
    const watched = cluster.api.watch('pods', namespace, {}, (event) => this.record(event));
    if (!watched.ok) throw new Error(watched.status.message);
    cluster.clock.advance(0);
  }

  /** The changes of one pod. */
  of(name: string): PodChange[] {
    return this.changes.filter((c) => c.name === name);
  }

  /** The first change of `name` that matches, or undefined. */
  first(name: string, match: (change: PodChange) => boolean): PodChange | undefined {
    return this.changes.find((c) => c.name === name && match(c));
  }

  private record(event: WatchEvent): void {
    if (event.object.kind !== 'Pod') return;
    const pod = event.object as KubeObject;
    const name = pod.metadata.name ?? '';
    if (event.type === 'DELETED') this.pods.delete(name);
    else this.pods.set(name, pod);
    const statuses = (pod['status'] as { containerStatuses?: { restartCount?: number }[] } | undefined)?.containerStatuses ?? [];
    this.changes.push({
      atMs: elapsedMs(this.cluster),
      type: event.type,
      name,
      status: podStatus(this.cluster, pod),
      ready: isReady(pod),
      restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
      node: nodeOf(pod),
      terminating: pod.metadata.deletionTimestamp !== undefined,
    });
  }
}

/** One occurrence of an Event (a new Event, or a repeat that bumped its count), as `kubectl get events -w`. */
export interface EventSeen {
  /** Virtual ms since the cluster started. */
  atMs: number;
  /** The namespace of the Event (its involved object's, or `default` for nodes). */
  namespace: string;
  type: string;
  reason: string;
  /** `Kind/name` of the involved object. */
  object: string;
  message: string;
  component: string;
  count: number;
}

/** Watches Events in every namespace from cluster start, in the order they were recorded. */
export class EventLog {
  readonly seen: EventSeen[] = [];

  constructor(private readonly cluster: Cluster) {
    const watched = cluster.api.watch('events', '', {}, (event) => {
      if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
      const e = event.object as KubeObject & {
        type?: string;
        reason?: string;
        message?: string;
        count?: number;
        involvedObject?: { kind: string; name: string };
        source?: { component?: string };
      };
      this.seen.push({
        atMs: elapsedMs(cluster),
        namespace: e.metadata.namespace ?? '',
        type: e.type ?? '',
        reason: e.reason ?? '',
        object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
        message: e.message ?? '',
        component: e.source?.component ?? '',
        count: e.count ?? 1,
      });
    });
    if (!watched.ok) throw new Error(watched.status.message);
  }

  /** Events about the user's objects: not nodes (their start-up events are noise here), not kube-system's add-ons. */
  workloads(): EventSeen[] {
    return this.seen.filter((e) => !e.object.startsWith('Node/') && e.namespace !== 'kube-system');
  }

  /** Every occurrence about one object (`Pod/web-0`), oldest first. */
  about(object: string): EventSeen[] {
    return this.seen.filter((e) => e.object === object);
  }

  /** `Reason: message` of every occurrence about one object. */
  lines(object: string): string[] {
    return this.about(object).map((e) => `${e.reason}: ${e.message}`);
  }
}

/** A container of a pod template. */
export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  resources?: { requests?: Record<string, string> };
}

/** A Deployment `name` of `replicas` pods labelled `app: <name>` running one container `nginx`. */
export function deployment(name: string, image: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(name, [{ name: 'nginx', image }]) },
  };
}

/** A pod template labelled `app: <app>`. */
export function podTemplate(app: string, containers: ContainerSpec[], spec: JsonObject = {}): JsonObject {
  return { metadata: { labels: { app } }, spec: { ...spec, containers: containers as unknown as JsonObject[] } };
}

/** A bare pod. */
export function pod(name: string, containers: ContainerSpec[], spec: JsonObject = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { ...spec, containers: containers as unknown as JsonObject[] } };
}
