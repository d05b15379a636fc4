/**
 * The envelope around every Kubernetes protobuf body: the magic prefix `k8s\0`, then a
 * `runtime.Unknown` holding the TypeMeta and the raw bytes of the typed object
 * (k8s.io/apimachinery/pkg/runtime/serializer/protobuf).
 */
import { decodeMessage } from './decode.js';
import { LENGTH_DELIMITED, WireReader } from './wire.js';

/** `k8s\0`, upstream's `protoEncodingPrefix`. */
export const PROTOBUF_PREFIX: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

/** runtime.Unknown: the object's apiVersion and kind, and its encoded bytes. */
export interface Unknown {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

/** Unwraps the envelope, with the serializer's own errors (`empty data`, `empty body`, bad prefix). */
export function decodeUnknown(body: Uint8Array): { ok: true; value: Unknown } | { ok: false; error: string } {
  if (body.length === 0) return { ok: false, error: 'empty data' };
  if (body.length < PROTOBUF_PREFIX.length || PROTOBUF_PREFIX.some((b, i) => body[i] !== b)) {
    return { ok: false, error: `provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_PREFIX.join(' ')}]` };
  }
  if (body.length === PROTOBUF_PREFIX.length) return { ok: false, error: 'empty body' };
  const reader = new WireReader(body.subarray(PROTOBUF_PREFIX.length));
  const unknown: Unknown = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const names = ['', 'TypeMeta', 'Raw', 'ContentEncoding', 'ContentType'];
  while (!reader.done) {
    const tag = reader.tag('Unknown');
    if (tag === undefined) return { ok: false, error: reader.error ?? '' };
    const name = names[tag.field];
    if (name === undefined) {
      if (!reader.skip(tag.wire)) return { ok: false, error: reader.error ?? '' };
      continue;
    }
    if (tag.wire !== LENGTH_DELIMITED) return { ok: false, error: `proto: wrong wireType = ${tag.wire} for field ${name}` };
    const bytes = reader.bytes();
    if (bytes === undefined) return { ok: false, error: reader.error ?? '' };
    const text = (): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    switch (tag.field) {
      case 1: {
        const meta = decodeMessage('runtime.TypeMeta', bytes);
        if (!meta.ok) return meta;
        const { apiVersion, kind } = meta.value as { apiVersion?: string; kind?: string };
        unknown.apiVersion = apiVersion ?? '';
        unknown.kind = kind ?? '';
        break;
      }
      case 2:
        unknown.raw = bytes;
        break;
      case 3:
        unknown.contentEncoding = text();
        break;
      case 4:
        unknown.contentType = text();
        break;
    }
  }
  return { ok: true, value: unknown };
}
