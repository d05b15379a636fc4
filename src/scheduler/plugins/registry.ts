/**
 * The default profile (pkg/scheduler/apis/config/v1/default_plugins.go, v1.32): the in-tree
 * plugins in their MultiPoint order — which is the order Filter runs them and the first rejection
 * a node reports — with the default score weights: TaintToleration 3, NodeAffinity 2,
 * PodTopologySpread 2, InterPodAffinity 2, NodeResourcesFit 1, NodeResourcesBalancedAllocation 1,
 * ImageLocality 1. (VolumeRestrictions, NodeVolumeLimits and VolumeZone are not simulated.)
 */
import type { ProfilePlugins } from '../framework/framework.js';
import type { FrameworkHandle } from '../framework/interface.js';
import { BalancedAllocation } from './balanced-allocation.js';
import { DefaultBinder } from './default-binder.js';
import { DefaultPreemption, type PreemptionFramework } from './default-preemption.js';
import { ImageLocality } from './image-locality.js';
import { InterPodAffinity } from './inter-pod-affinity.js';
import { NodeAffinity } from './node-affinity.js';
import { NodeName } from './node-name.js';
import { NodePorts } from './node-ports.js';
import { NodeResourcesFit } from './node-resources-fit.js';
import { NodeUnschedulable } from './node-unschedulable.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import { SchedulingGates } from './scheduling-gates.js';
import { TaintToleration } from './taint-toleration.js';
import { VolumeBinding } from './volume-binding.js';

/** The default profile's plugins for a scheduler instance. */
export function defaultProfilePlugins(handle: FrameworkHandle, preemption: () => PreemptionFramework, random: () => number): ProfilePlugins {
  const schedulingGates = new SchedulingGates();
  const nodeUnschedulable = new NodeUnschedulable();
  const nodeName = new NodeName();
  const taintToleration = new TaintToleration();
  const nodeAffinity = new NodeAffinity();
  const nodePorts = new NodePorts();
  const fit = new NodeResourcesFit();
  const volumeBinding = new VolumeBinding(handle);
  const spread = new PodTopologySpread(handle);
  const interPodAffinity = new InterPodAffinity(handle);
  const balanced = new BalancedAllocation();
  const imageLocality = new ImageLocality(handle.cache);
  return {
    preEnqueue: [schedulingGates],
    filter: [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, fit, volumeBinding, spread, interPodAffinity],
    postFilter: [new DefaultPreemption(handle, preemption, random)],
    score: [
      { plugin: taintToleration, weight: 3 },
      { plugin: nodeAffinity, weight: 2 },
      { plugin: fit, weight: 1 },
      { plugin: spread, weight: 2 },
      { plugin: interPodAffinity, weight: 2 },
      { plugin: balanced, weight: 1 },
      { plugin: imageLocality, weight: 1 },
    ],
    reserve: [],
    preBind: [volumeBinding],
    bind: [new DefaultBinder(handle)],
    enqueueExtensions: [schedulingGates, nodeUnschedulable, taintToleration, nodeAffinity, nodePorts, fit, volumeBinding, spread, interPodAffinity],
  };
}
