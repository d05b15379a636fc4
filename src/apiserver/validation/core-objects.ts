/**
 * Namespaces, Nodes and ServiceAccounts (ValidateNamespace, ValidateNode, ValidateNodeUpdate,
 * ValidateServiceAccount). Node taints are reported under `metadata.taints`, as upstream does.
 */
import { child, forbiddenField, index, invalidValue, notSupported, required } from '../../api/field-errors.js';
import { quantityFromJson, quantityToString } from '../../api/quantity.js';
import type { Errors, Json } from './access.js';
import { asObject, objectAt, objectsAt, stringAt, stringsAt } from './access.js';
import { duplicateGo, goPointer } from './go-value.js';
import { validateLabelName } from './labels.js';
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validateCIDR } from './network.js';
import { TAINT_EFFECTS } from './scheduling.js';

/** ValidateNamespace: a DNS label name; spec.finalizers standard or qualified. */
export function validateNamespaceCreate(errs: Errors, ns: Json): void {
  validateObjectMeta(errs, metaOf(errs, ns), nameIsDNSLabel);
  const spec = objectAt(errs, ns, '', 'spec') ?? {};
  for (const f of stringsAt(errs, spec, 'spec', 'finalizers')) {
    for (const msg of isQualifiedName(f)) errs.push(invalidValue('spec.finalizers', f, msg));
    if (!f.includes('/') && f !== 'kubernetes') {
      errs.push(invalidValue('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
}

/** ValidateNamespaceUpdate: metadata only. */
export function validateNamespaceUpdate(errs: Errors, ns: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, ns), metaOf([], old));
}

/** ValidateServiceAccount: metadata only (a DNS subdomain name). */
export function validateServiceAccountCreate(errs: Errors, sa: Json): void {
  validateObjectMeta(errs, metaOf(errs, sa), nameIsDNSSubdomain);
}

/** ValidateServiceAccountUpdate. */
export function validateServiceAccountUpdate(errs: Errors, sa: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, sa), metaOf([], old));
  validateServiceAccountCreate(errs, sa);
}

/** validateNodeTaints: key, value, effect, and unique by key and effect. */
function validateNodeTaints(errs: Errors, spec: Json): void {
  const seen = new Set<string>();
  objectsAt(errs, spec, 'spec', 'taints').forEach((taint, i) => {
    if (!taint) return;
    const p = index('metadata.taints', i);
    const taintKey = stringAt(errs, taint, p, 'key') ?? '';
    const value = stringAt(errs, taint, p, 'value') ?? '';
    const effect = stringAt(errs, taint, p, 'effect') ?? '';
    validateLabelName(errs, taintKey, child(p, 'key'));
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(invalidValue(child(p, 'value'), value, msgs.join(';')));
    if (effect === '') errs.push(required(child(p, 'effect'), ''));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(p, 'effect'), effect, TAINT_EFFECTS));
    const id = `${effect}\u0000${taintKey}`;
    if (seen.has(id)) {
      const shown = `core.Taint{Key:${JSON.stringify(taintKey)}, Value:${JSON.stringify(value)}, Effect:${JSON.stringify(effect)}, TimeAdded:${goPointer('v1.Time', Boolean(taint.timeAdded))}}`;
      errs.push(duplicateGo(p, shown, 'taints must be unique by key and effect pair'));
      return;
    }
    seen.add(id);
  });
}

function validateNodeResources(errs: Errors, node: Json): void {
  const status = asObject(node.status) ?? {};
  for (const list of ['capacity', 'allocatable']) {
    for (const [name, raw] of Object.entries(asObject(status[list]) ?? {})) {
      const q = quantityFromJson(raw);
      const p = `status.${list}.${name}`;
      if (!q.ok) errs.push(invalidValue(p, raw, q.message));
      else if (q.value.nanos < 0n) errs.push(invalidValue(p, quantityToString(q.value), 'must be greater than or equal to 0'));
    }
  }
}

function validateNodeSpec(errs: Errors, node: Json): Json {
  const spec = objectAt(errs, node, '', 'spec') ?? {};
  validateNodeTaints(errs, spec);
  validateNodeResources(errs, node);
  const cidrs = stringsAt(errs, spec, 'spec', 'podCIDRs');
  cidrs.forEach((c, i) => errs.push(...validateCIDR(index('spec.podCIDRs', i), c)));
  return spec;
}

/** ValidateNode: a DNS subdomain name, valid taints and pod CIDRs. */
export function validateNodeCreate(errs: Errors, node: Json): void {
  validateObjectMeta(errs, metaOf(errs, node), nameIsDNSSubdomain);
  validateNodeSpec(errs, node);
}

/** ValidateNodeUpdate: podCIDRs and providerID may only go from unset to set. */
export function validateNodeUpdate(errs: Errors, node: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, node), metaOf([], old));
  const spec = validateNodeSpec(errs, node);
  const oldSpec = asObject(old.spec) ?? {};
  const oldCIDRs = stringsAt([], oldSpec, 'spec', 'podCIDRs');
  const cidrs = stringsAt([], spec, 'spec', 'podCIDRs');
  if (oldCIDRs.length > 0 && (oldCIDRs.length !== cidrs.length || oldCIDRs.some((c, i) => c !== cidrs[i]))) {
    errs.push(forbiddenField('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  const providerID = typeof oldSpec.providerID === 'string' ? oldSpec.providerID : '';
  if (providerID !== '' && providerID !== spec.providerID) {
    errs.push(forbiddenField('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
}
