/**
 * What differs between the two kinds one controller code manages: apps/v1 ReplicaSet and v1
 * ReplicationController. Upstream the replication manager is the ReplicaSet controller run over
 * ReplicationControllers converted to ReplicaSets; here the controller is given this descriptor.
 */
import type { ParseResult } from '../../api/parse-result.js';
import { parsed } from '../../api/parse-result.js';
import { selectorFromSet, type LabelSelector, type Selector } from '../../api/label-selector.js';
import { cachedLabelSelector } from '../common/cached-parsing.js';
import type { ReplicaSet } from './types.js';

/** The kind a replica controller manages, and the names it runs under. */
export interface ReplicatedKind {
  /** The name in `kube-controller-manager --controllers`. */
  readonly controllerName: string;
  /** The event source component. */
  readonly component: string;
  /** The workqueue's name. */
  readonly queueName: string;
  /** The API resource. */
  readonly resource: string;
  /** The Kind its controller references carry. */
  readonly kind: string;
  /** The compiled pod selector, or the reason it is invalid. */
  selector(owner: Readonly<ReplicaSet>): ParseResult<Selector>;
}

/** apps/v1 ReplicaSet: `spec.selector` is a metav1.LabelSelector. */
export const REPLICA_SET_KIND: ReplicatedKind = {
  controllerName: 'replicaset',
  component: 'replicaset-controller',
  queueName: 'replicaset',
  resource: 'replicasets',
  kind: 'ReplicaSet',
  selector: (rs) => cachedLabelSelector(rs.spec?.selector as LabelSelector | undefined),
};

/** v1 ReplicationController: `spec.selector` is a plain map of labels (defaulted from the template's). */
export const REPLICATION_CONTROLLER_KIND: ReplicatedKind = {
  controllerName: 'replicationcontroller',
  component: 'replication-controller',
  queueName: 'replicationmanager',
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  selector: (rc) => parsed(selectorFromSet(rc.spec?.selector as Record<string, string> | undefined)),
};
