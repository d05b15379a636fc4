/**
 * The scheduler's answer to "why is this pod Pending?" and "why this node?", as text lines: the
 * FailedScheduling message (the same string as the event and the PodScheduled condition), then
 * each node's filter verdict, or the chosen node and the scores that chose it.
 */
import type { SchedulingDiagnosis } from '../../scheduler/diagnosis.js';

/** The lines explaining a scheduling diagnosis. */
export function verdictLines(d: SchedulingDiagnosis): string[] {
  const lines: string[] = [];
  if (d.result === 'Scheduled') {
    lines.push(`Scheduled to ${d.selectedNode ?? '?'} (attempt ${d.attempt}): ${d.message}`);
    if (d.nodesScored > 0) lines.push(`${d.nodesScored} feasible node(s) scored:`);
    for (const s of d.scores) {
      const parts = s.plugins.filter((p) => p.score !== 0).map((p) => `${p.plugin} ${p.score}×${p.weight}`);
      lines.push(`  ${s.node}: ${s.total}${parts.length === 0 ? '' : ` (${parts.join(', ')})`}${s.node === d.selectedNode ? '  ← chosen' : ''}`);
    }
  } else {
    lines.push(`Why Pending (attempt ${d.attempt}): ${d.message}`);
    if (d.preFilterMessage !== '') lines.push(`  PreFilter: ${d.preFilterMessage}`);
    if (d.nominatedNode !== undefined) lines.push(`  nominated node: ${d.nominatedNode}`);
  }
  for (const v of d.rejected) lines.push(`  ${v.node}: ${v.plugin}: ${v.reasons.join(', ')} (${v.code})`);
  return lines;
}
