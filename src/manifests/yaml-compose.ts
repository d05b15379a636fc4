/**
 * Builds one YAML document from js-yaml's event stream with go-yaml v2's decoding semantics,
 * which js-yaml's own constructor cannot reproduce:
 *
 * - duplicate keys are not an error: the later value wins (go-yaml's non-strict Unmarshal);
 * - merge keys (`<<: *base`, `<<: [*a, *b]`) write into the mapping in document order, so a
 *   merged value overrides a key written *before* the `<<` and is overridden by one after it;
 *   in a merge list the earlier mappings win; merging a non-mapping is an error;
 * - a mapping or sequence used as a key is refused at once with go-yaml's
 *   `invalid map key: <%#v of the key>` (kubectl's message for `{{placeholders}}`);
 * - aliases are shared, but every alias adds the full size of its target to the node count, so
 *   an alias bomb is refused here, before anything is expanded, and so is nesting that aliases
 *   push past the depth limit.
 */
import { EVENT_ID, SCALAR_STYLE, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import { goSyntax } from './go-format.js';
import { MERGE_TAG, resolveScalar, shortTag } from './yaml-resolve.js';
import { YamlMap, YamlSeq, heightOf, isCollection, mapKeyId, sizeOf, type YamlScalar, type YamlValue } from './yaml-value.js';

/** The limits one document is composed under. */
export interface ComposeLimits {
  /** Aliases allowed in the document. */
  maxAliases: number;
  /** Nesting depth allowed, aliases expanded. */
  maxDepth: number;
  /** Nodes (aliases expanded) this document may still add to its file. */
  nodeBudget: number;
  /** The per-file node limit, for messages. */
  nodeLimit: number;
}

/** A composed document (`root` undefined when the stream holds no document), or go-yaml's error. */
export type Composed =
  | { ok: true; root: YamlValue | undefined; rootOffset: number; nodes: number }
  | { ok: false; message: string; offset: number };

type Failure = { message: string; offset: number } | undefined;

const IN_PROGRESS = Symbol('anchor in progress');
const MERGE = Symbol('merge key');

interface Frame {
  node: YamlMap | YamlSeq;
  anchor: string | undefined;
  key: YamlScalar | typeof MERGE;
  hasKey: boolean;
}

class Composer {
  private readonly stack: Frame[] = [];
  private readonly anchors = new Map<string, YamlValue | typeof IN_PROGRESS>();
  private aliases = 0;
  nodes = 0;
  root: YamlValue | undefined;
  rootOffset = 0;
  done = false;

  constructor(
    private readonly source: string,
    private readonly limits: ComposeLimits,
  ) {}

  step(event: Event): Failure {
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const node = event.type === EVENT_ID.MAPPING ? new YamlMap(event.start) : new YamlSeq(event.start);
        const anchor = event.anchorStart >= 0 ? this.source.slice(event.anchorStart, event.anchorEnd) : undefined;
        if (anchor !== undefined) this.anchors.set(anchor, IN_PROGRESS);
        this.stack.push({ node, anchor, key: null, hasKey: false });
        return this.count(1, event.start);
      }
      case EVENT_ID.SCALAR:
        return this.scalar(event);
      case EVENT_ID.ALIAS: {
        const name = this.source.slice(event.anchorStart, event.anchorEnd);
        const offset = Math.max(0, event.anchorStart - 1);
        const target = this.anchors.get(name);
        if (++this.aliases > this.limits.maxAliases) {
          return { message: `document contains excessive aliasing (more than ${this.limits.maxAliases} aliases)`, offset };
        }
        if (target === undefined) return { message: `unknown anchor '${name}' referenced`, offset };
        if (target === IN_PROGRESS) return { message: `anchor '${name}' value contains itself`, offset };
        return this.count(sizeOf(target), offset) ?? this.add(target, offset, true);
      }
      case EVENT_ID.POP: {
        const frame = this.stack.pop();
        if (!frame) {
          this.done = true;
          return undefined;
        }
        if (frame.anchor !== undefined) this.anchors.set(frame.anchor, frame.node);
        return this.add(frame.node, frame.node.offset);
      }
      default:
        // A second document in the same chunk (after `...`): go-yaml's Unmarshal reads the first only.
        this.done = true;
        return undefined;
    }
  }

  private scalar(event: ScalarEvent): Failure {
    const text = getScalarValue(this.source, event);
    const tag = event.tagStart >= 0 ? shortTag(this.source.slice(event.tagStart, event.tagEnd)) : undefined;
    const plain = event.style === SCALAR_STYLE.PLAIN;
    const offset = event.valueStart;
    const parent = this.stack.at(-1);
    const failure = this.count(1, offset);
    if (failure) return failure;
    if (parent?.node instanceof YamlMap && !parent.hasKey && text === '<<' && ((plain && tag === undefined) || tag === MERGE_TAG)) {
      parent.key = MERGE;
      parent.hasKey = true;
      return undefined;
    }
    const resolved = resolveScalar(tag, text, plain);
    if (!resolved.ok) return { message: resolved.message, offset };
    if (event.anchorStart >= 0) this.anchors.set(this.source.slice(event.anchorStart, event.anchorEnd), resolved.value);
    return this.add(resolved.value, offset);
  }

  /** Adds `n` nodes to the document's count; fails once the file's node budget is spent. */
  private count(n: number, offset: number): Failure {
    this.nodes += n;
    if (this.nodes <= this.limits.nodeBudget) return undefined;
    const message =
      this.aliases > 0
        ? `document contains excessive aliasing (more than ${this.limits.nodeLimit} nodes once aliases are expanded)`
        : `document contains too many nodes (more than ${this.limits.nodeLimit} in one file)`;
    return { message, offset };
  }

  /** Places a finished value: the root, a sequence item, a mapping key, or a mapping value. */
  private add(value: YamlValue, offset: number, fromAlias = false): Failure {
    const parent = this.stack.at(-1);
    if (!parent) {
      this.root = value;
      this.rootOffset = offset;
      return undefined;
    }
    const node = parent.node;
    if (node instanceof YamlSeq) {
      node.items.push(value);
      node.size += sizeOf(value);
      node.height = Math.max(node.height, heightOf(value) + 1);
      return this.checkDepth(node, offset);
    }
    if (!parent.hasKey) {
      if (isCollection(value)) return { message: `invalid map key: ${goSyntax(value)}`, offset };
      parent.key = value;
      parent.hasKey = true;
      return undefined;
    }
    const key = parent.key;
    parent.hasKey = false;
    if (key === MERGE) return this.merge(node, value, offset, fromAlias);
    setEntry(node, key, value);
    return this.checkDepth(node, offset);
  }

  /**
   * go-yaml v2's merge: the merged mapping's entries are written into `node`, overriding. A list
   * of mappings must be written out (`<<: [*a, *b]`); an alias to a sequence is refused.
   */
  private merge(node: YamlMap, value: YamlValue, offset: number, fromAlias: boolean): Failure {
    const sources = value instanceof YamlSeq && !fromAlias ? [...value.items].reverse() : [value];
    if (!sources.every((source) => source instanceof YamlMap)) {
      return { message: 'map merge requires map or sequence of maps as the value', offset };
    }
    for (const source of sources as YamlMap[]) {
      for (const entry of source.entries.values()) setEntry(node, entry.key, entry.value);
    }
    return this.checkDepth(node, offset);
  }

  private checkDepth(node: YamlMap | YamlSeq, offset: number): Failure {
    const depth = node.height + this.stack.length - 1;
    return depth > this.limits.maxDepth ? { message: `nesting exceeded maxDepth (${this.limits.maxDepth})`, offset } : undefined;
  }
}

/** Sets a mapping entry (a later duplicate key replaces the earlier value) and updates the sizes. */
function setEntry(node: YamlMap, key: YamlScalar, value: YamlValue): void {
  const id = mapKeyId(key);
  const previous = node.entries.get(id);
  if (previous) node.size -= 1 + sizeOf(previous.value);
  node.entries.set(id, { key, value });
  node.size += 1 + sizeOf(value);
  node.height = Math.max(node.height, heightOf(value) + 1);
}

/** Composes the first document of `events` (parsed from `source`) the way go-yaml v2 decodes it. */
export function composeDocument(source: string, events: readonly Event[], limits: ComposeLimits): Composed {
  if (events[0]?.type !== EVENT_ID.DOCUMENT) return { ok: true, root: undefined, rootOffset: 0, nodes: 0 };
  const composer = new Composer(source, limits);
  for (let i = 1; i < events.length && !composer.done; i++) {
    const event = events[i];
    const failure = event && composer.step(event);
    if (failure) return { ok: false, ...failure };
  }
  return { ok: true, root: composer.root, rootOffset: composer.rootOffset, nodes: composer.nodes };
}
