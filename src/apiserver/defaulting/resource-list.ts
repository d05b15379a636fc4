/**
 * Quantities in defaulted objects, written back as kube-apiserver writes them after a round trip
 * through resource.Quantity (src/api/quantity.ts): `cpu: 0.5` reads back as `500m` and
 * `memory: 1.5Gi` as `1536Mi`. Values that do not parse are left for validation to report.
 */
import { quantityFromJson, quantityToString, roundUpQuantity } from '../../api/quantity.js';

/** SetDefaults_ResourceList rounds to milli-units (`const milliScale = -3`). */
const MILLI_SCALE = -3;

/** A Quantity field (`emptyDir.sizeLimit`, a metric target) in canonical form, or the value unchanged when it is not a quantity. */
export function canonicalQuantityField(value: unknown): unknown {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const parsed = quantityFromJson(value);
  return parsed.ok ? quantityToString(parsed.value) : value;
}

/**
 * SetDefaults_ResourceList: every quantity of a ResourceList (`limits`, `requests`, `capacity`, …)
 * rounded up to milli-units and written canonically, in place.
 */
export function defaultResourceList(list: unknown): void {
  if (typeof list !== 'object' || list === null || Array.isArray(list)) return;
  const members = list as Record<string, unknown>;
  for (const [name, value] of Object.entries(members)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const parsed = quantityFromJson(value);
    if (parsed.ok) members[name] = quantityToString(roundUpQuantity(parsed.value, MILLI_SCALE));
  }
}
