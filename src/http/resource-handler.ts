/**
 * The REST verbs on resource paths, mapped onto the in-process ApiClient: GET (get, list, watch,
 * with Tables when asked), POST (create, and subresources such as `pods/<name>/binding`), PUT
 * (update, `status`), PATCH (merge, strategic, json) and DELETE (one object or a collection).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '../api/status.js';
import type { KubeObject } from '../api/types.js';
import type { ApiClient, DeleteOptions, PatchOptions, PatchType, UpdateOptions } from '../apiserver/types.js';
import { managerOrUserAgent } from '../apiserver/managed-fields-user-agent.js';
import { toServedList, toServedVersion } from '../apiserver/conversion.js';
import { validateWatchOptions } from '../apiserver/list-paging-options.js';
import type { Clock } from '../clock/types.js';
import { decodeJson, isJsonObject, isProtobufBody, mediaType, readBody } from './body.js';
import { listOptions, queryFlag, undecodableListQuery } from './list-query.js';
import { methodNotAllowed, pathNotFound, unsupportedMediaType, writeJson, writeStatus } from './respond.js';
import { clientResourceName, type ResourceRoute } from './route.js';
import { acceptsTable, includeObjectOf, toTable } from './table.js';
import { serveWatch } from './watch.js';
import { decodeProtobufDeleteOptions, decodeProtobufObject } from './protobuf/request.js';
import { handleScale, SCALABLE_KINDS } from './scale.js';
import { servePodLog, type PodLogSource } from './pod-log.js';
import type { ComponentStateSource } from './legacy-core.js';

/** The patch Content-Types served, and the ApiClient patch type of each. */
const PATCH_TYPES: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** What every resource handler needs. */
export interface HandlerContext {
  api: ApiClient;
  clock: Clock;
  /** Where pod logs come from (`GET …/pods/<name>/log`); without it that path is not served. */
  logs?: PodLogSource;
  /** The control plane's component states, which `componentstatuses` reports; without it every component counts as running. */
  componentStates?: ComponentStateSource;
}

/** The object as the route's version shows it (the URL names the version; objects are stored in another). */
function served(route: ResourceRoute, object: KubeObject): KubeObject {
  return toServedVersion(route.info, object, route.version);
}

/** dryRun and fieldManager; a write naming no manager is managed by its User-Agent's prefix (`kubectl`), as kube-apiserver records it. */
function writeOptions(query: URLSearchParams, req: IncomingMessage): UpdateOptions {
  const options: UpdateOptions = {};
  if (query.getAll('dryRun').includes('All')) options.dryRun = true;
  const fieldManager = managerOrUserAgent(query.get('fieldManager'), req.headers['user-agent']);
  if (fieldManager) options.fieldManager = fieldManager;
  return options;
}

