/**
 * How ingress-nginx picks a backend for a request (networking.k8s.io/v1 Ingress semantics): rules
 * whose host matches (exactly, or a `*.` wildcard for one label) or have no host; among their
 * paths the longest match wins, Exact before Prefix; Prefix matches whole path elements
 * (`/foo` matches `/foo` and `/foo/bar`, not `/foobar`); otherwise the Ingress's defaultBackend.
 */
import type { KubeObject } from '../api/types.js';

/** An Ingress backend that names a Service. */
export interface IngressServiceBackend {
  service?: { name: string; port?: { number?: number; name?: string } };
}

/** A networking.k8s.io/v1 Ingress, as the controller reads it. */
export interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressServiceBackend;
    rules?: {
      host?: string;
      http?: { paths?: { path?: string; pathType?: string; backend: IngressServiceBackend }[] };
    }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** The backend chosen for a request. */
export interface IngressMatch {
  ingress: Ingress;
  namespace: string;
  serviceName: string;
  port: { number?: number; name?: string };
}

/** Whether a rule host matches a request host. */
export function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (ruleHost === undefined || ruleHost === '') return true;
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
  }
  return ruleHost === host;
}

/** Whether an Ingress path matches a request path; its match length when it does (-1 if not). */
export function pathMatchLength(path: string, pathType: string | undefined, requestPath: string): number {
  if (pathType === 'Exact') return path === requestPath ? path.length : -1;
  const want = path.split('/').filter((p) => p !== '');
  const got = requestPath.split('/').filter((p) => p !== '');
  if (want.length > got.length) return -1;
  for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) return -1;
  return path.replace(/\/$/, '').length;
}

/** The backend of `host` + `path` among `ingresses` (those of the controller's class). */
export function matchIngress(ingresses: readonly Ingress[], host: string, path: string): IngressMatch | undefined {
  let best: { match: IngressMatch; length: number; exact: boolean; specificHost: boolean } | undefined;
  for (const ingress of ingresses) {
    const namespace = ingress.metadata.namespace ?? 'default';
    for (const rule of ingress.spec?.rules ?? []) {
      if (!hostMatches(rule.host, host)) continue;
      const specificHost = rule.host !== undefined && rule.host !== '';
      for (const p of rule.http?.paths ?? []) {
        const length = pathMatchLength(p.path ?? '/', p.pathType, path);
        const service = p.backend.service;
        if (length < 0 || service === undefined) continue;
        const exact = p.pathType === 'Exact';
        const better =
          best === undefined ||
          (specificHost && !best.specificHost) ||
          (specificHost === best.specificHost && (length > best.length || (length === best.length && exact && !best.exact)));
        if (better) best = { match: { ingress, namespace, serviceName: service.name, port: service.port ?? {} }, length, exact, specificHost };
      }
    }
  }
  if (best !== undefined) return best.match;
  for (const ingress of ingresses) {
    const service = ingress.spec?.defaultBackend?.service;
    if (service !== undefined) return { ingress, namespace: ingress.metadata.namespace ?? 'default', serviceName: service.name, port: service.port ?? {} };
  }
  return undefined;
}

/** Whether some Ingress has a rule for exactly this host (so a URL with it goes to the controller). */
export function servesHost(ingresses: readonly Ingress[], host: string): boolean {
  return ingresses.some((i) => (i.spec?.rules ?? []).some((r) => r.host !== undefined && r.host !== '' && hostMatches(r.host, host)));
}
