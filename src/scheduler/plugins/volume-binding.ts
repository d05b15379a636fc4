/**
 * VolumeBinding, lite (PreFilter, Filter, Reserve, PreBind): a pod's PersistentVolumeClaims must
 * exist; unbound claims of an `Immediate` class must wait for the PV controller; bound volumes'
 * node affinity restricts nodes; `WaitForFirstConsumer` claims need an available matching volume
 * on the node or a provisioner whose allowed topologies include it. PreBind claims the chosen PV
 * (`spec.claimRef`) or asks for provisioning (`volume.kubernetes.io/selected-node`) without
 * waiting for the result.
 */
import { quantityFromJson } from '../../api/quantity.js';
import type { KubeObject } from '../../api/types.js';
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import { SKIP_RESULT, type EnqueueExtensions, type FilterPlugin, type FrameworkHandle, type PreBindPlugin, type PreFilterResult } from '../framework/interface.js';
import type { CycleState } from '../framework/cycle-state.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { compileNodeSelectorTerms } from '../node-selector.js';
import type { PodInfo } from '../pod-info.js';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../types.js';
import { Names } from './names.js';

/** volumebinding.ErrReasonBindConflict. */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** volumebinding.ErrReasonNodeConflict (v1.32 wording). */
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
/** volumebinding.ErrReasonPVNotExist. */
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** The PreFilter reason while an Immediate claim is unbound. */
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
/** The annotation asking the provisioner for a volume on the chosen node (volume.AnnSelectedNode). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** volume.NotSupportedProvisioner: a class for pre-created local volumes only. */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** How a node would satisfy the pod's unbound WaitForFirstConsumer claims. */
interface PodVolumes {
  staticBindings: { claim: PersistentVolumeClaim; volume: PersistentVolume }[];
  dynamicProvisions: PersistentVolumeClaim[];
}

interface VolumeState {
  bound: PersistentVolumeClaim[];
  toBind: PersistentVolumeClaim[];
  byNode: Map<string, PodVolumes>;
}

function claimClass(claim: PersistentVolumeClaim): string {
  return claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
}

function storageOf(list: Record<string, unknown> | undefined): bigint {
  const q = quantityFromJson(list?.['storage'] ?? '0');
  return q.ok ? q.value.nanos : 0n;
}

/** The VolumeBinding plugin. */
export class VolumeBinding implements FilterPlugin<VolumeState>, PreBindPlugin, EnqueueExtensions {
  readonly name = Names.VolumeBinding;

  constructor(private readonly handle: FrameworkHandle) {}

