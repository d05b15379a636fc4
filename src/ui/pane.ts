/**
 * What every dashboard pane receives. Panes are pure views: they read the cluster (informer-free:
 * `cluster.api.list`, `cluster.etcd`, `cluster.components()`), render only the rows that fit, and
 * publish their selected object so the key table's actions (cordon, delete, scale, …) know their target.
 */
import type { Cluster } from '../cluster/cluster.js';

/** The object a pane has selected, as commands name it. */
export interface Selection {
  /** `node`, `pod`, `deployment`, `service`, `component`, `etcd-key`, `event`, … */
  kind: string;
  namespace?: string;
  name: string;
}

/** Props of a pane. */
export interface PaneProps {
  cluster: Cluster;
  /** Columns and rows the pane may use (its border included). */
  width: number;
  height: number;
  /** True when the pane has the keyboard (↑/↓, j/k, Enter move inside it). */
  focused: boolean;
  /** Bumped whenever the cluster may have changed (capped frame rate): panes recompute on it. */
  frame: number;
  /** Namespace filter ('' = all), set with `/`. */
  filter: string;
  /** Called when the pane's selected object changes. */
  onSelect(selection: Selection | undefined): void;
}
