/**
 * ListOptions from a request's query, as kube-apiserver's ParameterCodec decodes them: the
 * selectors, paging and resourceVersion fields, and the 400 for an integer that does not decode.
 */
import type { Status } from '../api/status.js';
import type { ListOptions } from '../apiserver/types.js';
import { queryInt64 } from '../apiserver/list-paging-options.js';

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
