/**
 * A short diff of two specs, after the shape of the go-cmp diff kube-apiserver appends to
 * `pod updates may not change fields other than …`. It lists the changed fields by path with
 * `-` (old) and `+` (new) lines; the exact go-cmp layout is not reproduced.
 */
import { jsonEqual } from '../../api/equal.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collect(path: string, a: unknown, b: unknown, out: string[]): void {
  if (jsonEqual(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])]) collect(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => collect(`${path}[${i}]`, item, b[i], out));
    return;
  }
  if (a !== undefined) out.push(`- \t${path}: ${JSON.stringify(a)},`);
  if (b !== undefined) out.push(`+ \t${path}: ${JSON.stringify(b)},`);
}

/** `  core.PodSpec{\n- \tnodeName: "a",\n+ \tnodeName: "b",\n  }`. */
export function specDiff(typeName: string, oldSpec: unknown, newSpec: unknown): string {
  const lines: string[] = [];
  collect('', oldSpec, newSpec, lines);
  return [`  ${typeName}{`, ...lines, '  }', ''].join('\n');
}
