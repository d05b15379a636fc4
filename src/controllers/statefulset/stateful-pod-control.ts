/**
 * StatefulPodControl: carries out a StatefulSet plan's writes with the events Kubernetes records on
 * the set: `SuccessfulCreate` `create Claim www-web-0 Pod web-0 in StatefulSet web success`,
 * `SuccessfulCreate` `create Pod web-0 in StatefulSet web successful`, `SuccessfulDelete`
 * `delete Pod web-1 in StatefulSet web successful`, and the `Failed…` warnings.
 */
import type { KubeObject } from '../../api/types.js';
import type { Status } from '../../api/status.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { StatefulSetAction } from './update-plan.js';
import type { StatefulPod, StatefulSet } from './types.js';

const title = (verb: string): string => verb.charAt(0).toUpperCase() + verb.slice(1);

/** Executes plan actions for one StatefulSet. */
export class StatefulPodControl {
  constructor(
    private readonly api: ApiClient,
    private readonly recorder: EventRecorder,
  ) {}

  /** Executes `actions` in order, stopping at the first that fails; true when all succeeded. */
  execute(set: Readonly<StatefulSet>, actions: readonly StatefulSetAction[]): boolean {
    for (const action of actions) if (!this.perform(set, action)) return false;
    return true;
  }

  private perform(set: Readonly<StatefulSet>, action: StatefulSetAction): boolean {
    switch (action.type) {
      case 'createPod': {
        const claimsError = this.createClaims(set, action.pod, action.claims);
        if (claimsError !== undefined) {
          this.podEvent('create', set, action.pod, claimsError);
          return false;
        }
        const created = this.api.create('pods', set.metadata.namespace ?? '', action.pod);
        if (!created.ok && created.status.reason === 'AlreadyExists') return false;
        this.podEvent('create', set, action.pod, created.ok ? undefined : created.status);
        return created.ok;
      }
      case 'createClaims':
        return this.createClaims(set, action.pod, action.claims) === undefined;
      case 'updatePod': {
        const claimsError = this.createClaims(set, action.pod, action.claims) ?? this.updateClaims(action.claimUpdates);
        if (claimsError !== undefined) {
          this.podEvent('update', set, action.pod, claimsError);
          return false;
        }
        const updated = this.api.update('pods', set.metadata.namespace ?? '', action.pod);
        this.podEvent('update', set, action.pod, updated.ok ? undefined : updated.status);
        return updated.ok;
      }
      case 'updateClaims':
        return this.updateClaims(action.claimUpdates) === undefined;
      case 'deletePod': {
        const deleted = this.api.delete('pods', set.metadata.namespace ?? '', action.pod.metadata.name ?? '');
        this.podEvent('delete', set, action.pod, deleted.ok ? undefined : deleted.status);
        return deleted.ok || deleted.status.code === 404;
      }
    }
  }

  /** createPersistentVolumeClaims: one event per claim created (none for a claim that already exists). */
  private createClaims(set: Readonly<StatefulSet>, pod: Readonly<StatefulPod>, claims: readonly KubeObject[]): string | undefined {
    let firstError: string | undefined;
    for (const claim of claims) {
      const created = this.api.create('persistentvolumeclaims', set.metadata.namespace ?? '', claim);
      if (!created.ok) firstError ??= `failed to create PVC ${claim.metadata.name ?? ''}: ${created.status.message ?? ''}`;
      if (created.ok || created.status.reason !== 'AlreadyExists') this.claimEvent('create', set, pod, claim, created.ok ? undefined : created.status);
    }
    return firstError;
  }

  private updateClaims(claims: readonly KubeObject[]): string | undefined {
    for (const claim of claims) {
      const updated = this.api.update('persistentvolumeclaims', claim.metadata.namespace ?? '', claim);
      if (!updated.ok) return `could not update claim ${claim.metadata.name ?? ''} for delete policy ownerRefs: ${updated.status.message ?? ''}`;
    }
    return undefined;
  }

  /** recordPodEvent. */
  private podEvent(verb: string, set: Readonly<StatefulSet>, pod: Readonly<KubeObject>, error: Status | string | undefined): void {
    const subject = `Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''}`;
    const message = typeof error === 'string' ? error : error?.message ?? '';
    if (error === undefined) this.recorder.event(set, 'Normal', `Successful${title(verb)}`, `${verb} ${subject} successful`);
    else this.recorder.event(set, 'Warning', `Failed${title(verb)}`, `${verb} ${subject} failed error: ${message}`);
  }

  /** recordClaimEvent. */
  private claimEvent(verb: string, set: Readonly<StatefulSet>, pod: Readonly<KubeObject>, claim: Readonly<KubeObject>, error: Status | undefined): void {
    const claimName = claim.metadata.name ?? '';
    const podName = pod.metadata.name ?? '';
    const setName = set.metadata.name ?? '';
    if (error === undefined) this.recorder.event(set, 'Normal', `Successful${title(verb)}`, `${verb} Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`);
    else this.recorder.event(set, 'Warning', `Failed${title(verb)}`, `${verb} Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${error.message ?? ''}`);
  }
}
