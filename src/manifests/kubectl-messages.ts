/** Error lines worded the way kubectl prints a server's refusal of an applied object. */
import type { Status } from '../api/status.js';

/** What was being done when the server refused: kubectl says `creating` or `applying patch`. */
export interface ApplyFailure {
  file: string;
  name: string;
  namespace: string;
  kind: string;
  status: Status;
}

/** The message kubectl prints for a refused apply. */
export function kubectlErrorMessage(failure: ApplyFailure): string {
  const { status } = failure;
  if (status.code === 404 && status.message?.startsWith('no matches for kind')) {
    return (
      `error: resource mapping not found for name: "${failure.name}" namespace: "${failure.namespace}" from "${failure.file}": ` +
      `${status.message}\nensure CRDs are installed first`
    );
  }
  if (status.reason === 'Invalid' && status.details?.causes && status.details.causes.length > 0) {
    const causes = status.details.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    const subject = `The ${status.details.kind ?? failure.kind} "${status.details.name ?? failure.name}" is invalid: `;
    return causes.length === 1 ? subject + causes[0] : `${subject}\n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  const reason = status.reason ? ` (${status.reason})` : '';
  return `Error from server${reason}: error when applying "${failure.file}": ${status.message ?? 'unknown error'}`;
}
