/**
 * Keeps the cluster in step with a manifests folder, one batch of changed files at a time: each
 * file is read and parsed, its objects applied as `kubectl apply` does (in dependency order across
 * the batch), and what a file applied before but no longer declares is pruned. Each object is
 * owned by the file that applied it (recorded on the object as `playground.k8s.io/source-file`):
 * a second file declaring it gets a conflict error and the first owner keeps it; a file that is
 * gone, or no longer declares the object, hands it over instead of deleting it (a move or rename
 * keeps the object). An empty, unreadable or unparsable file never prunes: it keeps its last good state.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiClient } from '../apiserver/types.js';
import { MAX_FILE_BYTES } from './parse-manifest.js';
import { listManifestFiles } from './manifest-files.js';
import { applyObject, qualifiedObjectName } from './kubectl-apply.js';
import {
  applyInOrder,
  orderForApply,
  outcomeLine,
  parseManifestText,
  type ApplyOptions,
  type ApplyReportLine,
  type PendingObject,
} from './apply-folder.js';
import { objectRef, SOURCE_FILE_ANNOTATION, withSourceFile, type ObjectRef } from './object-ref.js';

/** Where a folder sync sends each report line as it happens (besides returning them). */
export interface FolderSyncOptions extends ApplyOptions {
  onReport?: (line: ApplyReportLine) => void;
}

/** What one batch did, and which files must be applied again (they took over released objects). */
export interface SyncResult {
  report: ApplyReportLine[];
  again: string[];
}

interface OwnedObject {
  ref: ObjectRef;
  uid: string;
}

interface FileState {
  /** The text last applied without any error (a save of the same text is skipped). */
  cleanText: string | undefined;
  /** Keys of the objects the file declares (its last good state when it is broken). */
  declared: Set<string>;
  owned: Map<string, OwnedObject>;
}

type Source = { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'error'; message: string };

interface Work {
  file: string;
  errors: ApplyReportLine[];
  objects: (PendingObject & { ref: ObjectRef | undefined })[];
  /** Read and parsed without errors, with at least one object: only then may it prune. */
  clean: boolean;
  text?: string;
  gone: boolean;
}

/** The per-file state of a manifests folder and the batch that brings the cluster in step with it. */
export class ManifestFolderSync {
  private readonly files = new Map<string, FileState>();
  private readonly owners = new Map<string, string>();
  private readonly fileErrors = new Map<string, ApplyReportLine[]>();

  constructor(
    private readonly api: ApiClient,
    private readonly dir: string,
    private readonly options: FolderSyncOptions = {},
  ) {}

  /** The errors of each file's last apply, by file: listed until the file is fixed or deleted. */
  errors(): Map<string, ApplyReportLine[]> {
    return new Map([...this.fileErrors].map(([file, lines]) => [file, [...lines]]));
  }

  /** Files this sync knows (applied, or owning objects). */
  knownFiles(): string[] {
    return [...this.files.keys()];
  }

  /** Applies every manifest file in the folder (and prunes for known files now gone), as one batch. */
  async syncAll(): Promise<SyncResult> {
    const onDisk = await this.listFiles();
    return this.sync([...new Set([...onDisk, ...this.files.keys()])].sort());
  }

  /** Applies the given files (paths relative to the folder) as one batch; files missing on disk are pruned. */
  async sync(files: readonly string[]): Promise<SyncResult> {
    const sources = new Map<string, Source>();
    for (const file of files) sources.set(file, await this.read(file));
    if ([...sources.values()].some((source) => source.kind === 'missing')) {
      // A file gone may have been renamed or moved: apply the files not seen yet first, so they take its objects over.
      for (const file of await this.listFiles()) {
        if (!sources.has(file) && !this.files.has(file)) sources.set(file, await this.read(file));
      }
    }
    const work = [...sources].map(([file, source]) => this.prepare(file, source)).filter((w): w is Work => w !== undefined);
    const gone = new Set(work.filter((w) => w.gone).map((w) => w.file));
    const again = new Set<string>();
    const applied = applyInOrder(orderForApply(work.flatMap((w) => w.objects)), this.options, (p) => this.applyOne(p, gone));
    const report = [...work.flatMap((w) => w.errors), ...applied];
    for (const w of work) {
      if (w.gone || w.clean) report.push(...this.prune(w.file, gone, again));
    }
    this.recordErrors(work, report);
    for (const line of report) this.options.onReport?.(line);
    return { report, again: [...again] };
  }

  private async listFiles(): Promise<string[]> {
    try {
      return await listManifestFiles(this.dir);
    } catch {
      return [];
    }
  }

