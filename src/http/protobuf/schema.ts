/**
 * Message schemas as data: each message of upstream's `generated.proto` is one string of fields,
 * in the order of the Go struct's fields (which is the order Go's JSON encoder writes them):
 *
 *   `<json>[(<GoName>)]:<number>:<type><modifiers>`
 *
 * `<type>` is a scalar (`string`, `bool`, `int32`, `int64`, `uint32`, `uint64`, `double`, `float`,
 * `bytes`) or a message, qualified (`meta.v1.Time`) or in the same package (`Container`).
 * Modifiers: `[]` repeated, `{}` a map from string keys, `*` a Go pointer (absent is nil, not the
 * zero value), `?` `omitempty` in the Go JSON tag, `^` an embedded struct whose fields are inlined.
 * `<GoName>` is given when it is not the JSON name capitalised; it names the field in errors.
 */
import { APPS_V1 } from './schemas/apps-v1.js';
import { BATCH_V1 } from './schemas/batch-v1.js';
import { CORE_V1_POD } from './schemas/core-v1-pod.js';
import { CORE_V1 } from './schemas/core-v1.js';
import { OTHER_GROUPS } from './schemas/groups.js';
import { META_V1, RUNTIME } from './schemas/meta-v1.js';

/** Messages by qualified name (`core.v1.Container`), each a string in the syntax above. */
export type SchemaTable = Readonly<Record<string, string>>;

/** Scalar protobuf types that appear in Kubernetes' messages. */
export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'double' | 'float' | 'bytes';

const SCALARS: ReadonlySet<string> = new Set<ScalarType>(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float', 'bytes']);

/** One field of a message. */
export interface FieldSpec {
  number: number;
  json: string;
  goName: string;
  /** A scalar type, or a message's qualified name. */
  type: string;
  scalar: boolean;
  repeated: boolean;
  map: boolean;
  pointer: boolean;
  omitEmpty: boolean;
  inline: boolean;
}

/** A message: its Go type name (for errors) and its fields in JSON order. */
export interface MessageSpec {
  name: string;
  goName: string;
  fields: readonly FieldSpec[];
  byNumber: ReadonlyMap<number, FieldSpec>;
}

/**
 * Messages whose JSON form is not an object of their fields (custom Go marshalers); the decoder
 * treats them itself (./well-known.ts).
 */
export const WELL_KNOWN = new Set([
  'meta.v1.Time',
  'meta.v1.MicroTime',
  'meta.v1.Duration',
  'meta.v1.FieldsV1',
  'resource.Quantity',
  'intstr.IntOrString',
  'runtime.RawExtension',
]);

const TABLE: SchemaTable = { ...RUNTIME, ...META_V1, ...CORE_V1, ...CORE_V1_POD, ...APPS_V1, ...BATCH_V1, ...OTHER_GROUPS };
const parsed = new Map<string, MessageSpec>();

/** The schema of a message by qualified name, or undefined when the playground has no table for it. */
export function messageSpec(name: string): MessageSpec | undefined {
  const cached = parsed.get(name);
  if (cached) return cached;
  const text = TABLE[name];
  if (text === undefined) return undefined;
  const pkg = name.slice(0, name.lastIndexOf('.'));
  const fields = text.split(' ').filter((part) => part !== '').map((part) => parseField(part, pkg, name));
  const spec: MessageSpec = {
    name,
    goName: name.slice(pkg.length + 1),
    fields,
    byNumber: new Map(fields.map((f) => [f.number, f])),
  };
  parsed.set(name, spec);
  return spec;
}

const FIELD = /^(\w+)(?:\((\w+)\))?:(\d+):([\w.]+)(\[\])?(\{\})?(\*)?(\?)?(\^)?$/;

function parseField(text: string, pkg: string, message: string): FieldSpec {
  const m = FIELD.exec(text);
  // A malformed table is a bug in the generated data, not a request error.
  if (!m) throw new Error(`bad protobuf schema field ${JSON.stringify(text)} in ${message}`);
  const [, json = '', goName, number = '', rawType = ''] = m;
  const scalar = SCALARS.has(rawType);
  return {
    number: Number(number),
    json,
    goName: goName ?? json.charAt(0).toUpperCase() + json.slice(1),
    type: scalar || rawType.includes('.') ? rawType : `${pkg}.${rawType}`,
    scalar,
    repeated: m[5] !== undefined,
    map: m[6] !== undefined,
    pointer: m[7] !== undefined,
    omitEmpty: m[8] !== undefined,
    inline: m[9] !== undefined,
  };
}

/**
 * The message of an object's kind: `apps/v1` `Deployment` → `apps.v1.Deployment`,
 * `networking.k8s.io/v1` `Ingress` → `networking.v1.Ingress`, `v1` `Pod` → `core.v1.Pod`; the
 * `DeleteOptions` that typed clients send as `v1` are meta/v1's.
 */
export function kindMessage(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (kind === 'DeleteOptions') return 'meta.v1.DeleteOptions';
  const pkg = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '');
  return `${pkg}.${version}.${kind}`;
}
