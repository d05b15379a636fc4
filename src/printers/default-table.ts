/**
 * kube-apiserver's default table convertor (k8s.io/apiserver rest.NewDefaultTableConvertor): what
 * a built-in kind without a printer in printers.go answers, NAME and CREATED AT. LimitRange is
 * such a kind. Custom resources without printer columns get NAME AGE instead.
 */
import type { KubeObject } from '../api/types.js';
import { rfc3339 } from '../api/time.js';
import { parseTime } from './age.js';
import { column, creationTimestampDoc, nameColumn, type Cell, type KindPrinter } from './columns.js';

/** Go's zero time.Time in RFC 3339, what a missing creationTimestamp prints as. */
const zeroTime = '0001-01-01T00:00:00Z';

/**
 * `m.GetCreationTimestamp().Time.UTC().Format(time.RFC3339)`: whole seconds, `Z`; Go's zero
 * time for a missing timestamp.
 */
export function createdAt(timestamp: string | null | undefined): string {
  const ms = parseTime(timestamp);
  return ms === undefined ? zeroTime : rfc3339(ms);
}

/** The default table convertor: NAME CREATED AT (type `date`, an RFC 3339 timestamp). */
export const defaultTableConvertorPrinter: KindPrinter = {
  columns: [nameColumn, column('Created At', 'date', creationTimestampDoc)],
  cells(object: KubeObject): Cell[] {
    return [object.metadata.name ?? '', createdAt(object.metadata.creationTimestamp)];
  },
};
