/**
 * OpenAPI v3 as kube-apiserver serves it (`/openapi/v3` and `/openapi/v3/<api|apis/g>/<v>`), cut
 * down to what kubectl 1.29+ reads: one PATCH operation per kind on its item path, carrying its
 * `x-kubernetes-group-version-kind`, a `fieldValidation` query parameter and the patch media types.
 * kubectl then leaves validation to the server (`fieldValidation=Strict`) and takes patch
 * metadata for client-side apply from its built-in types. No schemas are served: partial ones
 * would make every client-side apply update print a warning (KUBECTL-API.md §5.1).
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { BUILT_IN_GROUPS, VERSION_INFO, type DiscoveredResource } from './discovery.js';
import { pathNotFound, writeStatus } from './respond.js';

const ROOT = '/openapi/v3';

/** Whether a path (without query or trailing slash) is an OpenAPI v3 document. */
export function isOpenApiV3Path(path: string): boolean {
  return path === ROOT || path.startsWith(`${ROOT}/`);
}

/** `CoreV1`, `AppsV1`, `CoordinationV1`, `RbacAuthorizationV1`: the operationId infix upstream derives from a group-version. */
function operationGroupVersion(group: string, version: string): string {
  const words = group === '' ? ['core'] : group.replace(/\.k8s\.io$/, '').split('.');
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') + version.charAt(0).toUpperCase() + version.slice(1);
}

const stringParameter = (name: string, where: 'path' | 'query', required = false): object => ({
  name,
  in: where,
  ...(required ? { required: true } : {}),
  schema: { type: 'string', uniqueItems: true },
});

/** The PATCH operation on a kind's item path. */
function patchPath(prefix: string, resource: DiscoveredResource): [string, object] {
  const path = resource.namespaced ? `${prefix}/namespaces/{namespace}/${resource.resource}/{name}` : `${prefix}/${resource.resource}/{name}`;
  const scope = resource.namespaced ? 'Namespaced' : '';
  const schema = { type: 'object' };
  return [
    path,
    {
      parameters: [stringParameter('name', 'path', true), ...(resource.namespaced ? [stringParameter('namespace', 'path', true)] : [])],
      patch: {
        description: `partially update the specified ${resource.kind}`,
        operationId: `patch${operationGroupVersion(resource.group, resource.version)}${scope}${resource.kind}`,
        parameters: [
          stringParameter('dryRun', 'query'),
          stringParameter('fieldManager', 'query'),
          stringParameter('fieldValidation', 'query'),
          { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
        ],
        requestBody: {
          content: {
            'application/apply-patch+yaml': { schema },
            'application/json-patch+json': { schema },
            'application/merge-patch+json': { schema },
            'application/strategic-merge-patch+json': { schema },
          },
          required: true,
        },
        responses: { '200': { description: 'OK' }, '201': { description: 'Created' }, '401': { description: 'Unauthorized' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: resource.group, version: resource.version, kind: resource.kind },
      },
    },
  ];
}

interface Document {
  body: string;
  hash: string;
}

/** Every group-version document, by its path under `/openapi/v3/` (`api/v1`, `apis/apps/v1`). */
const DOCUMENTS: ReadonlyMap<string, Document> = new Map(
  BUILT_IN_GROUPS.flatMap((group) =>
    group.versions.map(({ version, resources }): [string, Document] => {
      const key = group.name === '' ? `api/${version}` : `apis/${group.name}/${version}`;
      const document = {
        openapi: '3.0.0',
        info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
        paths: Object.fromEntries(resources.map((resource) => patchPath(`/${key}`, resource))),
        components: { schemas: {} },
      };
      const body = JSON.stringify(document);
      return [key, { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() }];
    }),
  ),
);

const ROOT_BODY = JSON.stringify({
  paths: Object.fromEntries([...DOCUMENTS].map(([key, doc]) => [key, { serverRelativeURL: `${ROOT}/${key}?hash=${doc.hash}` }])),
});

function write(res: ServerResponse, body: string, headers: Record<string, string>): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/**
 * Answers `GET /openapi/v3` (the index of group-version documents) or one document; a request
 * carrying the current `hash` is marked immutable, as upstream does, so kubectl's HTTP cache keeps it.
 */
export function serveOpenApiV3(path: string, query: URLSearchParams, res: ServerResponse): void {
  if (path === ROOT) return write(res, ROOT_BODY, {});
  const doc = DOCUMENTS.get(path.slice(ROOT.length + 1));
  if (doc === undefined) return writeStatus(res, pathNotFound());
  const cache = query.get('hash') === doc.hash ? { 'Cache-Control': 'public, immutable' } : { 'Cache-Control': 'no-cache, private' };
  return write(res, doc.body, { ETag: `"${doc.hash}"`, ...cache });
}
