/**
 * Leader election of kube-controller-manager and kube-scheduler (client-go tools/leaderelection
 * with a LeaseLock): each holds the Lease of its name in kube-system, as `<hostname>_<uuid>`, a new
 * identity per process start. The leader renews every retryPeriod; a candidate retries (jittered)
 * until the lease it observed has gone unrenewed for leaseDurationSeconds, then takes it over with
 * leaseTransitions + 1. A stopped component is a killed process: it stops renewing and releases
 * nothing, so after a restart it waits out the old term, as a restarted kube-scheduler does in kind.
 *
 * The components themselves run whether or not they lead (the playground has one replica of each);
 * the election is what `kubectl get leases -n kube-system` shows. Its timers are background
 * timers: an idle cluster settles even though leases are renewed.
 */
import type { KubeObject } from '../api/types.js';
import { jsonEqual } from '../api/equal.js';
import type { Random } from '../api/random.js';
import { rfc3339Micro } from '../api/time.js';
import type { ApiClient } from '../apiserver/types.js';
import type { ClusterComponent } from '../client/component.js';
import type { BackgroundClock, TimerId } from '../clock/types.js';

/** The namespace of the control plane's leader-election leases. */
export const LEADER_ELECTION_NAMESPACE = 'kube-system';

/** The components that elect a leader, each under a Lease of its own name. */
export const LEADER_ELECTED_COMPONENTS: readonly string[] = ['kube-controller-manager', 'kube-scheduler'];

/** --leader-elect-lease-duration, --leader-elect-renew-deadline, --leader-elect-retry-period (defaults). */
export const LEADER_ELECTION_TIMINGS = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 } as const;

/** wait.JitterUntil's factor in the acquire loop (leaderelection.JitterFactor). */
const JITTER_FACTOR = 1.2;

/** rl.LeaderElectionRecord, as the Lease spec stores it. */
interface LeaderElectionRecord {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/** One component's elector. */
export class LeaderElector {
  /** This process's identity (`control-plane_<uuid>`), undefined while the component is stopped. */
  private identity: string | undefined;
  /** The Lease as last read or written (LeaseLock keeps it to update). */
  private lease: KubeObject | undefined;
  private observedRecord: LeaderElectionRecord | undefined;
  /** When observedRecord was first seen, on this elector's clock (the lease's own times are not trusted). */
  private observedTime = 0;
  private timer: TimerId | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly clock: BackgroundClock,
    private readonly random: Random,
    /** The Lease's name: the component's. */
    readonly leaseName: string,
    /** The component whose process this election belongs to. */
    private readonly component: () => ClusterComponent | undefined,
    /** The host name the identity starts with (the control-plane node's). */
    private readonly hostname: string,
  ) {}

  /** Whether this elector holds the lease, as last observed. */
  get isLeader(): boolean {
    return this.identity !== undefined && this.observedRecord?.holderIdentity === this.identity;
  }

  /** Starts the loop (the first try at once). */
  start(): void {
    if (this.timer === undefined) this.tick();
  }

  /** Stops the loop; the lease is left as it is. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One pass: follow the component's process, then try to acquire or renew. */
  private tick(): void {
    const running = (this.component()?.state ?? 'stopped') !== 'stopped';
    if (!running) {
      this.identity = undefined; // the process is gone: its successor is a new identity
      this.observedRecord = undefined;
      this.lease = undefined;
    } else {
      this.identity ??= `${this.hostname}_${this.random.uuid()}`;
      this.tryAcquireOrRenew(this.clock.now());
    }
    const { retryPeriodMs } = LEADER_ELECTION_TIMINGS;
    // The leader renews every retryPeriod (wait.Until); a candidate retries with jitter (wait.JitterUntil).
    const delay = !running || this.isLeader ? retryPeriodMs : retryPeriodMs * (1 + this.random.next() * JITTER_FACTOR);
    this.timer = this.clock.setBackgroundTimeout(() => this.tick(), Math.round(delay));
  }

