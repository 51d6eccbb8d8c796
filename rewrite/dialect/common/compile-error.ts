// How a dialect compiler says no: a CompileError becomes an 'error' plan answered with its SQLSTATE. 0A000 is
// for what the backend cannot express (never a silently different result); other codes mirror what Postgres
// itself would answer (42P01 unknown relation, 42703 unknown column, 42883 unknown function, …).

export class CompileError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** For 0A000: the construct refused ("INTERSECT ALL", "function pg_advisory_lock", "type money"). */
    readonly construct?: string,
  ) {
    super(message);
  }
}

/** A refusal naming the construct; each dialect's entry point says which backend cannot run it (unsupportedMessage). */
export function unsupported(what: string): CompileError {
  return new CompileError('0A000', `${what} is not supported`, what);
}

/** The client-facing message of a CompileError: a 0A000 names the construct and the backend kind. */
export function errorMessage(err: CompileError, backend: string): string {
  return err.code === '0A000' && err.construct !== undefined ? `${err.construct} is not supported on a ${backend} tenant` : err.message;
}

export function undefinedTable(name: string): CompileError {
  return new CompileError('42P01', `relation "${name}" does not exist`);
}

export function undefinedColumn(name: string): CompileError {
  return new CompileError('42703', `column ${name} does not exist`);
}

export function ambiguousColumn(name: string): CompileError {
  return new CompileError('42702', `column reference "${name}" is ambiguous`);
}

export function undefinedFunction(signature: string): CompileError {
  return new CompileError('42883', `function ${signature} does not exist`);
}

export function datatypeMismatch(message: string): CompileError {
  return new CompileError('42804', message);
}
