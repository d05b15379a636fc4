/**
 * A container's main process, simulated once from its spec: when (and how) it exits, what it
 * does to its files over time, what it logs, whether it listens, and how it takes SIGTERM.
 * Results are cached per container spec object, since the kubelet asks again for every probe.
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import { parseQuantity, quantityValue } from '../../api/quantity.js';
import { containerArgv, containerEnvironment } from './container-environment.js';
import type { ContainerEnvironment } from './container-environment.js';
import { FileTimeline } from './file-timeline.js';
import { imageFacts } from './image-catalog.js';
import type { LogLine, ProgramOutput } from './log-lines.js';
import type { ImageFacts } from './image-catalog.js';
import { executableNotFoundMessage } from './messages.js';
import { resolveImage } from './registry.js';
import { COREUTILS } from './shell/coreutils.js';
import { createProgramContext } from './shell/interpreter.js';
import type { ShellEnvironment } from './shell/context.js';
import type { RunMode, SigtermBehaviour } from './shell/program.js';
import { DEFAULT_SIGTERM_MS } from './shell/program.js';
import { commandName, runProgram, SHELL_NAMES, shellAvailable } from './shell/programs.js';

/** The default `terminationMessagePath`. */
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** Kubernetes' limits for a termination message taken from the logs (FallbackToLogsOnError). */
const LOG_MESSAGE_MAX_BYTES = 2048;
const LOG_MESSAGE_MAX_LINES = 80;
/** At most this much output is kept for `log`. */
const LOG_MAX_CHARS = 65_536;

/** The simulated main process of a container. */
export interface ContainerProcess {
  /** When and how it ends by itself; undefined when it runs until stopped. */
  readonly exit: { readonly atMs: number; readonly code: number; readonly oomKilled: boolean } | undefined;
  /** Its file effects over time (shared: exec probes read a copy). */
  readonly files: FileTimeline;
  /** The termination message (terminationMessagePath, or the log tail under FallbackToLogsOnError). */
  readonly terminationMessage: string | undefined;
  readonly log: string;
  /** What it writes over time (`kubectl logs`); undefined when it writes nothing. Shared, never copied per start. */
  readonly output: ProgramOutput | undefined;
  readonly sigterm: SigtermBehaviour;
  /** While running, it accepts connections. */
  readonly serves: boolean;
  /** containerd's error when the command cannot even start. */
  readonly startError: string | undefined;
  readonly image: ImageFacts;
  /** The container runs the image's own ENTRYPOINT/CMD (its listening ports are then known). */
  readonly imageDefault: boolean;
  /** The `kubernetes` Service address its environment was built with. */
  readonly kubernetesServiceHost: string | undefined;
}

/** Everything a container's programs run with: environment variables and the shell environment. */
export interface ContainerSetting {
  readonly environment: ContainerEnvironment;
  readonly shell: ShellEnvironment;
}

/**
 * The environment programs of `container` run in, on `files`: the main process (`container`
 * mode) or an exec probe (`probe` mode, never interactive).
 */
export function containerSetting(pod: KubeObject, container: JsonObject, image: ImageFacts, files: FileTimeline, mode: RunMode, kubernetesServiceHost?: string): ContainerSetting {
  const environment = containerEnvironment(pod, container, kubernetesServiceHost);
  const shell: ShellEnvironment = {
    files,
    image,
    mode,
    memoryLimitBytes: memoryLimit(container),
    interactive: mode === 'container' && (container['stdin'] === true || container['tty'] === true),
    hostname: environment.hostname,
    envIncomplete: environment.incomplete,
  };
  return { environment, shell };
}

function memoryLimit(container: JsonObject): number | undefined {
  const limits = container['resources'] as { limits?: Record<string, unknown> } | undefined;
  const memory = limits?.limits?.['memory'];
  if (typeof memory !== 'string' && typeof memory !== 'number') return undefined;
  const parsed = parseQuantity(String(memory));
  return parsed.ok ? quantityValue(parsed.value) : undefined;
}

/** Why runc refuses `argv[0]` in this image, if it does. */
function startError(argv: readonly string[], image: ImageFacts): string | undefined {
  const command = argv[0];
  if (command === undefined) return undefined;
  const name = commandName(command);
  const missingShell = SHELL_NAMES.has(name) && !shellAvailable(name, { image });
  const missingTool = image.userland === 'none' && COREUTILS[name] !== undefined;
  return missingShell || missingTool ? executableNotFoundMessage(command) : undefined;
}

function logTail(log: string): string {
  const lines = log.replace(/\n$/, '').split('\n').slice(-LOG_MESSAGE_MAX_LINES).join('\n');
  return lines.length > LOG_MESSAGE_MAX_BYTES ? lines.slice(-LOG_MESSAGE_MAX_BYTES) : lines;
}

