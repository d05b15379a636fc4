/**
 * A reader of the protobuf wire format (varint, 64-bit, length-delimited, 32-bit), with the error
 * messages of gogo-protobuf's generated `Unmarshal` code that kube-apiserver returns. A failed read
 * answers `undefined` and leaves the reason in `error`: malformed input is an expected failure.
 */

/** Wire types. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
export const FIXED32 = 5;

/** gogo-protobuf's `io.ErrUnexpectedEOF`. */
export const UNEXPECTED_EOF = 'unexpected EOF';

/** A 64-bit varint as two unsigned 32-bit halves, so that no bit is lost before it is interpreted. */
export interface Varint {
  lo: number;
  hi: number;
}

/** A field key: field number and wire type. */
export interface Tag {
  field: number;
  wire: number;
}

/** Reads one message's bytes from the start; `error` holds why the last read failed. */
export class WireReader {
  pos = 0;
  error: string | undefined;

  constructor(readonly buf: Uint8Array) {}

  /** Whether every byte has been read. */
  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** A varint of up to 10 bytes. */
  varint(): Varint | undefined {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) return this.fail(UNEXPECTED_EOF);
      const b = this.buf[this.pos++]!;
      const bits = b & 0x7f;
      const shift = 7 * i;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) return { lo: lo >>> 0, hi: hi >>> 0 };
    }
    return this.fail('proto: integer overflow');
  }

  /** A field key; field number 0 and end-group keys are errors, as in gogo's generated code. */
  tag(message: string): Tag | undefined {
    const key = this.varint();
    if (key === undefined) return undefined;
    const field = key.hi * 2 ** 29 + (key.lo >>> 3);
    const wire = key.lo & 7;
    if (wire === 4) return this.fail(`proto: ${message}: wiretype end group for non-group`);
    if (field <= 0) return this.fail(`proto: ${message}: illegal tag ${field} (wire type ${wire})`);
    return { field, wire };
  }

  /** The bytes of a length-delimited field. */
  bytes(): Uint8Array | undefined {
    const length = this.varint();
    if (length === undefined) return undefined;
    if (length.hi !== 0 || length.lo > 0x7fffffff) return this.fail('proto: negative length found during unmarshaling');
    const end = this.pos + length.lo;
    if (end > this.buf.length) return this.fail(UNEXPECTED_EOF);
    const bytes = this.buf.subarray(this.pos, end);
    this.pos = end;
    return bytes;
  }

  /** 8 or 4 raw little-endian bytes (FIXED64, FIXED32). */
  fixed(size: 4 | 8): DataView | undefined {
    if (this.pos + size > this.buf.length) return this.fail(UNEXPECTED_EOF);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, size);
    this.pos += size;
    return view;
  }

  /** Skips a field of an unknown number, as gogo's `skipGenerated` does. */
  skip(wire: number): boolean {
    switch (wire) {
      case VARINT:
        return this.varint() !== undefined;
      case FIXED64:
        return this.fixed(8) !== undefined;
      case LENGTH_DELIMITED:
        return this.bytes() !== undefined;
      case FIXED32:
        return this.fixed(4) !== undefined;
      default:
        this.error = `proto: illegal wireType ${wire}`;
        return false;
    }
  }

  private fail(message: string): undefined {
    this.error = message;
    return undefined;
  }
}

/** Go's `int32(v)`: the low 32 bits, signed. */
export function toInt32(v: Varint): number {
  return v.lo | 0;
}

/** Go's `int64(v)` as a JavaScript number (exact up to 2^53). */
export function toInt64(v: Varint): number {
  if (v.hi & 0x80000000) return -((~v.hi >>> 0) * 2 ** 32 + (~v.lo >>> 0) + 1);
  return v.hi * 2 ** 32 + v.lo;
}

/** Go's `uint64(v)` as a JavaScript number (exact up to 2^53). */
export function toUint64(v: Varint): number {
  return v.hi * 2 ** 32 + v.lo;
}