  preFilter(cycle: CycleState, pod: PodInfo): PreFilterResult<VolumeState> {
    const { listers } = this.handle;
    let state: VolumeState | undefined;
    let immediateUnbound = false;
    for (const volume of pod.pod.spec.volumes ?? []) {
      let claimName: string;
      const ephemeral = volume.ephemeral !== undefined;
      if (volume.persistentVolumeClaim !== undefined) claimName = volume.persistentVolumeClaim.claimName;
      else if (ephemeral) claimName = `${pod.pod.metadata.name ?? ''}-${volume.name}`;
      else continue;
      state ??= { bound: [], toBind: [], byNode: new Map() };
      const claim = listers.persistentVolumeClaims.get(pod.namespace, claimName) as PersistentVolumeClaim | undefined;
      if (claim === undefined) {
        const reason = ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claimName}"` : `persistentvolumeclaim "${claimName}" not found`;
        return { status: new Status('UnschedulableAndUnresolvable', [reason], this.name) };
      }
      if (claim.status?.phase === 'Lost') {
        return { status: new Status('UnschedulableAndUnresolvable', [`persistentvolumeclaim "${claimName}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"`], this.name) };
      }
      if (claim.metadata.deletionTimestamp !== undefined) {
        return { status: new Status('UnschedulableAndUnresolvable', [`persistentvolumeclaim "${claimName}" is being deleted`], this.name) };
      }
      const fullyBound = (claim.spec?.volumeName ?? '') !== '' && (claim.metadata.annotations?.['pv.kubernetes.io/bind-completed'] !== undefined || claim.status?.phase === 'Bound');
      if (fullyBound) state.bound.push(claim);
      else if (this.isDelayBinding(claim)) state.toBind.push(claim);
      else immediateUnbound = true;
    }
    if (state === undefined) return SKIP_RESULT;
    if (immediateUnbound) return { status: new Status('UnschedulableAndUnresolvable', [ERR_REASON_UNBOUND_IMMEDIATE], this.name) };
    cycle.data.set(this.name, state);
    return { state };
  }

  filter(_cycle: CycleState, _pod: PodInfo, info: NodeInfo, state: VolumeState): MaybeStatus {
    const node = info.node!;
    const reasons: string[] = [];
    let boundSatisfied = true;
    let pvsFound = true;
    for (const claim of state.bound) {
      const volume = this.handle.listers.persistentVolumes.get('', claim.spec?.volumeName ?? '') as PersistentVolume | undefined;
      if (volume === undefined) pvsFound = false;
      else if (!volumeFitsNode(volume, node)) boundSatisfied = false;
    }
    let unboundSatisfied = true;
    if (state.toBind.length > 0) {
      const found = this.findVolumes(state.toBind, node);
      if (found === undefined) unboundSatisfied = false;
      else state.byNode.set(info.name, found);
    }
    if (!boundSatisfied) reasons.push(ERR_REASON_NODE_CONFLICT);
    if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
    if (!pvsFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
    return reasons.length === 0 ? undefined : new Status('UnschedulableAndUnresolvable', reasons, this.name);
  }

  /** BindPodVolumes, without waiting: claims the chosen volumes and asks for provisioning on the node. */
  preBind(cycle: CycleState, _pod: PodInfo, nodeName: string): MaybeStatus {
    const state = cycle.data.get(this.name) as VolumeState | undefined;
    const volumes = state?.byNode.get(nodeName);
    if (volumes === undefined) return undefined;
    const { api } = this.handle;
    for (const { claim, volume } of volumes.staticBindings) {
      const updated = { ...volume, spec: { ...volume.spec, claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid } } };
      const result = api.update('persistentvolumes', '', updated as KubeObject);
      if (!result.ok) return new Status('Error', [result.status.message ?? 'binding volumes failed'], this.name);
    }
    for (const claim of volumes.dynamicProvisions) {
      const result = api.patch('persistentvolumeclaims', claim.metadata.namespace ?? '', claim.metadata.name ?? '', 'merge', { metadata: { annotations: { [ANN_SELECTED_NODE]: nodeName } } });
      if (!result.ok) return new Status('Error', [result.status.message ?? 'binding volumes failed'], this.name);
    }
    return undefined;
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'PersistentVolumeClaim', actionType: ActionType.Add | ActionType.UpdateOther },
        hint: (pod, _old, claim) => (claim !== undefined && podUsesClaim(pod, claim) ? 'Queue' : 'QueueSkip'),
      },
      { event: { resource: 'PersistentVolume', actionType: ActionType.Add | ActionType.UpdateOther } },
      { event: { resource: 'StorageClass', actionType: ActionType.Add | ActionType.UpdateOther } },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint } },
    ];
  }

  private storageClass(name: string): StorageClass | undefined {
    return this.handle.listers.storageClasses.get('', name) as StorageClass | undefined;
  }

  /** volume.IsDelayBindingMode: the claim's class binds WaitForFirstConsumer. */
  private isDelayBinding(claim: PersistentVolumeClaim): boolean {
    const className = claimClass(claim);
    if (className === '') return false;
    return this.storageClass(className)?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  /** findMatchingVolumes + checkVolumeProvisions for one node; undefined when some claim cannot be satisfied. */
  private findVolumes(claims: readonly PersistentVolumeClaim[], node: Node): PodVolumes | undefined {
    const found: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
    const chosen = new Set<string>();
    const volumes = this.handle.listers.persistentVolumes.list() as PersistentVolume[];
    for (const claim of claims) {
      const volume = volumes.find((v) => !chosen.has(v.metadata.name ?? '') && volumeMatchesClaim(v, claim) && volumeFitsNode(v, node));
      if (volume !== undefined) {
        chosen.add(volume.metadata.name ?? '');
        found.staticBindings.push({ claim, volume });
        continue;
      }
      const cls = this.storageClass(claimClass(claim));
      if (cls === undefined || (cls.provisioner ?? NOT_SUPPORTED_PROVISIONER) === NOT_SUPPORTED_PROVISIONER) return undefined;
      if (!topologyAllows(cls, node)) return undefined;
      found.dynamicProvisions.push(claim);
    }
    return found;
  }
}

function podUsesClaim(pod: Pod, claim: KubeObject): boolean {
  if (claim.metadata.namespace !== pod.metadata.namespace) return false;
  return (pod.spec.volumes ?? []).some(
    (v) => v.persistentVolumeClaim?.claimName === claim.metadata.name || (v.ephemeral !== undefined && `${pod.metadata.name ?? ''}-${v.name}` === claim.metadata.name),
  );
}

/** volume.CheckNodeAffinity: a PV with required node affinity fits only matching nodes. */
function volumeFitsNode(volume: PersistentVolume, node: Node): boolean {
  const required = volume.spec?.nodeAffinity?.required;
  if (required === undefined || required === null) return true;
  return compileNodeSelectorTerms(required.nodeSelectorTerms)(node);
}

/** FindMatchingVolume's checks: available (or pre-bound to the claim), same class, enough capacity, the access modes. */
function volumeMatchesClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (ref !== undefined && ref !== null && (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace)) return false;
  if (volume.metadata.deletionTimestamp !== undefined || (volume.status?.phase !== undefined && volume.status.phase !== 'Available' && ref === undefined)) return false;
  if ((volume.spec?.storageClassName ?? '') !== claimClass(claim)) return false;
  if (storageOf(volume.spec?.capacity) < storageOf(claim.spec?.resources?.requests)) return false;
  const modes = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => modes.has(m));
}

/** v1helper.MatchTopologySelectorTerms over a class's allowedTopologies (none: any node). */
function topologyAllows(cls: StorageClass, node: Node): boolean {
  const terms = cls.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  const labels = node.metadata.labels ?? {};
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => e.values.includes(labels[e.key] ?? '\u0000')));
}