/** Serves one request on a resource path. */
export async function handleResource(
  ctx: HandlerContext,
  route: ResourceRoute,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const { api } = ctx;
  const resource = clientResourceName(route.info);
  const { namespace, name, subresource } = route;
  // A namespaced object is reached only through its namespace.
  if (name !== undefined && route.info.namespaced && namespace === '') return writeStatus(res, pathNotFound());
  if (subresource === 'scale' && name !== undefined && SCALABLE_KINDS.has(route.info.kind)) {
    return handleScale(api, { ...route, name }, PATCH_TYPES[mediaType(req.headers['content-type'])], req, res);
  }
  if (subresource === 'log' && name !== undefined && route.info.kind === 'Pod' && req.method === 'GET' && ctx.logs !== undefined) {
    return servePodLog(ctx.logs, namespace, name, query, res);
  }
  if (subresource !== undefined && subresource !== 'status' && req.method !== 'POST') return writeStatus(res, pathNotFound());

  switch (req.method) {
    case 'GET': {
      const table = acceptsTable(req.headers.accept) ? { include: includeObjectOf(query.get('includeObject')) } : undefined;
      const undecodable = name === undefined ? undecodableListQuery(query) : undefined;
      if (undecodable) return writeStatus(res, undecodable);
      if (name === undefined && queryFlag(query.get('watch'))) {
        const timeout = Number(query.get('timeoutSeconds') ?? '');
        const options = { ...listOptions(query), resourceVersion: query.get('resourceVersion') ?? '' };
        const invalidOptions = validateWatchOptions(options);
        if (invalidOptions) return writeStatus(res, invalidOptions);
        const refused = serveWatch(api, ctx.clock, route, {
          options,
          allowBookmarks: queryFlag(query.get('allowWatchBookmarks')),
          ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutSeconds: timeout } : {}),
          ...(table ? { table } : {}),
        }, res);
        if (refused) writeStatus(res, refused);
        return;
      }
      if (name === undefined) {
        const listed = api.list(resource, namespace, listOptions(query));
        if (!listed.ok) return writeStatus(res, listed.status);
        if (!table) return writeJson(res, 200, toServedList(route.info, listed.value, route.version));
        const printed = toTable(route.info.kind, listed.value.items, {
          now: ctx.clock.now(),
          resourceVersion: listed.value.metadata.resourceVersion,
          include: table.include,
        });
        // A Table carries the list's ListMeta: continue and remainingItemCount too.
        return writeJson(res, 200, { ...printed, metadata: listed.value.metadata });
      }
      const got = api.get(resource, namespace, name);
      if (!got.ok) return writeStatus(res, got.status);
      if (!table) return writeJson(res, 200, served(route, got.value));
      return writeJson(res, 200, toTable(route.info.kind, [got.value], {
        now: ctx.clock.now(),
        resourceVersion: got.value.metadata.resourceVersion ?? '',
        include: table.include,
      }));
    }
    case 'POST': {
      if (name !== undefined && subresource === undefined) return writeStatus(res, methodNotAllowed('POST'));
      const body = await readObject(req, route);
      if (!body.ok) return writeStatus(res, body.status);
      const object = body.value;
      const bodyNamespace = object.metadata?.namespace;
      if (route.info.namespaced && subresource === undefined && bodyNamespace && bodyNamespace !== namespace) {
        return writeStatus(res, badRequest('the namespace of the provided object does not match the namespace sent on the request'));
      }
      const target = subresource === undefined ? resource : `${route.info.resource}/${subresource}`;
      const created = api.create(target, namespace, object, writeOptions(query, req));
      if (!created.ok) return writeStatus(res, created.status);
      return writeJson(res, 201, served(route, created.value));
    }
    case 'PUT': {
      if (name === undefined) return writeStatus(res, methodNotAllowed('PUT'));
      const body = await readObject(req, route);
      if (!body.ok) return writeStatus(res, body.status);
      const object = body.value;
      const bodyName = object.metadata?.name;
      if (bodyName !== undefined && bodyName !== name) {
        return writeStatus(res, badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`));
      }
      const options = writeOptions(query, req);
      if (subresource === 'status') options.subresource = 'status';
      const updated = api.update(resource, namespace, object, options);
      if (!updated.ok) return writeStatus(res, updated.status);
      return writeJson(res, 200, served(route, updated.value));
    }
    case 'PATCH': {
      if (name === undefined) return writeStatus(res, methodNotAllowed('PATCH'));
      const type = PATCH_TYPES[mediaType(req.headers['content-type'])];
      if (type === undefined) {
        return writeStatus(res, unsupportedMediaType(req.headers['content-type'] ?? '', Object.keys(PATCH_TYPES)));
      }
      const body = await readBody(req);
      if (!body.ok) return writeStatus(res, body.status);
      // An apply body is YAML (JSON included), decoded by the server; the others are JSON.
      const patch = type === 'apply' ? { ok: true as const, value: body.value.toString('utf8') } : decodeJson(body.value);
      if (!patch.ok) return writeStatus(res, patch.status);
      const options: PatchOptions = writeOptions(query, req);
      if (subresource === 'status') options.subresource = 'status';
      if (route.version !== route.info.version) options.version = route.version;
      // An apply names its manager itself (kube-apiserver refuses one without), and may be forced.
      if (type === 'apply') {
        const fieldManager = query.get('fieldManager');
        if (fieldManager) options.fieldManager = fieldManager;
        else delete options.fieldManager;
        if (query.get('force') === 'true') options.force = true;
      }
      // An apply that creates answers 201; calls are synchronous, so nothing happens in between.
      const created = type === 'apply' && !api.get(resource, namespace, name).ok;
      const patched = api.patch(resource, namespace, name, type, patch.value, options);
      if (!patched.ok) return writeStatus(res, patched.status);
      return writeJson(res, created ? 201 : 200, served(route, patched.value));
    }
    case 'DELETE': {
      const options = await readDeleteOptions(req, query);
      if (!options.ok) return writeStatus(res, options.status);
      if (name === undefined) return deleteCollection(ctx, route, query, options.value, res);
      const deleted = api.delete(resource, namespace, name, options.value);
      if (!deleted.ok) return writeStatus(res, deleted.status);
      return writeDeleted(ctx, route, deleted.value, options.value, res);
    }
    default:
      return writeStatus(res, methodNotAllowed(req.method ?? ''));
  }
}

type Decoded<T> = { ok: true; value: T } | { ok: false; status: ReturnType<typeof badRequest> };

/** Reads an object body (create, update): JSON, or protobuf from kubectl's typed clients. */
async function readObject(req: IncomingMessage, route: ResourceRoute): Promise<Decoded<KubeObject>> {
  const body = await readBody(req);
  if (!body.ok) return body;
  const { group, kind } = route.info;
  const decoded = isProtobufBody(req.headers['content-type'])
    ? decodeProtobufObject(body.value, { apiVersion: group === '' ? route.version : `${group}/${route.version}`, kind })
    : decodeJson(body.value);
  if (!decoded.ok) return decoded;
  if (!isJsonObject(decoded.value)) return { ok: false, status: badRequest('Object \'Kind\' is missing in \'' + body.value.toString('utf8') + '\'') };
  const object = decoded.value as Partial<KubeObject>;
  if (!isJsonObject(object.metadata)) object.metadata = {};
  return { ok: true, value: object as KubeObject };
}

/** DeleteOptions from the body (JSON or protobuf) and the query. */
async function readDeleteOptions(req: IncomingMessage, query: URLSearchParams): Promise<Decoded<DeleteOptions>> {
  const options: DeleteOptions = {};
  const body = await readBody(req);
  if (!body.ok) return body;
  if (body.value.length > 0) {
    const decoded = isProtobufBody(req.headers['content-type']) ? decodeProtobufDeleteOptions(body.value) : decodeJson(body.value);
    if (!decoded.ok) return decoded;
    if (isJsonObject(decoded.value)) {
      const v = decoded.value;
      if (typeof v['gracePeriodSeconds'] === 'number') options.gracePeriodSeconds = v['gracePeriodSeconds'];
      const policy = v['propagationPolicy'];
      if (policy === 'Orphan' || policy === 'Background' || policy === 'Foreground') options.propagationPolicy = policy;
      if (Array.isArray(v['dryRun']) && v['dryRun'].includes('All')) options.dryRun = true;
      if (isJsonObject(v['preconditions'])) options.preconditions = v['preconditions'] as DeleteOptions['preconditions'] & object;
    }
  }
  const grace = query.get('gracePeriodSeconds');
  if (grace !== null && Number.isInteger(Number(grace))) options.gracePeriodSeconds = Number(grace);
  const policy = query.get('propagationPolicy');
  if (policy === 'Orphan' || policy === 'Background' || policy === 'Foreground') options.propagationPolicy = policy;
  if (query.getAll('dryRun').includes('All')) options.dryRun = true;
  return { ok: true, value: options };
}

/**
 * 200 with a Success Status when the object is gone, 200 with the object when it lingers
 * (graceful deletion, finalizers), as kube-apiserver's DeleteResource answers; the object itself for a dry run.
 */
function writeDeleted(ctx: HandlerContext, route: ResourceRoute, object: KubeObject, options: DeleteOptions, res: ServerResponse): void {
  if (options.dryRun === true) return writeJson(res, 200, served(route, object));
  const name = object.metadata.name ?? '';
  const still = ctx.api.get(clientResourceName(route.info), route.namespace, name);
  if (still.ok && still.value.metadata.uid === object.metadata.uid) return writeJson(res, 200, served(route, still.value));
  const details: Record<string, string> = { name, group: route.info.group, kind: route.info.resource };
  if (object.metadata.uid !== undefined) details['uid'] = object.metadata.uid;
  return writeJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details });
}

/** `DELETE <collection>?labelSelector=…`: deletes every match, answers the list of what was deleted. */
function deleteCollection(ctx: HandlerContext, route: ResourceRoute, query: URLSearchParams, options: DeleteOptions, res: ServerResponse): void {
  const resource = clientResourceName(route.info);
  const undecodable = undecodableListQuery(query);
  if (undecodable) return writeStatus(res, undecodable);
  const listed = ctx.api.list(resource, route.namespace, listOptions(query));
  if (!listed.ok) return writeStatus(res, listed.status);
  const items: KubeObject[] = [];
  for (const item of listed.value.items) {
    const deleted = ctx.api.delete(resource, item.metadata.namespace ?? '', item.metadata.name ?? '', options);
    if (!deleted.ok && deleted.status.code !== 404) return writeStatus(res, deleted.status);
    if (deleted.ok) items.push(deleted.value);
  }
  return writeJson(res, 200, toServedList(route.info, { ...listed.value, items }, route.version));
}
