/**
 * The watch cache's trigger fields (the Cacher's IndexerFuncs / TriggerPublisherFunc): fields a
 * watcher's field selector can pin to one value, so that an event is offered only to the
 * watchers of its object's value. Pods are triggered by `spec.nodeName` (every kubelet watches
 * its own node's pods; the scheduler watches `spec.nodeName=`); every kind by `metadata.name`.
 */
import type { KubeObject } from '../api/types.js';
import { parseFieldSelector, requiresExactMatch } from '../api/field-selector.js';
import { convertFieldSelector } from '../api/field-labels.js';
import type { ResourceInfo } from './registry.js';

/** A field the watch cache buckets watchers by: its field-selector name and how an object's value is read. */
export interface TriggerField {
  readonly field: string;
  read(object: KubeObject): string;
}

/** A watcher's pinned value of one trigger field. */
export interface WatchTrigger {
  readonly field: TriggerField;
  readonly value: string;
}

const METADATA_NAME: TriggerField = {
  field: 'metadata.name',
  read: (object) => object.metadata.name ?? '',
};

const SPEC_NODE_NAME: TriggerField = {
  field: 'spec.nodeName',
  read: (object) => {
    const nodeName = (object.spec as { nodeName?: unknown } | undefined)?.nodeName;
    return typeof nodeName === 'string' ? nodeName : '';
  },
};

/** The trigger fields of a resource, most selective first. */
export function triggerFields(info: ResourceInfo): readonly TriggerField[] {
  return info.group === '' && info.kind === 'Pod' ? [METADATA_NAME, SPEC_NODE_NAME] : [METADATA_NAME];
}

/**
 * The trigger a watch's field selector pins with an `=` or `==` term (aliases such as a pod's
 * `spec.host` count), or undefined when it pins none and the watcher must see every event.
 * The selector has already been validated by the watch's filter.
 */
export function watchTrigger(info: ResourceInfo, fieldSelector: string | undefined): WatchTrigger | undefined {
  if (!fieldSelector) return undefined;
  const parsed = parseFieldSelector(fieldSelector);
  if (!parsed.ok) return undefined;
  const converted = convertFieldSelector(parsed.value, info.group, info.kind);
  if (!converted.ok) return undefined;
  for (const field of triggerFields(info)) {
    const value = requiresExactMatch(converted.value, field.field);
    if (value !== undefined) return { field, value };
  }
  return undefined;
}
