/**
 * The real wording of what the runtime reports: containerd's pull and start errors as the kubelet
 * relays them, the probers' failure texts (pkg/probe/http, tcp, grpc) and the error lines of the
 * shell utilities an exec probe runs (busybox and GNU coreutils say it differently).
 */
import type { Userland } from './image-catalog.js';
import { goQuote } from '../../api/go-quote.js';

export { goQuote } from '../../api/go-quote.js';

/** The kubelet's InvalidImageName text (images.applyDefaultImageTag); `parseError` is ParseImageName's error. */
export function invalidImageNameMessage(image: string, parseError: string): string {
  return `Failed to apply default image tag ${goQuote(image)}: ${parseError}`;
}

/** containerd's error for a Docker Hub repository that does not exist (or is private). */
export function pullAccessDeniedMessage(imageRef: string): string {
  return (
    `failed to pull and unpack image ${goQuote(imageRef)}: failed to resolve reference ${goQuote(imageRef)}: ` +
    'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'
  );
}

/**
 * containerd's error for a tag (or repository) the registry does not have, as the kubelet gets it
 * over CRI: containerd maps its NotFound to the gRPC code, and the CRI client strips only `Unknown`
 * codes (k8s.io/cri-client PullImage), so this one keeps its `rpc error: code = NotFound` prefix.
 */
export function imageNotFoundMessage(imageRef: string): string {
  return (
    `rpc error: code = NotFound desc = failed to pull and unpack image ${goQuote(imageRef)}: ` +
    `failed to resolve reference ${goQuote(imageRef)}: ${imageRef}: not found`
  );
}

/** The kubelet's `Failed` event for a pull error (`image` as written in the spec). */
export function failedToPullEvent(image: string, message: string): string {
  return `Failed to pull image ${goQuote(image)}: ${message}`;
}

/** containerd/runc's error when the command is not in the image. */
export function executableNotFoundMessage(command: string): string {
  const cause = command.includes('/')
    ? `stat ${command}: no such file or directory`
    : `executable file not found in $PATH`;
  return (
    'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
    `unable to start container process: exec: ${goQuote(command)}: ${cause}: unknown`
  );
}

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A TCP dial to a port nobody listens on (net.Dial's error). */
export function connectionRefusedMessage(host: string, port: number | string): string {
  return `dial tcp ${joinHostPort(host, port)}: connect: connection refused`;
}

/** An HTTP probe whose connection is refused: Go's url.Error around the dial error. */
export function httpConnectionRefusedMessage(url: string, host: string, port: number | string): string {
  return `Get ${goQuote(url)}: ${connectionRefusedMessage(host, port)}`;
}

/** An HTTP probe answered with a status outside 200–399 (pkg/probe/http). */
export function httpStatusMessage(statusCode: number): string {
  return `HTTP probe failed with statuscode: ${statusCode}`;
}

/** A gRPC health check answered with a status other than SERVING (pkg/probe/grpc). */
export function grpcUnhealthyMessage(status: string): string {
  return `service unhealthy (responded with ${goQuote(status)})`;
}

/** A gRPC probe that cannot connect before its timeout (pkg/probe/grpc). */
export function grpcConnectTimeoutMessage(host: string, port: number | string, timeoutSeconds: number): string {
  return `timeout: failed to connect service ${goQuote(joinHostPort(host, port))} within ${timeoutSeconds}s: context deadline exceeded`;
}

/** `cat`'s complaint about a missing file. */
export function catMissingMessage(userland: Userland, path: string): string {
  return userland === 'busybox' ? `cat: can't open '${path}': No such file or directory` : `cat: ${path}: No such file or directory`;
}

/** `ls`'s complaint about a missing file. */
export function lsMissingMessage(userland: Userland, path: string): string {
  return userland === 'busybox' ? `ls: ${path}: No such file or directory` : `ls: cannot access '${path}': No such file or directory`;
}

/** `rm`'s complaint about a missing file (without `-f`). */
export function rmMissingMessage(userland: Userland, path: string): string {
  return userland === 'busybox' ? `rm: can't remove '${path}': No such file or directory` : `rm: cannot remove '${path}': No such file or directory`;
}

/** The shell's complaint about a command that is not installed. */
export function commandNotFoundMessage(shell: string, command: string): string {
  return shell === 'bash' ? `bash: line 1: ${command}: command not found` : `sh: ${command}: not found`;
}
