/**
 * ListOptions from a request's query, as kube-apiserver's ParameterCodec decodes them: the
 * selectors, paging and resourceVersion fields, the query flags and integers as Go decodes them, and
 * the 400 for an integer that does not decode.
 */
import type { Status } from '../api/status.js';
import { badRequest } from '../api/status.js';
import type { ListOptions } from '../apiserver/types.js';

/** `labelSelector` and `fieldSelector` (empty ones are no selector). */
export function selectorOptions(query: URLSearchParams): ListOptions {
  const options: ListOptions = {};
  const labelSelector = query.get('labelSelector');
  const fieldSelector = query.get('fieldSelector');
  if (labelSelector) options.labelSelector = labelSelector;
  if (fieldSelector) options.fieldSelector = fieldSelector;
  return options;
}

/** The selectors plus `limit`, `continue`, `resourceVersion` and `resourceVersionMatch`. */
export function listOptions(query: URLSearchParams): ListOptions {
  const options = selectorOptions(query);
  const limit = Number(query.get('limit') ?? '');
  if (Number.isInteger(limit) && limit > 0) options.limit = limit;
  for (const key of ['continue', 'resourceVersion', 'resourceVersionMatch'] as const) {
    const value = query.get(key);
    if (value) options[key] = value;
  }
  return options;
}

/** The 400 for a `timeoutSeconds` or `limit` that does not decode (ParameterCodec.DecodeParameters, in ListOptions' field order). */
export function undecodableListQuery(query: URLSearchParams): Status | undefined {
  for (const key of ['timeoutSeconds', 'limit']) {
    const decoded = queryInt64(query.get(key));
    if (typeof decoded === 'object') return decoded;
  }
  return undefined;
}

/**
 * Convert_Slice_string_To_bool, how query flags (`watch`, `allowWatchBookmarks`) decode: true
 * unless absent, `0` or `false` in any case — an empty value is true.
 */
export function queryFlag(value: string | null): boolean {
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Convert_Slice_string_To_int64 (`limit`, `timeoutSeconds`): undefined when absent; a value
 * strconv.ParseInt refuses is the 400 kube-apiserver answers for undecodable query parameters.
 */
export function queryInt64(value: string | null): number | undefined | Status {
  if (value === null) return undefined;
  const quoted = JSON.stringify(value);
  if (!/^[+-]?\d+$/.test(value)) return badRequest(`strconv.ParseInt: parsing ${quoted}: invalid syntax`);
  const parsed = BigInt(value);
  if (parsed > 2n ** 63n - 1n || parsed < -(2n ** 63n)) return badRequest(`strconv.ParseInt: parsing ${quoted}: value out of range`);
  return Number(parsed);
}
