/**
 * The active pods each ReplicaSet controls and selects, with their counts, kept up to date between
 * syncs from the pod events the controller sees. Upstream rescans every pod of the ReplicaSet on
 * every sync; with 10,000 pods becoming ready one tick apart that is 10⁸ pod visits. Here a sync
 * looks again only at the pods that changed since the last one; the result is the same as a full
 * scan, which still happens whenever the ReplicaSet's spec changed (new generation) or a pod would
 * be adopted or released (claimObjects does that).
 */
import { matches, selectorFromSet, type Selector } from '../../api/label-selector.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import type { Lister } from '../../client/lister.js';
import { isAvailable, podFacts } from './pod-facts.js';
import type { PodCounts } from './replica-set-status.js';
import type { Pod, ReplicaSet } from './types.js';

interface Entry {
  readonly pod: Pod;
  readonly ready: boolean;
  readonly fullyLabeled: boolean;
}

interface View {
  readonly uid: string;
  readonly generation: number;
  readonly selector: Selector;
  readonly templateLabels: Selector;
  readonly entries: Map<string, Entry>;
  ready: number;
  fullyLabeled: number;
  /** Keys of pods that changed since the last sync. */
  readonly dirty: Set<string>;
}

/** The claimed pods of one ReplicaSet. */
export interface OwnedPods {
  /** The pods (listed on demand: a sync that only writes the status never needs the list). */
  pods(): Pod[];
  readonly counts: PodCounts;
}

/** Per ReplicaSet uid, its claimed active pods and their counts. */
export class OwnedPodsCache {
  private readonly views = new Map<string, View>();

  /** A pod changed (added, updated, deleted): the ReplicaSets that controlled or control it look again. */
  podChanged(pod: Pod, controllerUid: string | undefined, previousControllerUid?: string): void {
    const view = controllerUid === undefined ? undefined : this.views.get(controllerUid);
    const previous = previousControllerUid === undefined || previousControllerUid === controllerUid ? undefined : this.views.get(previousControllerUid);
    if (view === undefined && previous === undefined) return;
    const key = metaNamespaceKeyFunc(pod);
    view?.dirty.add(key);
    previous?.dirty.add(key);
  }

  /** The ReplicaSet is gone. */
  forget(uid: string): void {
    this.views.delete(uid);
  }

  /** Drops every view. */
  clear(): void {
    this.views.clear();
  }

  /**
   * The view of `rs` brought up to date from the changed pods, or undefined when it must be
   * rebuilt from a full claim (no view yet, a new generation, or a changed pod it no longer selects).
   */
  current(rs: Readonly<ReplicaSet>, pods: Lister<Pod>, now: number, minReadySeconds: number): OwnedPods | undefined {
    const view = this.views.get(rs.metadata.uid ?? '');
    if (view === undefined || view.generation !== (rs.metadata.generation ?? 0)) return undefined;
    for (const key of view.dirty) {
      remove(view, key);
      const { namespace, name } = splitMetaNamespaceKey(key);
      const pod = pods.get(namespace, name);
      if (pod === undefined) continue;
      const facts = podFacts(pod);
      if (!facts.active || facts.controllerUid !== view.uid) continue;
      if (!matches(view.selector, pod.metadata.labels)) {
        this.views.delete(view.uid); // to be released: a full claim does it
        return undefined;
      }
      add(view, key, pod);
    }
    view.dirty.clear();
    return owned(view, now, minReadySeconds);
  }

  /** Replaces the view of `rs` with the result of a full claim. */
  rebuild(rs: Readonly<ReplicaSet>, selector: Selector, claimed: readonly Pod[], now: number, minReadySeconds: number): OwnedPods {
    const view: View = {
      uid: rs.metadata.uid ?? '',
      generation: rs.metadata.generation ?? 0,
      selector,
      templateLabels: selectorFromSet(rs.spec?.template?.metadata?.labels ?? {}),
      entries: new Map(),
      ready: 0,
      fullyLabeled: 0,
      dirty: new Set(),
    };
    for (const pod of claimed) add(view, metaNamespaceKeyFunc(pod), pod);
    this.views.set(view.uid, view);
    return owned(view, now, minReadySeconds);
  }
}

function add(view: View, key: string, pod: Pod): void {
  const entry: Entry = { pod, ready: podFacts(pod).ready, fullyLabeled: matches(view.templateLabels, pod.metadata.labels) };
  view.entries.set(key, entry);
  if (entry.ready) view.ready++;
  if (entry.fullyLabeled) view.fullyLabeled++;
}

function remove(view: View, key: string): void {
  const entry = view.entries.get(key);
  if (entry === undefined) return;
  view.entries.delete(key);
  if (entry.ready) view.ready--;
  if (entry.fullyLabeled) view.fullyLabeled--;
}

/** The view's pods and counts; availability depends on the time, so it is counted now (only when minReadySeconds is set). */
function owned(view: View, now: number, minReadySeconds: number): OwnedPods {
  const pods = (): Pod[] => [...view.entries.values()].map((e) => e.pod);
  let available = view.ready;
  if (minReadySeconds > 0) {
    available = 0;
    for (const { pod } of view.entries.values()) if (isAvailable(podFacts(pod), minReadySeconds, now)) available++;
  }
  return { pods, counts: { replicas: view.entries.size, fullyLabeled: view.fullyLabeled, ready: view.ready, available } };
}
