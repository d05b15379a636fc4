/**
 * The hashes controllers put into names and labels: controller.ComputeHash (a Deployment's
 * `pod-template-hash`, a DaemonSet's `controller-revision-hash`) and the FNV hashes and safe
 * encoding under it (hash/fnv, k8s.io/apimachinery/pkg/util/rand.SafeEncodeString).
 *
 * Kubernetes hashes the Go struct as printed by spew; the playground hashes the canonical JSON of
 * the object instead (keys sorted, as Go's json.Marshal writes maps). The values differ from a
 * real cluster's, but they have the same shape (`6d4cf56db6`) and the same properties: stable for
 * an unchanged template, different when anything in it changes.
 */

const FNV_OFFSET_BASIS = 2166136261;
const FNV_PRIME = 16777619;
const encoder = new TextEncoder();

/** The characters SafeEncodeString maps onto: no vowels, no look-alikes (rand.alphanums). */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** hash/fnv New32a over `bytes`, as an unsigned 32-bit integer. */
export function fnv32a(bytes: Uint8Array, seed: number = FNV_OFFSET_BASIS): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

/** hash/fnv New32 (multiply, then xor) over `bytes`, as an unsigned 32-bit integer. */
export function fnv32(bytes: Uint8Array, seed: number = FNV_OFFSET_BASIS): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, FNV_PRIME) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h;
}

/** rand.SafeEncodeString: each character mapped into an alphabet that cannot spell words. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHANUMS[s.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted at every level and `undefined` members left out (Go's json.Marshal of a map). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  }
  return `{${parts.join(',')}}`;
}

/** UTF-8 bytes of the canonical JSON of `value`. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}

/**
 * controller.ComputeHash: FNV-32a of the pod template, then of `collisionCount` (as 8 bytes, the
 * first 4 little-endian) when there is one, safe-encoded.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(canonicalJsonBytes(template));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}
