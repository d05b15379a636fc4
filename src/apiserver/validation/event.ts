/**
 * Events (legacyValidateEvent, the only validation core/v1 Events get): the involved object's
 * namespace agrees with the event's, and events with an eventTime carry their reporting fields.
 * Core Events' names are not validated, as upstream.
 */
import { invalidValue, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, stringAt } from './access.js';
import { metaOf } from './metadata.js';
import { isDNS1123Subdomain, isQualifiedName } from './names.js';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

function tooLongText(errs: Errors, value: string, limit: number, path: string): void {
  if (value.length > limit) errs.push(invalidValue(path, '', `can have at most ${limit} characters`));
}

/** legacyValidateEvent, for create and update alike. */
export function validateEvent(errs: Errors, event: Json): void {
  const meta = metaOf(errs, event);
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  const involved = asObject(event.involvedObject) ?? {};
  const involvedNamespace = stringAt(errs, involved, 'involvedObject', 'namespace') ?? '';
  const mismatch = (): void => void errs.push(invalidValue('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'));
  if (!event.eventTime) {
    if (involvedNamespace === '') {
      if (namespace !== '' && namespace !== 'default') mismatch();
    } else if (namespace !== involvedNamespace) mismatch();
  } else {
    if (involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system') mismatch();
    const controller = stringAt(errs, event, '', 'reportingComponent') ?? '';
    if (controller === '') errs.push(required('reportingComponent', ''));
    for (const msg of isQualifiedName(controller)) errs.push(invalidValue('reportingComponent', controller, msg));
    const instance = stringAt(errs, event, '', 'reportingInstance') ?? '';
    if (instance === '') errs.push(required('reportingInstance', ''));
    tooLongText(errs, instance, REPORTING_INSTANCE_LIMIT, 'reportingInstance');
    const action = stringAt(errs, event, '', 'action') ?? '';
    if (action === '') errs.push(required('action', ''));
    tooLongText(errs, action, ACTION_LIMIT, 'action');
    const reason = stringAt(errs, event, '', 'reason') ?? '';
    if (reason === '') errs.push(required('reason', ''));
    tooLongText(errs, reason, REASON_LIMIT, 'reason');
    tooLongText(errs, stringAt(errs, event, '', 'message') ?? '', NOTE_LIMIT, 'message');
  }
  for (const msg of isDNS1123Subdomain(namespace)) errs.push(invalidValue('namespace', namespace, msg));
}
