/**
 * Quantities as the printers show them: resource.Quantity.String() of a value read from a map
 * such as `spec.capacity` or `status.used`, where a missing key is Go's zero Quantity.
 */
import { quantityFromJson, quantityToString } from '../api/quantity.js';

/**
 * `q.String()` for `q := m[name]`: the canonical form (`10Gi`, `400m`), `0` when the key is
 * missing. A value the API server would not have stored prints as written.
 */
export function quantityString(value: unknown): string {
  if (value === undefined || value === null) return '0';
  const quantity = quantityFromJson(value);
  return quantity.ok ? quantityToString(quantity.value) : String(value);
}
