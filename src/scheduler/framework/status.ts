/**
 * framework.Status: what every plugin returns instead of throwing — a code, the reasons (shown to
 * users in `0/N nodes are available: …`), and the plugin that produced it. Success is `undefined`,
 * as a nil *Status is in Go, so the hot filter loop allocates nothing for nodes that pass.
 */

/** framework.Code. */
export type StatusCode = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

/** An immutable plugin verdict. */
export class Status {
  constructor(
    readonly code: StatusCode,
    readonly reasons: readonly string[] = [],
    /** The plugin that returned it (Status.Plugin). */
    readonly plugin = '',
  ) {
    Object.freeze(this);
  }

  /** Status.Message: the reasons joined by ", ". */
  message(): string {
    return this.reasons.join(', ');
  }

  /** Status.IsRejected: Unschedulable, UnschedulableAndUnresolvable or Pending. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending';
  }

  /** Status.IsSkip. */
  isSkip(): boolean {
    return this.code === 'Skip';
  }

  /** The same status attributed to a plugin (Status.WithPlugin). */
  withPlugin(plugin: string): Status {
    return plugin === this.plugin ? this : new Status(this.code, this.reasons, plugin);
  }
}

/** A status; `undefined` stands for Success. */
export type MaybeStatus = Status | undefined;

/** The shared Skip status a PreFilter or PreScore returns to opt out for this pod. */
export const SKIP = new Status('Skip');

/** framework.AsStatus: an unexpected failure (an Error status with the error's text). */
export function errorStatus(message: string, plugin = ''): Status {
  return new Status('Error', [message], plugin);
}
