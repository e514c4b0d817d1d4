/** Expected failures (a bad file, a refused tally) are answers, not exceptions. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; errors: E[] };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function fail<E>(errors: E[]): Result<never, E> {
  return { ok: false, errors };
}

/** What a failure says, as one text for a notice: its messages, one a line. */
export function failureText(failure: { errors: readonly string[] }): string {
  return failure.errors.join('\n');
}
