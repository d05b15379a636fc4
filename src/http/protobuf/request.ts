/**
 * Protobuf request bodies (`Content-Type: application/vnd.kubernetes.protobuf`), which kubectl
 * ≥ 1.32 sends from its typed clients (`kubectl create deployment|configmap|secret|…`,
 * `autoscale`, `debug`, drain's DELETE), decoded into the JSON object the same request would
 * have carried as JSON, with kube-apiserver's errors for bodies that do not decode.
 */
import { fail, ok, type Result } from '../../api/result.js';
import { badRequest, type Status } from '../../api/status.js';
import { decodeMessage } from './decode.js';
import { decodeUnknown } from './envelope.js';
import { kindMessage, messageSpec } from './schema.js';

/** The kind the request path serves, used when the envelope leaves its TypeMeta empty. */
export interface ExpectedKind {
  apiVersion: string;
  kind: string;
}

/**
 * Decodes an enveloped protobuf body into a JSON object with `kind` and `apiVersion` first.
 * 400 when it does not decode (upstream's `transformDecodeError` wording); 415 for a kind the
 * playground has no message table for.
 */
export function decodeProtobufObject(body: Uint8Array, expected: ExpectedKind): Result<Record<string, unknown>> {
  const envelope = decodeUnknown(body);
  if (!envelope.ok) {
    return fail(badRequest(`the object provided is unrecognized (must be of type ${expected.kind}): ${envelope.error} (${summarizeData(body)})`));
  }
  const apiVersion = envelope.value.apiVersion || expected.apiVersion;
  const kind = envelope.value.kind || expected.kind;
  const message = kindMessage(apiVersion, kind);
  if (messageSpec(message) === undefined) return fail(unsupportedKind(apiVersion, kind));
  const decoded = decodeMessage(message, envelope.value.raw);
  if (!decoded.ok) {
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    return fail(badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${expected.kind}: ${decoded.error}`));
  }
  return ok({ kind, apiVersion, ...(decoded.value as Record<string, unknown>) });
}

/** A DeleteOptions body (`meta.k8s.io/v1`; typed clients label it `v1`) as its JSON object. */
export function decodeProtobufDeleteOptions(body: Uint8Array): Result<Record<string, unknown>> {
  return decodeProtobufObject(body, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' });
}

/** 415 for a protobuf body of a kind without a message table, saying how to send it as JSON. */
function unsupportedKind(apiVersion: string, kind: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      `the playground cannot decode protobuf request bodies of kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}; ` +
      'send it as JSON instead, e.g. `kubectl create … --dry-run=client -o json | kubectl create -f -`',
    reason: 'UnsupportedMediaType',
    details: { kind, causes: [{ reason: 'UnsupportedMediaType', message: 'application/vnd.kubernetes.protobuf' }] },
    code: 415,
  };
}

/** upstream's `summarizeData(body, 30)`: the start of a body for an error message. */
function summarizeData(data: Uint8Array, maxLength = 30): string {
  if (data.length === 0) return '<empty>';
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, maxLength));
  const text = data[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return data.length > maxLength ? `${text} ...` : text;
}
