/**
 * Which etcd keys changed recently, for the etcd pane's highlight. etcd records revisions, not
 * times, so the pane notes the simulated time at which it first saw each key's mod revision.
 */

/** When the pane saw a key's current mod revision. */
export interface KeySeen {
  modRevision: number;
  /** Simulated time (ms) of the first frame that showed this revision; -Infinity for keys present at the first frame. */
  changedAt: number;
}

/** How long (simulated ms) a changed key stays highlighted. */
export const RECENT_CHANGE_MS = 2000;

/**
 * Updates `seen` (owned by the caller, across frames) with the keys of this frame: a new key or a
 * new mod revision is stamped `now` (or -Infinity on the first frame); vanished keys are dropped.
 */
export function noteChanges(seen: Map<string, KeySeen>, kvs: readonly { key: string; modRevision: number }[], now: number): void {
  const first = seen.size === 0;
  const present = new Set<string>();
  for (const { key, modRevision } of kvs) {
    present.add(key);
    const old = seen.get(key);
    if (old === undefined || old.modRevision !== modRevision) seen.set(key, { modRevision, changedAt: first ? -Infinity : now });
  }
  if (present.size !== seen.size) for (const key of seen.keys()) if (!present.has(key)) seen.delete(key);
}

/** True when the key changed within `RECENT_CHANGE_MS` of `now`. */
export function changedRecently(seen: ReadonlyMap<string, KeySeen>, key: string, now: number): boolean {
  const s = seen.get(key);
  return s !== undefined && now - s.changedAt <= RECENT_CHANGE_MS;
}
