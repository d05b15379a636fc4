/**
 * YAML values as go-yaml v2 hands them to sigs.k8s.io/yaml: `interface{}` trees whose maps are
 * `map[interface{}]interface{}` with typed keys (ints, floats, bools, nil, strings). kubectl's
 * YAML-to-JSON conversion depends on those types (a float key prints differently from an int
 * key, a nil key is an error), so the tree keeps them until it is turned into JSON.
 */

/** A float64 (kept apart from ints: Go formats float map keys and messages differently). */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** An integer above int64's range that fits a uint64 (go-yaml resolves it to `uint64`). */
export class GoUint {
  constructor(readonly value: bigint) {}
}

/** An integer beyond uint64 (go-yaml resolves it to `*big.Int`). */
export class GoBigInt {
  constructor(readonly value: bigint) {}
}

/** A scalar: nil, bool, int (a JS number), float64, uint64, *big.Int or string. */
export type YamlScalar = null | boolean | number | string | GoFloat | GoUint | GoBigInt;

/** A collection's bookkeeping: nodes once aliases are expanded, and nesting height. */
interface Measured {
  /** Nodes in this subtree with every alias expanded (what converting it to JSON will visit). */
  size: number;
  /** Collections on the longest path down, this one included. */
  height: number;
  /** Offset in the document text where the collection starts. */
  readonly offset: number;
}

/** A YAML sequence (`[]interface{}`). */
export class YamlSeq implements Measured {
  readonly items: YamlValue[] = [];
  size = 1;
  height = 1;
  constructor(readonly offset: number) {}
}

/** One entry of a YAML mapping, with its typed key. */
export interface YamlEntry {
  key: YamlScalar;
  value: YamlValue;
}

/** A YAML mapping (`map[interface{}]interface{}`), keyed by Go map-key identity, in insertion order. */
export class YamlMap implements Measured {
  readonly entries = new Map<string, YamlEntry>();
  size = 1;
  height = 1;
  constructor(readonly offset: number) {}
}

/** Any value go-yaml v2 decodes into `interface{}`. */
export type YamlValue = YamlScalar | YamlSeq | YamlMap;

/** True for a sequence or a mapping. */
export function isCollection(value: YamlValue): value is YamlSeq | YamlMap {
  return value instanceof YamlSeq || value instanceof YamlMap;
}

/** Nodes in a value with aliases expanded (1 for a scalar). */
export function sizeOf(value: YamlValue): number {
  return isCollection(value) ? value.size : 1;
}

/** Nesting height of a value (0 for a scalar). */
export function heightOf(value: YamlValue): number {
  return isCollection(value) ? value.height : 0;
}

/**
 * The identity of a key in a Go map: type and value. `1`, `1.0` and `"1"` are three different
 * keys to Go (they only collide later, when sigs.k8s.io/yaml turns keys into strings).
 */
export function mapKeyId(key: YamlScalar): string {
  if (key === null) return 'nil';
  if (typeof key === 'string') return `s:${key}`;
  if (typeof key === 'number') return `i:${key}`;
  if (typeof key === 'boolean') return `b:${key}`;
  if (key instanceof GoFloat) return `f:${key.value}`;
  if (key instanceof GoUint) return `u:${key.value}`;
  return `g:${key.value}`;
}
