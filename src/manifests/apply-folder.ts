/**
 * Applies every manifest in a folder once: each file parsed (multi-document, Lists expanded),
 * all objects applied in dependency order (Namespaces first, then ConfigMaps, Secrets and
 * ServiceAccounts, then the rest), each the way `kubectl apply` would.
 */
import { join } from 'node:path';
import type { KubeObject } from '../api/types.js';
import type { ApiClient } from '../apiserver/types.js';
import { MAX_FILE_BYTES, parseManifest } from './parse-manifest.js';
import { listManifestFiles, readManifestFile } from './manifest-files.js';
import { applyObject, qualifiedObjectName } from './kubectl-apply.js';
import { kubectlErrorMessage } from './kubectl-messages.js';

/** One line of an apply report: kubectl's success line, or an error with where it came from. */
export type ApplyReportLine =
  | { ok: true; file: string; line: number; text: string }
  | { ok: false; file: string; line?: number; column?: number; text: string };

/** Kinds applied before the rest, in this order; everything else keeps file order after them. */
const APPLY_ORDER = ['Namespace', 'PriorityClass', 'StorageClass', 'ConfigMap', 'Secret', 'ServiceAccount', 'LimitRange', 'ResourceQuota'];

/** The position of a kind in the apply order. */
export function applyRank(kind: unknown): number {
  const rank = APPLY_ORDER.indexOf(String(kind));
  return rank < 0 ? APPLY_ORDER.length : rank;
}

interface Pending {
  file: string;
  line: number;
  object: KubeObject;
}

/** How an apply run may let the cluster react between its phases. */
export interface ApplyOptions {
  /**
   * Called once after new Namespaces were created and before anything else is applied, so the
   * cluster can give them their `default` ServiceAccount. kube-apiserver's ServiceAccount admission
   * retries the lookup of `default` for up to about a second; an in-process API answers at once,
   * so the caller lets the controllers run instead (advancing the clock by nothing).
   */
  afterNamespaces?: () => void;
}

/** Parses and applies the given texts (file name → content); returns one report line per object or error. */
export function applyManifestTexts(
  api: ApiClient,
  files: readonly { file: string; text: string }[],
  options: ApplyOptions = {},
): ApplyReportLine[] {
  const report: ApplyReportLine[] = [];
  const pending: Pending[] = [];
  for (const { file, text } of files) {
    const parsed = parseManifest(text, file);
    for (const error of parsed.errors) {
      const line: ApplyReportLine = { ok: false, file, text: error.message };
      if (error.line !== undefined) line.line = error.line;
      if (error.column !== undefined) line.column = error.column;
      report.push(line);
    }
    if (parsed.objects.length === 0 && parsed.errors.length === 0) report.push({ ok: false, file, text: 'error: no objects passed to apply' });
    for (const { object, line } of parsed.objects) pending.push({ file, line, object });
  }
  const ordered = pending.map((p, i) => ({ p, i })).sort((a, b) => applyRank(a.p.object.kind) - applyRank(b.p.object.kind) || a.i - b.i);
  let namespacesCreated = false;
  let settledNamespaces = false;
  for (const { p } of ordered) {
    if (namespacesCreated && !settledNamespaces && p.object.kind !== 'Namespace') {
      settledNamespaces = true;
      options.afterNamespaces?.();
    }
    const outcome = applyObject(api, p.object);
    if (outcome.ok && outcome.action === 'created' && p.object.kind === 'Namespace') namespacesCreated = true;
    const name = p.object.metadata?.name ?? '';
    if (outcome.ok) {
      report.push({ ok: true, file: p.file, line: p.line, text: `${qualifiedObjectName(outcome.info, outcome.object.metadata.name ?? name)} ${outcome.action}` });
    } else {
      const text = kubectlErrorMessage({
        file: p.file,
        name,
        namespace: p.object.metadata?.namespace ?? '',
        kind: String(p.object.kind ?? ''),
        status: outcome.status,
      });
      report.push({ ok: false, file: p.file, line: p.line, text });
    }
  }
  return report;
}

/** Reads every manifest file under `dir` and applies them; unreadable files are reported, not fatal. */
export async function applyFolder(api: ApiClient, dir: string, options: ApplyOptions = {}): Promise<ApplyReportLine[]> {
  const files: { file: string; text: string }[] = [];
  const report: ApplyReportLine[] = [];
  for (const file of await listManifestFiles(dir)) {
    const read = await readManifestFile(join(dir, file), MAX_FILE_BYTES);
    if (read.ok) files.push({ file, text: read.text });
    else report.push({ ok: false, file, text: read.message });
  }
  return [...report, ...applyManifestTexts(api, files, options)];
}

/** `file:line:col: text` (or the kubectl line alone for successes). */
export function formatReportLine(line: ApplyReportLine): string {
  if (line.ok) return line.text;
  const where = [line.file, line.line, line.column].filter((part) => part !== undefined).join(':');
  return `${where}: ${line.text}`;
}
