/**
 * Finding a volume for a claim (persistentvolume/index.go and component-helpers FindMatchingVolume):
 * a volume pre-bound to the claim wins; otherwise the smallest Available volume of the claim's class
 * whose access modes, size, volume mode and labels fit. Volumes offering fewer access modes are
 * tried first, as the access-mode index orders them.
 */
import { compareQuantities } from '../../api/quantity.js';
import { labelSelectorAsSelector, matches, type Selector } from '../../api/label-selector.js';
import {
  accessModesSatisfied,
  claimClass,
  isVolumeBoundToClaim,
  requestedStorage,
  volumeCapacity,
  volumeClass,
  volumeModeMismatch,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from './types.js';

/** The outcome of a search: a volume, none, or the claim's selector error. */
export type MatchResult = { ok: true; volume: PersistentVolume | undefined } | { ok: false; message: string };

/**
 * findBestMatchForClaim. With `delayBinding` (WaitForFirstConsumer) only a volume pre-bound to the
 * claim is returned: the scheduler binds the others.
 */
export function findBestMatchForClaim(claim: Readonly<PersistentVolumeClaim>, volumes: readonly PersistentVolume[], delayBinding: boolean): MatchResult {
  let selector: Selector | undefined;
  if (claim.spec?.selector !== undefined && claim.spec.selector !== null) {
    const parsed = labelSelectorAsSelector(claim.spec.selector);
    if (!parsed.ok) return { ok: false, message: `error creating internal label selector for claim: ${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}: ${parsed.message}` };
    selector = parsed.value;
  }
  // The access-mode index: candidate volumes grouped by their mode set, fewest modes first.
  const groups = new Map<string, PersistentVolume[]>();
  for (const volume of volumes) {
    if (!accessModesSatisfied(claim, volume)) continue;
    const key = [...new Set(volume.spec?.accessModes ?? [])].sort().join(',');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [volume]);
    else group.push(volume);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.split(',').length - b.split(',').length || (a < b ? -1 : a > b ? 1 : 0));
  for (const [, group] of ordered) {
    const found = findMatchingVolume(claim, group, selector, delayBinding);
    if (found !== undefined) return { ok: true, volume: found };
  }
  return { ok: true, volume: undefined };
}

/** FindMatchingVolume over one access-mode group. */
function findMatchingVolume(claim: Readonly<PersistentVolumeClaim>, volumes: readonly PersistentVolume[], selector: Selector | undefined, delayBinding: boolean): PersistentVolume | undefined {
  const requested = requestedStorage(claim);
  const requestedClass = claimClass(claim);
  let smallest: PersistentVolume | undefined;
  for (const volume of volumes) {
    const ref = volume.spec?.claimRef;
    if (ref !== undefined && ref !== null && !isVolumeBoundToClaim(volume, claim)) continue;
    const capacity = volumeCapacity(volume);
    if (compareQuantities(capacity, requested) < 0) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    if (volume.metadata.deletionTimestamp != null) continue;
    if (isVolumeBoundToClaim(volume, claim)) return volume;
    if (delayBinding) continue;
    if (volume.status?.phase !== 'Available') continue;
    if (selector !== undefined && !matches(selector, volume.metadata.labels)) continue;
    if (volumeClass(volume) !== requestedClass) continue;
    if (smallest === undefined || compareQuantities(volumeCapacity(smallest), capacity) > 0) smallest = volume;
  }
  return smallest;
}

/** checkVolumeSatisfyClaim: why a volume the user named cannot serve the claim, if it cannot. */
export function checkVolumeSatisfyClaim(volume: Readonly<PersistentVolume>, claim: Readonly<PersistentVolumeClaim>): string | undefined {
  if (volume.metadata.deletionTimestamp != null) return `the volume is marked for deletion ${JSON.stringify(volume.metadata.name ?? '')}`;
  if (compareQuantities(volumeCapacity(volume), requestedStorage(claim)) < 0) return 'requested PV is too small';
  if (volumeClass(volume) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, volume)) return 'incompatible volumeMode';
  if (!accessModesSatisfied(claim, volume)) return 'incompatible accessMode';
  return undefined;
}
