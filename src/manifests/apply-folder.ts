/**
 * Applies manifest texts the way `kubectl apply -f` does: each file parsed (multi-document, Lists expanded),
 * all objects applied in dependency order (Namespaces first, then ConfigMaps, Secrets and
 * ServiceAccounts, then the rest), each the way `kubectl apply` would.
 */
import type { KubeObject } from '../api/types.js';
import type { ApiClient } from '../apiserver/types.js';
import { parseManifest } from './parse-manifest.js';
import { applyObject, qualifiedObjectName, type ApplyOutcome } from './kubectl-apply.js';
import { kubectlErrorMessage } from './kubectl-messages.js';

/** One line of an apply report: kubectl's success line (no `line` for a pruned object), or an error with where it came from. */
export type ApplyReportLine =
  | { ok: true; file: string; line?: number; text: string }
  | { ok: false; file: string; line?: number; column?: number; text: string };

/** Kinds applied before the rest, in this order; everything else keeps file order after them. */
const APPLY_ORDER = ['Namespace', 'PriorityClass', 'StorageClass', 'ConfigMap', 'Secret', 'ServiceAccount', 'LimitRange', 'ResourceQuota'];

/** The position of a kind in the apply order. */
export function applyRank(kind: unknown): number {
  const rank = APPLY_ORDER.indexOf(String(kind));
  return rank < 0 ? APPLY_ORDER.length : rank;
}

/** An object read from a manifest file, waiting to be applied. */
export interface PendingObject {
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

/** The objects of one file and the report lines of what could not be read. */
export function parseManifestText(file: string, text: string): { errors: ApplyReportLine[]; objects: PendingObject[] } {
  const errors: ApplyReportLine[] = [];
  const parsed = parseManifest(text, file);
  for (const error of parsed.errors) {
    const line: ApplyReportLine = { ok: false, file, text: error.message };
    if (error.line !== undefined) line.line = error.line;
    if (error.column !== undefined) line.column = error.column;
    errors.push(line);
  }
  if (parsed.objects.length === 0 && parsed.errors.length === 0) errors.push({ ok: false, file, text: 'error: no objects passed to apply' });
  return { errors, objects: parsed.objects.map(({ object, line }) => ({ file, line, object })) };
}

/** Objects in dependency order (see {@link applyRank}); equal ranks keep their order. */
export function orderForApply<T extends PendingObject>(pending: readonly T[]): T[] {
  return pending
    .map((p, i) => ({ p, i }))
    .sort((a, b) => applyRank(a.p.object.kind) - applyRank(b.p.object.kind) || a.i - b.i)
    .map(({ p }) => p);
}

/**
 * Applies objects already in order, calling `afterNamespaces` once Namespaces were created;
 * `apply` does the work for one object (so that callers can add their own checks around it).
 */
export function applyInOrder<T extends PendingObject>(ordered: readonly T[], options: ApplyOptions, apply: (p: T) => ApplyReportLine): ApplyReportLine[] {
  const report: ApplyReportLine[] = [];
  let namespacesCreated = false;
  let settledNamespaces = false;
  for (const p of ordered) {
    if (namespacesCreated && !settledNamespaces && p.object.kind !== 'Namespace') {
      settledNamespaces = true;
      options.afterNamespaces?.();
    }
    const line = apply(p);
    if (line.ok && p.object.kind === 'Namespace' && line.text.endsWith(' created')) namespacesCreated = true;
    report.push(line);
  }
  return report;
}

/** The report line kubectl prints for one applied (or refused) object. */
export function outcomeLine(p: PendingObject, outcome: ApplyOutcome): ApplyReportLine {
  const name = p.object.metadata?.name ?? '';
  if (outcome.ok) {
    return { ok: true, file: p.file, line: p.line, text: `${qualifiedObjectName(outcome.info, outcome.object.metadata.name ?? name)} ${outcome.action}` };
  }
  const text = kubectlErrorMessage({
    file: p.file,
    name,
    namespace: p.object.metadata?.namespace ?? '',
    kind: String(p.object.kind ?? ''),
    status: outcome.status,
  });
  return { ok: false, file: p.file, line: p.line, text };
}

/** Parses and applies the given texts (file name → content); returns one report line per object or error. */
export function applyManifestTexts(
  api: ApiClient,
  files: readonly { file: string; text: string }[],
  options: ApplyOptions = {},
): ApplyReportLine[] {
  const report: ApplyReportLine[] = [];
  const pending: PendingObject[] = [];
  for (const { file, text } of files) {
    const parsed = parseManifestText(file, text);
    report.push(...parsed.errors);
    pending.push(...parsed.objects);
  }
  return [...report, ...applyInOrder(orderForApply(pending), options, (p) => outcomeLine(p, applyObject(api, p.object)))];
}

/** `file:line:col: text` (or the kubectl line alone for successes). */
export function formatReportLine(line: ApplyReportLine): string {
  if (line.ok) return line.text;
  const where = [line.file, line.line, line.column].filter((part) => part !== undefined).join(':');
  return `${where}: ${line.text}`;
}
