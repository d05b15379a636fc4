/**
 * Probes and lifecycle hooks (validateProbe, validateHandler, validateLifecycle): exactly one
 * handler, valid ports, non-negative timings, and the per-probe rules on successThreshold.
 */
import { child, forbiddenField, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { arrayAt, intAt, intOrStringAt, objectAt, objectsAt, stringAt } from './access.js';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from './names.js';

/** ValidatePortNumOrName: a port number 1–65535 or an IANA_SVC_NAME. */
export function validatePortNumOrName(errs: Errors, port: number | string | undefined, path: string): void {
  if (typeof port === 'string') for (const msg of isValidPortName(port)) errs.push(invalidValue(path, port, msg));
  else for (const msg of isValidPortNum(port ?? 0)) errs.push(invalidValue(path, port ?? 0, msg));
}

type Handler = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

function validateAction(errs: Errors, kind: Handler, action: Json, path: string, gracePeriod: number | undefined): void {
  switch (kind) {
    case 'exec':
      if ((arrayAt(errs, action, path, 'command') ?? []).length === 0) errs.push(required(child(path, 'command'), ''));
      break;
    case 'httpGet': {
      stringAt(errs, action, path, 'path');
      validatePortNumOrName(errs, intOrStringAt(errs, action, path, 'port'), child(path, 'port'));
      const scheme = stringAt(errs, action, path, 'scheme');
      if (scheme !== undefined && scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(path, 'scheme'), scheme, ['HTTP', 'HTTPS']));
      for (const header of objectsAt(errs, action, path, 'httpHeaders')) {
        const name = typeof header?.name === 'string' ? header.name : '';
        for (const msg of isHTTPHeaderName(name)) errs.push(invalidValue(child(path, 'httpHeaders'), name, msg));
      }
      break;
    }
    case 'tcpSocket':
      validatePortNumOrName(errs, intOrStringAt(errs, action, path, 'port'), child(path, 'port'));
      break;
    case 'grpc':
      validatePortNumOrName(errs, intAt(errs, action, path, 'port') ?? 0, child(path, 'port'));
      break;
    case 'sleep': {
      const seconds = intAt(errs, action, path, 'seconds') ?? 0;
      // AllowPodLifecycleSleepActionZeroValue is alpha (off) in v1.32: a zero sleep is refused.
      if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
        const detail = `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`;
        errs.push(invalidValue(path, seconds, detail));
      }
      break;
    }
  }
}

/** validateHandler: exactly one of the handler kinds allowed here. */
function validateHandler(errs: Errors, handler: Json, kinds: readonly Handler[], path: string, gracePeriod: number | undefined): void {
  let count = 0;
  for (const kind of kinds) {
    if (handler[kind] === undefined || handler[kind] === null) continue;
    if (count > 0) {
      errs.push(forbiddenField(child(path, kind), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const action = objectAt(errs, handler, path, kind);
    if (action) validateAction(errs, kind, action, child(path, kind), gracePeriod);
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
}

const PROBE_HANDLERS: readonly Handler[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS: readonly Handler[] = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

/** The three probes of a container. */
export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** validateLivenessProbe / validateReadinessProbe / validateStartupProbe, when the probe is set. */
export function validateProbe(errs: Errors, container: Json, kind: ProbeKind, path: string, gracePeriod: number | undefined): void {
  const probe = objectAt(errs, container, path, kind);
  if (!probe) return;
  const p = child(path, kind);
  validateHandler(errs, probe, PROBE_HANDLERS, p, gracePeriod);
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const value = intAt(errs, probe, p, field);
    if (value !== undefined && value < 0) errs.push(invalidValue(child(p, field), value, 'must be greater than or equal to 0'));
  }
  const probeGrace = intAt(errs, probe, p, 'terminationGracePeriodSeconds');
  if (probeGrace !== undefined && probeGrace <= 0) errs.push(invalidValue(child(p, 'terminationGracePeriodSeconds'), probeGrace, 'must be greater than 0'));
  const successThreshold = typeof probe.successThreshold === 'number' ? probe.successThreshold : 1;
  if (kind !== 'readinessProbe' && successThreshold !== 1) {
    errs.push(invalidValue(child(p, 'successThreshold'), successThreshold, 'must be 1'));
  }
  if (kind === 'readinessProbe' && probeGrace !== undefined) {
    errs.push(invalidValue(child(p, 'terminationGracePeriodSeconds'), probeGrace, 'must not be set for readinessProbes'));
  }
}

/** validateLifecycle: postStart and preStop handlers. */
export function validateLifecycle(errs: Errors, container: Json, path: string, gracePeriod: number | undefined): void {
  const lifecycle = objectAt(errs, container, path, 'lifecycle');
  if (!lifecycle) return;
  const p = child(path, 'lifecycle');
  for (const hook of ['postStart', 'preStop']) {
    const handler = objectAt(errs, lifecycle, p, hook);
    if (handler) validateHandler(errs, handler, LIFECYCLE_HANDLERS, child(p, hook), gracePeriod);
  }
}