  private async read(file: string): Promise<Source> {
    const path = join(this.dir, file);
    try {
      const info = await stat(path);
      if (!info.isFile()) return { kind: 'missing' };
      if (info.size > MAX_FILE_BYTES) return { kind: 'error', message: `the file is too large: ${info.size} bytes, limit is ${MAX_FILE_BYTES}` };
      return { kind: 'text', text: await readFile(path, 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'error', message: (error as Error).message };
    }
  }

  /** Parses one file and updates what it declares; undefined when there is nothing to do. */
  private prepare(file: string, source: Source): Work | undefined {
    const state = this.files.get(file);
    if (source.kind === 'missing') {
      if (state === undefined && !this.fileErrors.has(file)) return undefined;
      if (state !== undefined) {
        state.declared = new Set();
        state.cleanText = undefined;
      }
      return { file, errors: [], objects: [], clean: false, gone: true };
    }
    if (source.kind === 'error') return { file, errors: [{ ok: false, file, text: source.message }], objects: [], clean: false, gone: false };
    if (state?.cleanText === source.text) return undefined;
    const parsed = parseManifestText(file, source.text);
    const objects = parsed.objects.map((p) => ({ ...p, ref: objectRef(p.object) }));
    const clean = parsed.errors.length === 0;
    const declared = new Set(objects.flatMap((o) => (o.ref ? [o.ref.key] : [])));
    const next = this.stateOf(file);
    next.declared = clean ? declared : new Set([...next.declared, ...declared]);
    next.cleanText = undefined;
    return { file, errors: parsed.errors, objects, clean, gone: false, text: source.text };
  }

  private stateOf(file: string): FileState {
    let state = this.files.get(file);
    if (state === undefined) {
      state = { cleanText: undefined, declared: new Set(), owned: new Map() };
      this.files.set(file, state);
    }
    return state;
  }

  /** Applies one object unless another file owns it, and takes ownership of what was applied. */
  private applyOne(p: PendingObject & { ref: ObjectRef | undefined }, gone: ReadonlySet<string>): ApplyReportLine {
    const owner = p.ref ? this.owners.get(p.ref.key) : undefined;
    if (p.ref && owner !== undefined && owner !== p.file && this.stillOwns(owner, p.ref.key, gone)) {
      const what = qualifiedObjectName(p.ref.info, p.ref.name);
      const where = p.ref.namespace === '' ? '' : ` in namespace "${p.ref.namespace}"`;
      return {
        ok: false,
        file: p.file,
        line: p.line,
        text: `error: ${what}${where} is declared in both "${owner}" and "${p.file}": "${owner}" applied it first and keeps it`,
      };
    }
    const outcome = applyObject(this.api, withSourceFile(p.object, p.file));
    if (outcome.ok && p.ref) {
      if (owner !== undefined && owner !== p.file) this.files.get(owner)?.owned.delete(p.ref.key);
      this.owners.set(p.ref.key, p.file);
      this.stateOf(p.file).owned.set(p.ref.key, { ref: p.ref, uid: outcome.object.metadata.uid ?? '' });
    }
    return outcomeLine(p, outcome);
  }

  /** Whether `owner` keeps the object: its file is still there and still declares it. */
  private stillOwns(owner: string, key: string, gone: ReadonlySet<string>): boolean {
    if (gone.has(owner)) return false;
    if (!this.files.get(owner)?.declared.has(key)) return false;
    return existsSync(join(this.dir, owner));
  }

  /** Deletes what `file` owns but no longer declares, or hands it to another file that declares it. */
  private prune(file: string, gone: ReadonlySet<string>, again: Set<string>): ApplyReportLine[] {
    const state = this.files.get(file);
    if (state === undefined) return [];
    const report: ApplyReportLine[] = [];
    for (const [key, owned] of [...state.owned]) {
      if (state.declared.has(key)) continue;
      const heir = [...this.files].find(([other, s]) => other !== file && !gone.has(other) && s.declared.has(key))?.[0];
      if (heir !== undefined) {
        again.add(heir);
      } else {
        const line = this.deleteOwned(file, owned);
        if (line !== undefined) report.push(line);
        if (line !== undefined && !line.ok) continue;
      }
      state.owned.delete(key);
      if (this.owners.get(key) === file) this.owners.delete(key);
    }
    if (gone.has(file) && state.owned.size === 0) this.files.delete(file);
    return report;
  }

  /** Deletes an owned object, as `kubectl apply --prune` does, if it is still the one the file applied. */
  private deleteOwned(file: string, { ref, uid }: OwnedObject): ApplyReportLine | undefined {
    const live = this.api.get(ref.info.resource, ref.namespace, ref.name);
    if (!live.ok) return undefined;
    if (live.value.metadata.uid !== uid || live.value.metadata.annotations?.[SOURCE_FILE_ANNOTATION] !== file) return undefined;
    const deleted = this.api.delete(ref.info.resource, ref.namespace, ref.name, { propagationPolicy: 'Background', preconditions: { uid } });
    if (deleted.ok || deleted.status.code === 404) return { ok: true, file, text: `${qualifiedObjectName(ref.info, ref.name)} pruned` };
    return { ok: false, file, text: `Error from server (${deleted.status.reason ?? 'Unknown'}): error when pruning "${file}": ${deleted.status.message ?? 'unknown error'}` };
  }

  /** Replaces the error list of every file in the batch; a file that applied cleanly remembers its text. */
  private recordErrors(work: readonly Work[], report: readonly ApplyReportLine[]): void {
    for (const w of work) {
      const errors = report.filter((line) => !line.ok && line.file === w.file);
      if (errors.length > 0) this.fileErrors.set(w.file, errors);
      else this.fileErrors.delete(w.file);
    }
    for (const w of work) {
      const state = this.files.get(w.file);
      if (state && w.clean && !this.fileErrors.has(w.file)) state.cleanText = w.text;
    }
  }
}
