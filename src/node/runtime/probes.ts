/**
 * Probe results for a simulated container. exec probes run their command against the container's
 * file timeline at the probe's moment (`cat /tmp/healthy` fails once the script removed it);
 * httpGet, tcpSocket and grpc probes reach the application if it listens on that port — a known
 * image running its own command listens only on its ports, `sleep` or a shell loop on none — and
 * the playground annotations can make any of them fail. Failure texts are the probers' own.
 */
import type { JsonObject, JsonValue, KubeObject } from '../../api/types.js';
import { playgroundDuration, playgroundFails } from './annotations.js';
import { expandKubernetesReferences } from './container-environment.js';
import type { ContainerProcess } from './container-process.js';
import { containerSetting } from './container-process.js';
import {
  connectionRefusedMessage,
  grpcConnectTimeoutMessage,
  grpcUnhealthyMessage,
  httpConnectionRefusedMessage,
  httpStatusMessage,
  joinHostPort,
} from './messages.js';
import { createProgramContext } from './shell/interpreter.js';
import { runProgram } from './shell/programs.js';
import type { ProbeKind, ProbeOutcome } from './types.js';

type Handler = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc';

const record = (value: unknown): JsonObject | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** How the probe's target answers: normally, not at all (nothing listens yet), or unhealthy. */
type Answer = 'healthy' | 'refused' | 'unhealthy';

/** What the playground annotations make the application answer at `sinceStartMs`. */
function annotatedAnswer(pod: KubeObject, name: string, kind: ProbeKind, sinceStartMs: number): Answer {
  const startupAfter = playgroundDuration(pod, name, 'startup-after');
  if (startupAfter !== undefined && sinceStartMs < startupAfter) return 'refused';
  if (kind === 'readiness') {
    if (playgroundFails(pod, name, 'readiness')) return 'unhealthy';
    const readyAfter = playgroundDuration(pod, name, 'ready-after');
    if (readyAfter !== undefined && sinceStartMs < readyAfter) return 'refused';
  }
  if (kind === 'liveness') {
    if (playgroundFails(pod, name, 'liveness')) return 'unhealthy';
    const failAfter = playgroundDuration(pod, name, 'liveness-fail-after');
    if (failAfter !== undefined && sinceStartMs >= failAfter) return 'unhealthy';
  }
  return 'healthy';
}

/** A named or numeric port of the container. */
function resolvePort(port: JsonValue | undefined, container: JsonObject): number | string {
  if (typeof port === 'number') return port;
  const ports = Array.isArray(container['ports']) ? container['ports'] : [];
  const named = ports.map(record).find((p) => p?.['name'] === port);
  const number = named?.['containerPort'];
  return typeof number === 'number' ? number : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : String(port ?? '');
}

/** Whether the application accepts connections on `port`. */
function listensOn(port: number | string, container: JsonObject, process: ContainerProcess): boolean {
  if (!process.serves) return false;
  if (!process.imageDefault || process.image.ports.length === 0) return true;
  const declared = (Array.isArray(container['ports']) ? container['ports'] : []).map((p) => record(p)?.['containerPort']);
  return process.image.ports.includes(Number(port)) || declared.includes(Number(port));
}

function execProbe(command: readonly string[], pod: KubeObject, container: JsonObject, process: ContainerProcess, sinceStartMs: number, timeoutSeconds: number): ProbeOutcome {
  const { environment, shell } = containerSetting(pod, container, process.image, process.files.fork(), 'probe', process.kubernetesServiceHost);
  const argv = command.map((s) => expandKubernetesReferences(s, environment.staticEnv));
  const result = runProgram(argv, createProgramContext(shell, sinceStartMs, environment.env));
  if (result.forever || result.durationMs > timeoutSeconds * 1000) return { success: false, message: `command timed out` };
  if (result.status === 0) return { success: true };
  return { success: false, message: `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\n+$/, '') };
}

/** Runs `probe` (a Probe object) of `container` against its simulated `process`. */
export function runProbe(pod: KubeObject, container: JsonObject, kind: ProbeKind, probe: JsonObject, sinceStartMs: number, process: ContainerProcess): ProbeOutcome {
  const name = typeof container['name'] === 'string' ? container['name'] : '';
  const handler = (['exec', 'httpGet', 'tcpSocket', 'grpc'] as const).find((h: Handler) => record(probe[h]) !== undefined);
  const timeoutSeconds = typeof probe['timeoutSeconds'] === 'number' ? probe['timeoutSeconds'] : 1;
  const answer = annotatedAnswer(pod, name, kind, sinceStartMs);
  if (handler === undefined) return { success: answer === 'healthy' };
  const action = record(probe[handler])!;
  if (handler === 'exec') {
    if (answer !== 'healthy') return { success: false, message: '' };
    const command = Array.isArray(action['command']) ? action['command'].filter((c): c is string => typeof c === 'string') : [];
    return execProbe(command, pod, container, process, sinceStartMs, timeoutSeconds);
  }
  const status = record(pod['status']);
  const host = (typeof action['host'] === 'string' && action['host']) || (typeof status?.['podIP'] === 'string' ? status['podIP'] : '');
  const port = resolvePort(action['port'], container);
  const refused = answer === 'refused' || !listensOn(port, container, process);
  if (handler === 'tcpSocket') return refused || answer === 'unhealthy' ? { success: false, message: connectionRefusedMessage(host, port) } : { success: true };
  if (handler === 'grpc') {
    if (refused) return { success: false, message: grpcConnectTimeoutMessage(host, port, timeoutSeconds) };
    return answer === 'unhealthy' ? { success: false, message: grpcUnhealthyMessage('NOT_SERVING') } : { success: true };
  }
  const scheme = (typeof action['scheme'] === 'string' ? action['scheme'] : 'HTTP').toLowerCase();
  const rawPath = typeof action['path'] === 'string' ? action['path'] : '/';
  const url = `${scheme}://${joinHostPort(host, port)}${rawPath.startsWith('/') ? rawPath : `/${rawPath}`}`;
  if (refused) return { success: false, message: httpConnectionRefusedMessage(url, host, port) };
  if (answer === 'unhealthy') return { success: false, message: httpStatusMessage(kind === 'liveness' ? 500 : 503) };
  return { success: true };
}
