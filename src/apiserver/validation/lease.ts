/**
 * Leases (pkg/apis/coordination/validation): a DNS subdomain name, a positive duration and a
 * non-negative transition count.
 */
import { forbiddenField, invalidValue } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { intAt, objectAt, stringAt } from './access.js';
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { nameIsDNSSubdomain } from './names.js';

/** ValidateLease. */
export function validateLeaseCreate(errs: Errors, lease: Json): void {
  validateObjectMeta(errs, metaOf(errs, lease), nameIsDNSSubdomain);
  const spec = objectAt(errs, lease, '', 'spec') ?? {};
  const duration = intAt(errs, spec, 'spec', 'leaseDurationSeconds');
  if (duration !== undefined && duration <= 0) errs.push(invalidValue('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  const transitions = intAt(errs, spec, 'spec', 'leaseTransitions');
  if (transitions !== undefined && transitions < 0) errs.push(invalidValue('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'));
  stringAt(errs, spec, 'spec', 'holderIdentity');
  const preferred = stringAt(errs, spec, 'spec', 'preferredHolder');
  if (preferred && !stringAt(errs, spec, 'spec', 'strategy')) {
    errs.push(forbiddenField('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
}

/** ValidateLeaseUpdate. */
export function validateLeaseUpdate(errs: Errors, lease: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, lease), metaOf([], old));
  validateLeaseCreate(errs, lease);
}
