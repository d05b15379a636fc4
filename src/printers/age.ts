/**
 * Ages as `kubectl get` prints them: k8s.io/apimachinery/pkg/util/duration.HumanDuration, which the
 * server-side printers use for every AGE, LAST SEEN, DURATION and "(… ago)" cell.
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * duration.HumanDuration: about two significant figures (`59s`, `119s`, `2m5s`, `45m`, `3h20m`,
 * `30h`, `5d6h`, `400d`, `3y20d`, `9y`). Up to one whole second in the future counts as `0s`
 * (clock skew); further in the future is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / minute);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / hour);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** An RFC 3339 timestamp as epoch ms; `undefined` for a missing (Go zero) or unparsable one. */
export function parseTime(timestamp: string | null | undefined): number | undefined {
  if (timestamp === undefined || timestamp === null || timestamp === '') return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Upstream translateTimestampSince: the age of `timestamp` at `now` (epoch ms, virtual clock), or
 * `<unknown>` when there is no timestamp. This is the AGE column.
 */
export function formatAge(timestamp: string | null | undefined, now: number): string {
  const since = parseTime(timestamp);
  return since === undefined ? '<unknown>' : humanDuration(now - since);
}
