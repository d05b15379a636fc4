/**
 * The outcome of parsing or applying something that can fail for expected reasons (a selector, a
 * quantity, a patch): the value, or the error text upstream would give. The API server turns the
 * text into a `Status` (usually 400 BadRequest); it is never thrown.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** A successful parse. */
export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failed parse with the upstream error text. */
export function parseError<T = never>(message: string): ParseResult<T> {
  return { ok: false, message };
}
