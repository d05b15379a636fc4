/**
 * The continue token of a paged list (k8s.io/apiserver/pkg/storage/continue.go): unpadded
 * base64url of `{"v":"meta.k8s.io/v1","rv":<revision>,"start":"<next key>"}`, where the start key
 * is relative to the list's key prefix. A token names the snapshot (rv) and where the next page
 * starts; rv -1 (handed out after a compaction) means "continue at the latest revision".
 */

/** The version a token is encoded with. */
const TOKEN_VERSION = 'meta.k8s.io/v1';

/** Every decoding failure starts with this (storage.ErrGenericInvalidKey). */
const INVALID_KEY = 'continue key is not valid';

/** A decoded continue token: the absolute key to start from and the revision to read at. */
export interface ContinuePoint {
  fromKey: string;
  /** The list's revision; -1: the latest. Never 0. */
  revision: number;
}

/** A token, or why it is not one (upstream's error text, without the caller's prefix). */
export type DecodedContinue = { ok: true; value: ContinuePoint } | { ok: false; message: string };

/** Encodes the continuation at `key` (which must be under `keyPrefix`) of a list read at `revision` (EncodeContinue). */
export function encodeContinue(key: string, keyPrefix: string, revision: number): string {
  if (!key.startsWith(keyPrefix) || key.length === keyPrefix.length) {
    throw new Error(`unable to encode next field: the key and key prefix do not match ${keyPrefix} ${key}`);
  }
  const json = JSON.stringify({ v: TOKEN_VERSION, rv: revision, start: key.slice(keyPrefix.length) });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Decodes a token for a list over `keyPrefix` (DecodeContinue), refusing keys that climb out of it. */
export function decodeContinue(token: string, keyPrefix: string): DecodedContinue {
  const bytes = decodeRawUrlBase64(token);
  if (typeof bytes === 'string') return invalid(`${INVALID_KEY}: ${bytes}`);
  const parsed = parseToken(bytes.toString('utf8'));
  if (typeof parsed === 'string') return invalid(`${INVALID_KEY}: ${parsed}`);
  if (parsed.v !== TOKEN_VERSION) {
    return invalid(`${INVALID_KEY}: server does not recognize this encoded version ${parsed.v}`);
  }
  if (parsed.rv === 0) return invalid(`${INVALID_KEY}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
  if (parsed.start === '') return invalid(`${INVALID_KEY}: encoded start key empty (version meta.k8s.io/v1)`);
  const key = parsed.start.startsWith('/') ? parsed.start : `/${parsed.start}`;
  if (cleanPath(key) !== key) return invalid(`${INVALID_KEY}: ${parsed.start}`);
  return { ok: true, value: { fromKey: keyPrefix + key.slice(1), revision: parsed.rv } };
}

function invalid(message: string): DecodedContinue {
  return { ok: false, message };
}

/** The token's fields, as Go's json.Unmarshal into continueToken fills them (absent: zero values). */
function parseToken(text: string): { v: string; rv: number; start: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return goJsonSyntaxError(text);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `json: cannot unmarshal ${goJsonType(value)} into Go value of type storage.continueToken`;
  }
  const fields = value as Record<string, unknown>;
  const v = fields['v'] ?? '';
  const rv = fields['rv'] ?? 0;
  const start = fields['start'] ?? '';
  if (typeof v !== 'string') return unmarshalField(v, 'v', 'string');
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv)) return unmarshalField(rv, 'rv', 'int64');
  if (typeof start !== 'string') return unmarshalField(start, 'start', 'string');
  return { v, rv, start };
}

function unmarshalField(value: unknown, field: string, type: string): string {
  const what = typeof value === 'number' ? `number ${String(value)}` : goJsonType(value);
  return `json: cannot unmarshal ${what} into Go struct field continueToken.${field} of type ${type}`;
}

function goJsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** encoding/json's message for text that is not JSON (the common cases). */
function goJsonSyntaxError(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed === '') return 'unexpected end of JSON input';
  const first = trimmed[0]!;
  if (!'{["-0123456789tfn'.includes(first)) return `invalid character ${goQuoteChar(first)} looking for beginning of value`;
  return 'unexpected end of JSON input';
}

function goQuoteChar(char: string): string {
  return char === "'" ? "'\\''" : `'${char}'`;
}

/** base64.RawURLEncoding.DecodeString: strict unpadded base64url, or Go's error text. */
function decodeRawUrlBase64(text: string): Buffer | string {
  for (let i = 0; i < text.length; i++) {
    if (!/[A-Za-z0-9_-]/.test(text[i]!)) return `illegal base64 data at input byte ${i}`;
  }
  if (text.length % 4 === 1) return `illegal base64 data at input byte ${text.length - 1}`;
  return Buffer.from(text, 'base64url');
}

/** Go's path.Clean for an absolute path: no `.`/`..` segments, no doubled or trailing slashes. */
function cleanPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}
