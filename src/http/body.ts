/**
 * Reading and decoding request bodies, with kube-apiserver's limit (3 MiB,
 * `MaxRequestBodyBytes`) and its 400 for bodies that do not decode.
 */
import type { IncomingMessage } from 'node:http';
import { fail, ok, type Result } from '../api/result.js';
import { badRequest, requestEntityTooLarge } from '../api/status.js';

/** kube-apiserver's default `--max-request-body-bytes`: 3 MiB. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body; 413 once it passes {@link MAX_REQUEST_BODY_BYTES} (the rest is drained and dropped). */
export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<Result<Buffer>> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) done(fail(requestEntityTooLarge(`limit is ${limit}`)));
      else done(ok(Buffer.concat(chunks)));
    });
    req.on('error', (error) => done(fail(badRequest(`error reading request body: ${error.message}`))));
  });
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Whether a body is a Kubernetes protobuf envelope (`k8s\0`), decoded by ./protobuf/request.ts. */
export function isProtobufBody(contentType: string | undefined): boolean {
  return mediaType(contentType) === 'application/vnd.kubernetes.protobuf';
}

/**
 * Decodes a JSON body; a 400 with the decoder's message when it is not JSON, as kube-apiserver's
 * `couldn't get version/kind; json parse error: …` does.
 */
export function decodeJson(body: Buffer): Result<unknown> {
  const text = body.toString('utf8');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return fail(badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`));
  }
}

/** Whether a decoded body is a JSON object (not an array, string, number or null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
