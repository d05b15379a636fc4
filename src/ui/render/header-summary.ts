/** The header's figures, computed from the cluster's objects: pure, so the header only lays them out. */
import type { KubeObject } from '../../api/types.js';

/** The simulated time since the dashboard started: `1h02m03s`, `4m05s`, `12s`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}

/** The clock's speed as the header shows it: `1×`, `0.25×`, or `paused`. */
export function formatSpeed(mode: string, speed: number): string {
  return mode === 'paused' ? 'paused' : `${speed}×`;
}

/** Nodes whose Ready condition is True, and all nodes. */
export function nodeReadiness(nodes: readonly KubeObject[]): { ready: number; total: number } {
  let ready = 0;
  for (const node of nodes) {
    const conditions = (node['status'] as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions;
    if (conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true) ready++;
  }
  return { ready, total: nodes.length };
}

/** Pod phases in Kubernetes' order. */
export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

/** How many pods are in each phase (phases with no pod left out): `Running 12 · Pending 2`. */
export function formatPodPhases(pods: readonly KubeObject[]): string {
  const counts = new Map<string, number>();
  for (const pod of pods) {
    const phase = (pod['status'] as { phase?: string } | undefined)?.phase ?? 'Pending';
    counts.set(phase, (counts.get(phase) ?? 0) + 1);
  }
  const parts = POD_PHASES.filter((p) => counts.has(p)).map((p) => `${p} ${counts.get(p)}`);
  return parts.length === 0 ? 'none' : parts.join(' · ');
}