  /** tryAcquireOrRenew: true when this elector holds the lease afterwards. */
  private tryAcquireOrRenew(now: number): boolean {
    const identity = this.identity;
    if (identity === undefined) return false;
    const time = rfc3339Micro(now);
    const record: LeaderElectionRecord = {
      holderIdentity: identity,
      leaseDurationSeconds: LEADER_ELECTION_TIMINGS.leaseDurationMs / 1000,
      acquireTime: time,
      renewTime: time,
    };
    // 1. Fast path for the leader: renew the lease it holds without reading it first.
    if (this.isLeader && this.isLeaseValid(now) && this.lease !== undefined && this.observedRecord !== undefined) {
      const renewed = { ...record, acquireTime: this.observedRecord.acquireTime, leaseTransitions: this.observedRecord.leaseTransitions ?? 0 };
      if (this.update(renewed, now)) return true;
    }
    // 2. Read the lease (create it when missing).
    const got = this.api.get('leases', LEADER_ELECTION_NAMESPACE, this.leaseName);
    if (!got.ok) {
      if (got.status.code !== 404) return false;
      const created = this.api.create('leases', LEADER_ELECTION_NAMESPACE, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.leaseName, namespace: LEADER_ELECTION_NAMESPACE },
        spec: { ...record, leaseTransitions: 0 },
      });
      if (!created.ok) return false;
      this.observe(created.value, now);
      return true;
    }
    const old = this.observe(got.value, now);
    if ((old.holderIdentity ?? '') !== '' && this.isLeaseValid(now) && !this.isLeader) return false;
    // 3. Take it over, or renew it: a new holder counts a transition, the same one keeps its acquireTime.
    const next = this.isLeader
      ? { ...record, acquireTime: old.acquireTime, leaseTransitions: old.leaseTransitions ?? 0 }
      : { ...record, leaseTransitions: (old.leaseTransitions ?? 0) + 1 };
    return this.update(next, now);
  }

  /** The lease's record; a record that changed since last seen restarts the expiry count. */
  private observe(lease: KubeObject, now: number): LeaderElectionRecord {
    this.lease = lease;
    const record = (lease['spec'] ?? {}) as LeaderElectionRecord;
    if (!jsonEqual(record, this.observedRecord)) {
      this.observedRecord = record;
      this.observedTime = now;
    }
    return record;
  }

  private isLeaseValid(now: number): boolean {
    return this.observedTime + (this.observedRecord?.leaseDurationSeconds ?? 0) * 1000 > now;
  }

  private update(record: LeaderElectionRecord, now: number): boolean {
    const current = this.lease;
    if (current === undefined) return false;
    const updated = this.api.update('leases', LEADER_ELECTION_NAMESPACE, { ...current, spec: { ...((current['spec'] ?? {}) as object), ...record } });
    if (!updated.ok) {
      this.lease = undefined;
      return false;
    }
    this.lease = updated.value;
    this.observedRecord = updated.value['spec'] as LeaderElectionRecord;
    this.observedTime = now;
    return true;
  }
}

/** The electors of the leader-elected components, started. */
export interface LeaderElection {
  readonly electors: readonly LeaderElector[];
  stop(): void;
}

/** Starts an elector for each of LEADER_ELECTED_COMPONENTS that `component` finds. */
export function startLeaderElection(
  api: ApiClient,
  clock: BackgroundClock,
  random: Random,
  component: (name: string) => ClusterComponent | undefined,
  hostname: string,
): LeaderElection {
  const electors = LEADER_ELECTED_COMPONENTS.filter((name) => component(name) !== undefined).map(
    (name) => new LeaderElector(api, clock, random.fork(name), name, () => component(name), hostname),
  );
  for (const elector of electors) elector.start();
  return {
    electors,
    stop: () => {
      for (const elector of electors) elector.stop();
    },
  };
}
