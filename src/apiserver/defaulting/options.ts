/**
 * What defaulting may need to know beyond the object itself.
 */
import type { KubeObject } from '../../api/types.js';

/** The write that is being defaulted. */
export type DefaultingOperation = 'CREATE' | 'UPDATE';

/** Options of `applyDefaults` and the per-kind defaulters. */
export interface DefaultingOptions {
  /**
   * `CREATE` also applies what only a create does and a later write must not redo: a new
   * Namespace's `kubernetes` finalizer (the namespace controller removes it when the namespace is
   * deleted; re-adding it on update would keep the namespace forever). Without it (or with
   * `UPDATE`) only what every write gets is applied, which is also safe for creates.
   */
  operation?: DefaultingOperation;
  /**
   * The cluster's PriorityClasses, for the Priority admission plugin: a pod's
   * `priorityClassName` resolves against them (`system-node-critical` and `system-cluster-critical`
   * are stored by kube-apiserver's bootstrap), and a `globalDefault` class names pods that name none.
   */
  priorityClasses?: readonly KubeObject[];
  /** The time of the write (epoch ms), for the conditions a create strategy stamps. */
  now?: number;
}