/** Output written all at the start (a program that does not time its lines). */
function plainOutput(stdout: string | undefined, stderr: string | undefined): ProgramOutput | undefined {
  if (!stdout && !stderr) return undefined;
  const lines: LogLine[] = [];
  if (stdout) lines.push({ atMs: 0, stream: 'stdout', text: stdout });
  if (stderr) lines.push({ atMs: 0, stream: 'stderr', text: stderr });
  return { lines };
}

/** Simulates `container` of `pod` from start. */
export function simulateContainerProcess(pod: KubeObject, container: JsonObject, kubernetesServiceHost?: string): ContainerProcess {
  const resolved = typeof container['image'] === 'string' ? resolveImage(container['image']) : undefined;
  const image = resolved?.ok ? resolved.facts : imageFacts('', '');
  const files = new FileTimeline();
  const { environment, shell } = containerSetting(pod, container, image, files, 'container', kubernetesServiceHost);
  const { argv, imageDefault } = containerArgv(container, image, environment.env);
  const refused = startError(argv, image);
  // Literals, not a spread of shared fields: V8 builds these in one step (a spread plus new fields is its slow path).
  if (refused !== undefined) {
    return {
      files,
      image,
      imageDefault,
      kubernetesServiceHost,
      exit: { atMs: 0, code: 128, oomKilled: false },
      terminationMessage: refused,
      log: '',
      output: undefined,
      sigterm: 0,
      serves: false,
      startError: refused,
    };
  }
  const context = createProgramContext(shell, 0, environment.env);
  const result = argv.length === 0 ? { status: 0, durationMs: 0, forever: true, serves: true } : runProgram(argv, context);
  const log = `${result.stdout ?? ''}${result.stderr ?? ''}`.slice(0, LOG_MAX_CHARS);
  const exit = result.forever ? undefined : { atMs: result.durationMs, code: result.oomKilled ? 137 : result.status, oomKilled: result.oomKilled === true };
  let terminationMessage: string | undefined;
  if (exit) {
    const path = typeof container['terminationMessagePath'] === 'string' ? container['terminationMessagePath'] : DEFAULT_TERMINATION_MESSAGE_PATH;
    terminationMessage = files.content(path, exit.atMs) || undefined;
    if (terminationMessage === undefined && exit.code !== 0 && container['terminationMessagePolicy'] === 'FallbackToLogsOnError' && log !== '') {
      terminationMessage = logTail(log);
    }
  }
  return {
    files,
    image,
    imageDefault,
    kubernetesServiceHost,
    exit,
    terminationMessage,
    log,
    output: result.output ?? plainOutput(result.stdout, result.stderr),
    sigterm: result.sigterm ?? DEFAULT_SIGTERM_MS,
    serves: result.serves ?? true,
    startError: undefined,
  };
}

/** The pod fields a cached process was simulated with (the ones its environment can read). */
interface CachedProcess {
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly uid: string | undefined;
  /** The pod IP, when an env var reads it (`fieldRef: status.podIP`); otherwise it cannot matter. */
  readonly podIP: unknown;
  readonly process: ContainerProcess;
}

/** Whether `container`'s environment reads the pod IP (a `status.podIP` fieldRef). */
function readsPodIP(container: JsonObject): boolean {
  const env = container['env'];
  if (!Array.isArray(env)) return false;
  for (const entry of env) {
    const from = (entry as { valueFrom?: { fieldRef?: { fieldPath?: unknown } } } | null)?.valueFrom;
    if (from?.fieldRef?.fieldPath === 'status.podIP') return true;
  }
  return false;
}

/**
 * Caches `simulateContainerProcess` per container spec object, for the last pod identity it was
 * asked with. The pod IP counts only for a container whose environment reads it, so a pod's
 * process is not simulated again when its IP reaches the status.
 */
export class ContainerProcessCache {
  private readonly byContainer = new WeakMap<JsonObject, CachedProcess>();
  private readonly podIPReaders = new WeakMap<JsonObject, boolean>();

  constructor(private readonly kubernetesServiceHost?: string) {}

  get(pod: KubeObject, container: JsonObject): ContainerProcess {
    let readsIP = this.podIPReaders.get(container);
    if (readsIP === undefined) {
      readsIP = readsPodIP(container);
      this.podIPReaders.set(container, readsIP);
    }
    const podIP = readsIP ? String((pod['status'] as { podIP?: unknown } | undefined)?.podIP ?? '') : undefined;
    const { namespace, name, uid } = pod.metadata;
    const cached = this.byContainer.get(container);
    if (cached !== undefined && cached.namespace === namespace && cached.name === name && cached.uid === uid && cached.podIP === podIP) return cached.process;
    const process = simulateContainerProcess(pod, container, this.kubernetesServiceHost);
    this.byContainer.set(container, { namespace, name, uid, podIP, process });
    return process;
  }
}
