// Errors raised by the pgf_* functions. better-sqlite3 rethrows the very Error object a user function
// threw (not a wrapper), so `code` (the SQLSTATE) reaches the connector's catch unchanged.

export type PgError = Error & { code: string };

export function pgError(code: string, message: string): PgError {
  const error = new Error(message) as PgError;
  error.code = code;
  return error;
}

export function invalidInput(typeName: string, value: string): PgError {
  return pgError('22P02', `invalid input syntax for type ${typeName}: "${value}"`);
}

export function divisionByZero(): PgError {
  return pgError('22012', 'division by zero');
}

export function outOfRange(message: string): PgError {
  return pgError('22003', message);
}

/** True when `error` carries a SQLSTATE (thrown by these functions). */
export function isPgError(error: unknown): error is PgError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
