/**
 * The field manager of a write that names none (handlers/rest.go managerOrUserAgent): the part of
 * the User-Agent before the first `/`, printable characters only, at most 128 bytes. kubectl's
 * `kubectl/v1.32.4 (linux/amd64) kubernetes/…` makes `kubectl`, which is what `kubectl scale`,
 * `cordon` and other commands that send no fieldManager are recorded as.
 */

/** validation.FieldManagerMaxLength. */
export const FIELD_MANAGER_MAX_LENGTH = 128;

/** `manager` when set, else the User-Agent's prefix (empty when there is no User-Agent). */
export function managerOrUserAgent(manager: string | null | undefined, userAgent: string | undefined): string {
  if (manager !== null && manager !== undefined && manager !== '') return manager;
  const prefix = (userAgent ?? '').split('/')[0] ?? '';
  let out = '';
  let bytes = 0;
  for (const char of prefix) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(char)) continue;
    const size = Buffer.byteLength(char);
    if (bytes + size > FIELD_MANAGER_MAX_LENGTH) break;
    out += char;
    bytes += size;
  }
  return out;
}
