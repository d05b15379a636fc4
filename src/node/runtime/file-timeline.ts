/**
 * What a simulated container does to its filesystem over time (`touch`, `rm`, `echo … > F`), so
 * that exec probes (`cat /tmp/healthy`) and the termination message can be answered for any moment
 * after start. Paths the container never touched are assumed to exist (they come from the image or
 * a volume), except under the scratch directories a fresh container starts with empty.
 */

interface FileEvent {
  readonly at: number;
  readonly path: string;
  readonly exists: boolean;
  /** Removal of a whole tree (`rm -r`). */
  readonly recursive: boolean;
  /** Content, when the simulation knows it (written through a redirection). */
  readonly content: string | undefined;
}

/** Directories that are empty in a freshly started container. */
const SCRATCH = ['/tmp/', '/var/tmp/', '/run/', '/var/run/', '/dev/shm/'];
/** At most this many events are kept per container (long loops stop adding). */
const MAX_EVENTS = 2000;
/** Known content is kept up to this size (the kubelet reads at most 4096 bytes of a termination message). */
const MAX_CONTENT = 4096;

/** Normalises `a//b/./c/` to `a/b/c`. */
function normalise(path: string): string {
  if (!path.includes('//') && !path.includes('/.') && !path.endsWith('/')) return path;
  const out = path.replace(/\/+/g, '/').replace(/\/\.(?=\/|$)/g, '');
  return out.length > 1 ? out.replace(/\/$/, '') : out;
}

/** A container's file events, by path. */
export class FileTimeline {
  /** Created on the first event: most containers never touch a file. */
  private byPath: Map<string, FileEvent[]> | undefined;
  private treeRemovals: FileEvent[] | undefined;
  private count = 0;
  /** Increases whenever a path starts or stops existing (content changes do not count). */
  existenceVersion = 0;

  /** `path` exists from `at` on, with `content` when known (`append` adds to what was there). */
  write(path: string, at: number, content?: string, append = false): void {
    const p = normalise(path);
    const before = append ? this.content(p, at) : undefined;
    const after = content === undefined ? before : ((before ?? '') + content).slice(-MAX_CONTENT);
    this.push({ at, path: p, exists: true, recursive: false, content: after });
  }

  /** `path` (and, when `recursive`, everything under it) is gone from `at` on. */
  remove(path: string, at: number, recursive = false): void {
    this.push({ at, path: normalise(path), exists: false, recursive, content: undefined });
  }

  /** Whether `path` exists at `at`, with the defaults for untouched paths. */
  exists(path: string, at: number): boolean {
    const p = normalise(path);
    const known = this.latest(p, at);
    if (known) return known.exists;
    return !SCRATCH.some((dir) => p.startsWith(dir));
  }

  /** The known content of `path` at `at` (undefined when missing or unknown). */
  content(path: string, at: number): string | undefined {
    const known = this.latest(normalise(path), at);
    return known?.exists ? known.content : undefined;
  }

  /** An independent copy (an exec probe's effects must not change what the container did). */
  fork(): FileTimeline {
    const copy = new FileTimeline();
    if (this.byPath) copy.byPath = new Map([...this.byPath].map(([path, events]) => [path, [...events]]));
    if (this.treeRemovals) copy.treeRemovals = [...this.treeRemovals];
    copy.count = this.count;
    copy.existenceVersion = this.existenceVersion;
    return copy;
  }

  private latest(path: string, at: number): FileEvent | undefined {
    if (!this.byPath) return undefined;
    let found: FileEvent | undefined;
    for (const e of this.byPath.get(path) ?? []) if (e.at <= at && (!found || e.at >= found.at)) found = e;
    for (const e of this.treeRemovals ?? []) {
      if (e.at <= at && path.startsWith(`${e.path}/`) && (!found || e.at >= found.at)) found = e;
    }
    return found;
  }

  private push(event: FileEvent): void {
    const previous = this.latest(event.path, event.at);
    if (previous && previous.exists === event.exists && previous.content === event.content && !event.recursive) return;
    if (this.count >= MAX_EVENTS) return;
    this.count++;
    if (previous?.exists !== event.exists || event.recursive) this.existenceVersion++;
    this.byPath ??= new Map();
    const events = this.byPath.get(event.path);
    if (events) events.push(event);
    else this.byPath.set(event.path, [event]);
    if (event.recursive) (this.treeRemovals ??= []).push(event);
  }
}
