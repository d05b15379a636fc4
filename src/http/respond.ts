/** Writing JSON answers and `Status` failures, as kube-apiserver's response writers do. */
import type { ServerResponse } from 'node:http';
import type { Status } from '../api/status.js';

/** Writes `body` as JSON with `code`. */
export function writeJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Writes a failed Status with its own code as the HTTP status. */
export function writeStatus(res: ServerResponse, status: Status): void {
  writeJson(res, status.code, status);
}

/** 404 for a path nothing serves (`the server could not find the requested resource`). */
export function pathNotFound(): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: {},
    code: 404,
  };
}

/** 415 for a PATCH whose Content-Type is not a patch format the server accepts. */
export function unsupportedMediaType(contentType: string, accepted: readonly string[]): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    reason: 'UnsupportedMediaType',
    details: { causes: [{ reason: 'UnsupportedMediaType', message: contentType }] },
    code: 415,
  };
}

/** 405 for a verb a path does not serve. */
export function methodNotAllowed(method: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the server does not allow this method on the requested resource (${method})`,
    reason: 'MethodNotAllowed',
    details: {},
    code: 405,
  };
}
