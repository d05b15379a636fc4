/**
 * Defaults of a container and what it holds (SetDefaults_Container, SetDefaults_Probe,
 * SetDefaults_HTTPGetAction, SetDefaults_ObjectFieldSelector, the declarative `TCP` port protocol
 * and gRPC service, and SetDefaults_ResourceList on its resources), as the generated
 * SetObjectDefaults_* functions apply them to containers, init containers and ephemeral containers.
 */
import { defaultImagePullPolicy } from '../../api/image-name.js';
import type { Fields } from './fields.js';
import { child, defaultInt, defaultPointer, defaultString, ensureChild, items } from './fields.js';
import { canonicalQuantityField, defaultResourceList } from './resource-list.js';

/** v1.TerminationMessagePathDefault. */
export const TERMINATION_MESSAGE_PATH_DEFAULT = '/dev/termination-log';

/** SetDefaults_HTTPGetAction: path `/`, scheme `HTTP`. */
function defaultHTTPGetAction(handler: Fields | undefined): void {
  const httpGet = handler ? child(handler, 'httpGet') : undefined;
  if (!httpGet) return;
  defaultString(httpGet, 'path', '/');
  defaultString(httpGet, 'scheme', 'HTTP');
}

/** SetDefaults_Probe plus its handler: timeout 1 s, period 10 s, success 1, failure 3. */
function defaultProbe(probe: Fields | undefined): void {
  if (!probe) return;
  defaultInt(probe, 'timeoutSeconds', 1);
  defaultInt(probe, 'periodSeconds', 10);
  defaultInt(probe, 'successThreshold', 1);
  defaultInt(probe, 'failureThreshold', 3);
  defaultHTTPGetAction(probe);
  const grpc = child(probe, 'grpc');
  if (grpc) defaultPointer(grpc, 'service', '');
}

/**
 * SetDefaults_ObjectFieldSelector (`apiVersion: v1`) and, for a resourceFieldRef, the canonical
 * divisor (a zero Quantity is written as `"0"`): shared by env and downward API items.
 */
export function defaultDownwardSelectors(holder: Fields): void {
  const fieldRef = child(holder, 'fieldRef');
  if (fieldRef) defaultString(fieldRef, 'apiVersion', 'v1');
  const resourceFieldRef = child(holder, 'resourceFieldRef');
  if (resourceFieldRef) {
    const divisor = resourceFieldRef.divisor;
    resourceFieldRef.divisor = divisor === undefined || divisor === null || divisor === '' ? '0' : canonicalQuantityField(divisor);
  }
}

/** Defaults one container, init container or ephemeral container. */
export function defaultContainer(container: Fields): void {
  if (typeof container.image === 'string') defaultString(container, 'imagePullPolicy', defaultImagePullPolicy(container.image));
  else defaultString(container, 'imagePullPolicy', 'IfNotPresent');
  defaultString(container, 'terminationMessagePath', TERMINATION_MESSAGE_PATH_DEFAULT);
  defaultString(container, 'terminationMessagePolicy', 'File');
  for (const port of items(container, 'ports')) defaultString(port, 'protocol', 'TCP');
  for (const env of items(container, 'env')) {
    const valueFrom = child(env, 'valueFrom');
    if (valueFrom) defaultDownwardSelectors(valueFrom);
  }
  const resources = ensureChild(container, 'resources');
  defaultResourceList(resources.limits);
  defaultResourceList(resources.requests);
  defaultProbe(child(container, 'livenessProbe'));
  defaultProbe(child(container, 'readinessProbe'));
  defaultProbe(child(container, 'startupProbe'));
  const lifecycle = child(container, 'lifecycle');
  if (lifecycle) {
    defaultHTTPGetAction(child(lifecycle, 'postStart'));
    defaultHTTPGetAction(child(lifecycle, 'preStop'));
  }
}
