/**
 * What curl prints, in curl 8's words: its error lines (`curl: (N) …`, exit code N) and the status
 * line of an answer.
 */

/** curl's exit codes for the failures the playground produces. */
export type CurlErrorCode = 6 | 7 | 28;

/** How long a connection attempt to a silent address lasts before the kernel gives up (tcp_syn_retries=6). */
export const CONNECT_TIMEOUT_MS = 130_000;

/** `curl: (6) Could not resolve host: nope`. */
export function couldNotResolve(host: string): string {
  return `curl: (6) Could not resolve host: ${host}`;
}

/** A refused connection (an ICMP port unreachable from a REJECT rule, or a RST). */
export function connectionRefused(host: string, port: number): string {
  return `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`;
}

/** A connection to an address that does not exist on a live network (ICMP host unreachable). */
export function noRouteToHost(host: string, port: number): string {
  return `curl: (7) Failed to connect to ${host} port ${port} after 3 ms: Couldn't connect to server`;
}

/** A connection nobody answers (a dead machine). */
export function connectionTimedOut(host: string, port: number): string {
  return `curl: (28) Failed to connect to ${host} port ${port} after ${CONNECT_TIMEOUT_MS} ms: Couldn't connect to server`;
}

/** The reason phrases of the statuses the playground answers with. */
export const REASON_PHRASES: Record<number, string> = {
  200: 'OK',
  404: 'Not Found',
  503: 'Service Temporarily Unavailable',
};

/** `HTTP/1.1 200 OK from web-7d4b9c5f8-x2kqp (10.244.1.3)`. */
export function statusLine(code: number, from: string): string {
  return `HTTP/1.1 ${code} ${REASON_PHRASES[code] ?? ''} from ${from}`;
}
