/**
 * Sets of field paths, as structured-merge-diff's fieldpath.Set: a tree whose edges are path
 * elements spelled the way `fieldsV1` spells them (`f:spec`, `k:{"name":"c"}`, `v:"x"`, `i:0`)
 * and whose nodes may be members (a field owned as a whole: a leaf, an atomic value, a list
 * item). `fieldsV1` is this tree as JSON: `{}` for a member without children, `".": {}` for a
 * member with children.
 */
import type { JsonObject, JsonValue } from '../api/types.js';
import { compareText } from '../api/patch/list-order.js';

/** One node of a field set: whether the path itself is a member, and the paths below it. */
export interface FieldSet {
  member: boolean;
  children: Map<string, FieldSet>;
}

/** An empty set. */
export function emptySet(): FieldSet {
  return { member: false, children: new Map() };
}

/** True when the set holds no path. */
export function isEmptySet(set: FieldSet): boolean {
  return !set.member && set.children.size === 0;
}

/** Adds `path` as a member (the nodes above it are created as non-members where missing). */
export function insertPath(set: FieldSet, path: readonly string[]): void {
  let node = set;
  for (const element of path) {
    let child = node.children.get(element);
    if (child === undefined) {
      child = emptySet();
      node.children.set(element, child);
    }
    node = child;
  }
  node.member = true;
}

/** A ∪ B, as a new set. */
export function union(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member || b.member, children: new Map() };
  for (const [key, child] of a.children) {
    const other = b.children.get(key);
    out.children.set(key, other === undefined ? copySet(child) : union(child, other));
  }
  for (const [key, child] of b.children) if (!a.children.has(key)) out.children.set(key, copySet(child));
  return out;
}

/** A − B (the members of A that B does not hold), as a new set. */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member && !b.member, children: new Map() };
  for (const [key, child] of a.children) {
    const other = b.children.get(key);
    const rest = other === undefined ? copySet(child) : difference(child, other);
    if (!isEmptySet(rest)) out.children.set(key, rest);
  }
  return out;
}

/** A ∩ B, as a new set. */
export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member && b.member, children: new Map() };
  for (const [key, child] of a.children) {
    const other = b.children.get(key);
    if (other === undefined) continue;
    const both = intersection(child, other);
    if (!isEmptySet(both)) out.children.set(key, both);
  }
  return out;
}

function copySet(set: FieldSet): FieldSet {
  return union(set, emptySet());
}

/** Path elements in fieldpath order: field names, then keys, then values, then indexes; each group by its text. */
function compareElements(a: string, b: string): number {
  const rank = (e: string): number => 'fkvi'.indexOf(e[0] ?? 'f');
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return compareText(a, b);
}

/**
 * Every member path, in the order fieldpath.Set.Iterate walks them: the members of a level first,
 * then each child's paths, both in path-element order.
 */
export function memberPaths(set: FieldSet, prefix: readonly string[] = []): string[][] {
  const out: string[][] = [];
  if (prefix.length === 0 && set.member) out.push([]);
  const keys = [...set.children.keys()].sort(compareElements);
  for (const key of keys) if (set.children.get(key)?.member) out.push([...prefix, key]);
  for (const key of keys) {
    const child = set.children.get(key);
    if (child !== undefined && child.children.size > 0) out.push(...memberPaths(child, [...prefix, key]));
  }
  return out;
}

/** `fieldsV1` JSON of a set. */
export function toFieldsV1(set: FieldSet): JsonObject {
  const out: JsonObject = {};
  if (set.member && set.children.size > 0) out['.'] = {};
  for (const key of [...set.children.keys()].sort(compareElements)) {
    const child = set.children.get(key);
    if (child !== undefined) out[key] = toFieldsV1(child);
  }
  return out;
}

/** The set a `fieldsV1` value describes; undefined when it is not one. */
export function fromFieldsV1(value: JsonValue | undefined): FieldSet | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const set: FieldSet = { member: keys.length === 0 || Object.hasOwn(value, '.'), children: new Map() };
  for (const key of keys) {
    if (key === '.') continue;
    if (!/^[fkvi]:/.test(key)) return undefined;
    const child = fromFieldsV1(value[key]);
    if (child === undefined) return undefined;
    set.children.set(key, child);
  }
  return set;
}

/** The text of a path as fieldpath.Path.String prints it: `.spec.template.spec.containers[name="c"].image`. */
export function pathString(path: readonly string[]): string {
  return path.map(elementString).join('');
}

function elementString(element: string): string {
  const body = element.slice(2);
  switch (element[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      const key = JSON.parse(body) as Record<string, JsonValue>;
      return `[${Object.keys(key).map((name) => `${name}=${JSON.stringify(key[name])}`).join(',')}]`;
    }
    case 'v':
      return `[=${body}]`;
    default:
      return `[${body}]`;
  }
}
