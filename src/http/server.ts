/**
 * The HTTP front of the playground's kube-apiserver: plain HTTP on 127.0.0.1 that real `kubectl`
 * talks to. It is a client like any other component: every request becomes an ApiClient call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { internalError } from '../api/status.js';
import type { ApiClient } from '../apiserver/types.js';
import type { Clock } from '../clock/types.js';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  OPENAPI_V2_CONTENT_TYPE,
  OPENAPI_V2_PROTOBUF,
  servedGroups,
  VERSION_INFO,
  type DiscoveredGroup,
} from './discovery.js';
import { writeDiscoveryRoot } from './aggregated-discovery.js';
import { availableApiServiceGroups, isMetricsPath, serveMetricsApi } from './metrics-api.js';
import { isOpenApiV3Path, serveOpenApiV3 } from './openapi-v3.js';
import { isLegacyCorePath, serveLegacyCore, type ComponentStateSource } from './legacy-core.js';
import { handleResource, type HandlerContext } from './resource-handler.js';
import type { PodLogSource } from './pod-log.js';
import { methodNotAllowed, pathNotFound, writeJson, writeStatus } from './respond.js';
import { parseRoute } from './route.js';

/** Options of {@link startApiFront}. */
export interface ApiFrontOptions {
  api: ApiClient;
  clock: Clock;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Always loopback unless a caller has a reason: the front has no authentication. */
  host?: string;
  /** Where `GET …/pods/<name>/log` reads from (the cluster); without it `kubectl logs` gets 404. */
  logs?: PodLogSource;
  /** The control plane's component states, which `componentstatuses` reports (the cluster's `component(name)?.state`). */
  componentStates?: ComponentStateSource;
}

/** A listening front. */
export interface ApiFront {
  /** The port it listens on (the real one when 0 was asked). */
  port: number;
  /** `http://127.0.0.1:<port>`, the kubeconfig's server. */
  url: string;
  /** Stops listening and drops open connections (watches included). */
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound, or rejects with the listen error (port in use). */
export function startApiFront(options: ApiFrontOptions): Promise<ApiFront> {
  const host = options.host ?? '127.0.0.1';
  const ctx: HandlerContext = { api: options.api, clock: options.clock };
  if (options.logs !== undefined) ctx.logs = options.logs;
  if (options.componentStates !== undefined) ctx.componentStates = options.componentStates;
  const server: Server = createServer((req, res) => {
    handle(ctx, req, res).catch((error: unknown) => failSafe(res, error));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** A bug in a handler answers 500 rather than taking the process down. */
function failSafe(res: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (!res.headersSent) writeStatus(res, internalError(message));
  else res.destroy();
}

async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (isLegacyCorePath(path)) return serveLegacyCore(ctx, path, req, res, url.searchParams);
  if (isMetricsPath(path)) return serveMetricsApi(ctx, path, req, res, url.searchParams);
  if (isOpenApiV3Path(path) && (req.method === 'GET' || req.method === 'HEAD')) return serveOpenApiV3(path, url.searchParams, res);
  const nonResource = nonResourceAnswer(path, req, availableApiServiceGroups(ctx.api));
  if (nonResource !== undefined) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return writeStatus(res, methodNotAllowed(req.method ?? ''));
    return nonResource(res);
  }
  const route = parseRoute(path);
  switch (route.kind) {
    case 'resourceList': {
      const list = apiResourceList(route.group, route.version);
      if (list === undefined) return writeStatus(res, pathNotFound());
      return writeJson(res, 200, list);
    }
    case 'resource':
      return handleResource(ctx, route.route, req, res, url.searchParams);
    case 'notFound':
      return writeStatus(res, pathNotFound());
  }
}

/** The non-resource endpoints: version, discovery roots, OpenAPI v2, health checks. */
function nonResourceAnswer(path: string, req: IncomingMessage, aggregated: readonly DiscoveredGroup[]): ((res: ServerResponse) => void) | undefined {
  const accept = req.headers.accept;
  switch (path) {
    case '/version':
      return (res) => writeJson(res, 200, VERSION_INFO);
    case '/api':
      return (res) => writeDiscoveryRoot(res, '/api', accept, servedGroups(aggregated), () => apiVersions(req.socket.localAddress === undefined ? '127.0.0.1' : `${req.socket.localAddress}:${req.socket.localPort ?? 0}`));
    case '/apis':
      return (res) => writeDiscoveryRoot(res, '/apis', accept, servedGroups(aggregated), () => apiGroupList(aggregated));
    case '/openapi/v2':
      return (res) => {
        res.writeHead(200, { 'Content-Type': OPENAPI_V2_CONTENT_TYPE, 'Content-Length': OPENAPI_V2_PROTOBUF.length });
        res.end(OPENAPI_V2_PROTOBUF);
      };
    case '/healthz':
    case '/livez':
    case '/readyz':
      return (res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
      };
  }
  const group = /^\/apis\/([^/]+)$/.exec(path)?.[1];
  if (group !== undefined) {
    const document = apiGroup(group);
    if (document !== undefined) return (res) => writeJson(res, 200, document);
  }
  return undefined;
}
