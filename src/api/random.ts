/**
 * The playground's only source of randomness: a small seeded generator (sfc32), so that the same
 * manifests, seed and commands always give the same names, IPs, latencies and event log.
 */

/** Characters Kubernetes uses for generated name suffixes (k8s.io/apimachinery/pkg/util/rand). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic pseudo-random generator. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string = 1) {
    const h = hashSeed(String(seed));
    this.a = h[0]!;
    this.b = h[1]!;
    this.c = h[2]!;
    this.d = h[3]!;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string = NAME_SUFFIX_ALPHABET): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A version-4 UUID, as Kubernetes uses for `metadata.uid`. */
  uuid(): string {
    const a = this.nextUint32();
    const b = this.nextUint32();
    const c = this.nextUint32();
    const d = this.nextUint32();
    // The hex digits of four draws, with the version nibble (4) and the variant bits (10xx) set:
    // `aaaaaaaa-bbbb-4bbb-Vccc-ccccdddddddd`, where the 5th digit of b is dropped for the version.
    // Built from character codes in one call: Number#toString(16) on 32-bit values is slow in V8.
    return String.fromCharCode(
      hex(a, 28), hex(a, 24), hex(a, 20), hex(a, 16), hex(a, 12), hex(a, 8), hex(a, 4), hex(a, 0), DASH,
      hex(b, 28), hex(b, 24), hex(b, 20), hex(b, 16), DASH,
      FOUR, hex(b, 8), hex(b, 4), hex(b, 0), DASH,
      HEX_CODES[((c >>> 28) & 0x3) | 0x8]!, hex(c, 24), hex(c, 20), hex(c, 16), DASH,
      hex(c, 12), hex(c, 8), hex(c, 4), hex(c, 0),
      hex(d, 28), hex(d, 24), hex(d, 20), hex(d, 16), hex(d, 12), hex(d, 8), hex(d, 4), hex(d, 0),
    );
  }

  /** A child generator with its own stream, so one part's draws do not shift another's. */
  fork(label: string): Random {
    return new Random(`${this.nextUint32()}:${label}`);
  }
}

/** cyrb128: spreads a string seed over four 32-bit words. */
function hashSeed(seed: string): number[] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const DASH = 0x2d;
const FOUR = 0x34;

/** The character code of the lowercase hex digit of `n` at bit `shift`. */
function hex(n: number, shift: number): number {
  return HEX_CODES[(n >>> shift) & 0xf]!;
}
