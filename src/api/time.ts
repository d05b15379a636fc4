/** Kubernetes timestamps: RFC 3339 with whole seconds (metav1.Time), and MicroTime for leases and events. */

/** `2025-01-01T10:00:00Z` for an epoch-ms instant (metav1.Time truncates to seconds). */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  // Components stamp many objects within one simulated second: format each second once.
  if (second !== lastSecond) {
    lastFormatted = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastFormatted;
}

let lastSecond = Number.NaN;
let lastFormatted = '';

/** `2025-01-01T10:00:00.123456Z` (metav1.MicroTime). */
export function rfc3339Micro(ms: number): string {
  // A thousand kubelets renew their leases at the same instants: format each instant once.
  if (ms !== lastMicroMs) {
    lastMicroFormatted = new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    lastMicroMs = ms;
  }
  return lastMicroFormatted;
}

let lastMicroMs = Number.NaN;
let lastMicroFormatted = '';

/** Parses an RFC 3339 timestamp to epoch ms; undefined if absent or malformed. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  // Timestamps have whole seconds and objects written together share them: parse each once.
  if (value === lastParsedText) return lastParsedMs;
  const ms = Date.parse(value);
  lastParsedText = value;
  lastParsedMs = Number.isNaN(ms) ? undefined : ms;
  return lastParsedMs;
}

let lastParsedText: string | undefined = undefined;
let lastParsedMs: number | undefined = undefined;
