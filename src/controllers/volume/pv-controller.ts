/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume, "persistentvolume-binder"):
 * a claim queue and a volume queue fed by their informers, plus a resync of everything every
 * 15 s. The resync is routine (a background timer), except after a volume became Available that
 * a Pending claim could bind to: upstream binds it at that next resync, so that resync is pending work.
 */
import type { Result } from '../../api/result.js';
import type { TimerId } from '../../clock/types.js';
import type { Lister } from '../../client/lister.js';
import { splitMetaNamespaceKey } from '../../client/store.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { VolumeBinder } from './binder.js';
import { syncClaim, type ClaimSyncContext } from './claim-sync.js';
import type { StorageClass } from './storage-class.js';
import { ANN_BIND_COMPLETED, claimKey, claimRefKey, type PersistentVolume, type PersistentVolumeClaim } from './types.js';
import { findBestMatchForClaim } from './volume-match.js';
import { syncVolume, type VolumeSyncContext } from './volume-sync.js';
import { PV_CLAIM_BINDER_SYNC_PERIOD_MS } from './timings.js';

/** The PV controller's event source. */
export const PERSISTENT_VOLUME_CONTROLLER_COMPONENT = 'persistentvolume-controller';

/** PersistentVolumeController. */
export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-binder';
  private readonly claimQueue: RateLimitingQueue;
  private readonly volumeQueue: RateLimitingQueue;
  private readonly claims: Lister<PersistentVolumeClaim>;
  private readonly volumes: Lister<PersistentVolume>;
  private readonly claimContext: ClaimSyncContext;
  private readonly volumeContext: VolumeSyncContext;
  private resyncTimer: TimerId | undefined;
  private resyncAt = 0;
  private resyncInBackground = true;
  private stopped = false;

  constructor(private readonly ctx: ControllerContext) {
    this.claimQueue = new RateLimitingQueue(ctx.clock, { name: 'claims' });
    this.volumeQueue = new RateLimitingQueue(ctx.clock, { name: 'volumes' });
    const recorder = ctx.recorder(PERSISTENT_VOLUME_CONTROLLER_COMPONENT);
    const binder = new VolumeBinder(ctx.api, ctx.clock, recorder);
    const volumeInformer = ctx.informers.informer<PersistentVolume>('persistentvolumes');
    const claimInformer = ctx.informers.informer<PersistentVolumeClaim>('persistentvolumeclaims');
    const classes = ctx.informers.informer<StorageClass>('storageclasses').lister;
    const pods = ctx.informers.informer('pods').lister;
    this.volumes = volumeInformer.lister;
    this.claims = claimInformer.lister;
    this.claimContext = { api: ctx.api, binder, recorder, volumes: this.volumes, classes, pods };
    this.volumeContext = { api: ctx.api, binder, recorder, claims: this.claims, enqueueClaim: (key) => this.claimQueue.add(key) };
    volumeInformer.addEventHandler({
      onAdd: (v) => this.volumeQueue.add(v.metadata.name ?? ''),
      onUpdate: (_old, v) => {
        this.volumeQueue.add(v.metadata.name ?? '');
        this.noticeAvailableVolume(v);
      },
      onDelete: (v) => {
        // deleteVolume: the claim bound to it is synced (and finds its volume lost).
        const ref = v.spec?.claimRef;
        if (ref) this.claimQueue.add(claimRefKey(ref));
      },
    });
    claimInformer.addEventHandler({
      onAdd: (c) => this.claimQueue.add(claimKey(c)),
      onUpdate: (_old, c) => this.claimQueue.add(claimKey(c)),
      onDelete: (c) => {
        // deleteClaim: the volume bound to it is synced (and is released).
        if (c.spec?.volumeName) this.volumeQueue.add(c.spec.volumeName);
      },
    });
  }

  run(): void {
    this.claimQueue.run((key) => this.claimWorker(key));
    this.volumeQueue.run((name) => this.volumeWorker(name));
    this.scheduleResync();
  }

  stop(): void {
    this.stopped = true;
    this.claimQueue.shutDown();
    this.volumeQueue.shutDown();
    if (this.resyncTimer !== undefined) this.ctx.clock.clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
  }

  queues(): WorkQueueMetrics[] {
    return [this.claimQueue.metrics(), this.volumeQueue.metrics()];
  }

  private claimWorker(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const claim = this.claims.get(namespace, name);
    if (claim === undefined) return 'done';
    return outcome(syncClaim(this.claimContext, claim));
  }

  private volumeWorker(name: string): SyncResult {
    const volume = this.volumes.get('', name);
    if (volume === undefined) return 'done';
    return outcome(syncVolume(this.volumeContext, volume));
  }

  /** resync: every claim and volume again, every --pvclaimbinder-sync-period. */
  private scheduleResync(): void {
    if (this.stopped) return;
    const clock = this.ctx.clock;
    this.resyncAt = clock.now() + PV_CLAIM_BINDER_SYNC_PERIOD_MS;
    this.resyncInBackground = true;
    this.resyncTimer = clock.setBackgroundTimeout(() => this.resync(), PV_CLAIM_BINDER_SYNC_PERIOD_MS);
  }

  private resync(): void {
    this.resyncTimer = undefined;
    for (const claim of this.claims.list()) this.claimQueue.add(claimKey(claim));
    for (const volume of this.volumes.list()) this.volumeQueue.add(volume.metadata.name ?? '');
    this.scheduleResync();
  }

  /** A volume that became Available may serve a Pending claim at the next resync: that resync is pending work. */
  private noticeAvailableVolume(volume: PersistentVolume): void {
    if (!this.resyncInBackground || this.resyncTimer === undefined || volume.status?.phase !== 'Available') return;
    if (volume.spec?.claimRef?.uid) return; // being bound right now
    if (!this.anyClaimBindable([volume])) return;
    const clock = this.ctx.clock;
    clock.clearTimeout(this.resyncTimer);
    this.resyncInBackground = false;
    this.resyncTimer = clock.setTimeout(() => this.resync(), Math.max(0, this.resyncAt - clock.now()));
  }

  /** Whether some unbound claim would bind to one of `candidates`. */
  private anyClaimBindable(candidates: readonly PersistentVolume[]): boolean {
    const available = candidates.filter((v) => v.status?.phase === 'Available');
    if (available.length === 0) return false;
    for (const claim of this.claims.list()) {
      if (claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined || claim.spec?.volumeName) continue;
      const match = findBestMatchForClaim(claim, available, false);
      if (match.ok && match.volume !== undefined) return true;
    }
    return false;
  }
}

/** Conflicts are followed by an informer event that syncs again; other failures are retried with back-off. */
function outcome(result: Result<void>): SyncResult {
  if (result.ok || result.status.code === 409 || result.status.code === 404) return 'done';
  return 'requeue';
}

/** Registered as `persistentvolume-binder`. */
export const persistentVolumeControllerFactory: ControllerFactory = (ctx) => new PersistentVolumeController(ctx);
