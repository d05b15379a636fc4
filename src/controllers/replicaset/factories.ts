/**
 * The two controllers kube-controller-manager runs from the ReplicaSet controller's code, under
 * the names `--controllers` uses.
 */
import type { ControllerFactory } from '../common/controller.js';
import { ReplicaSetController } from './replica-set-controller.js';
import { REPLICA_SET_KIND, REPLICATION_CONTROLLER_KIND } from './replicated-kind.js';

/** The ReplicaSet controller; register it as `replicaset` (events from `replicaset-controller`). */
export const replicaSetControllerFactory: ControllerFactory = (ctx) => new ReplicaSetController(ctx, REPLICA_SET_KIND);

/** The replication manager for ReplicationControllers; register it as `replicationcontroller` (events from `replication-controller`). */
export const replicationControllerFactory: ControllerFactory = (ctx) => new ReplicaSetController(ctx, REPLICATION_CONTROLLER_KIND);
