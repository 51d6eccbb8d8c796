// SQL Server errors → Postgres errors, by error number as a table. The server's message is kept (it names
// the object); a Postgres-like detail is added where it is cheap to read from the message.
import mssql from 'mssql';
import { PgFailure } from '../sqlite/pg-failure.js';

type Mapping = { readonly code: string; readonly refine?: (message: string) => string };

const DATE_CONVERSION = /date|time/i;

/** SQL Server error number → SQLSTATE. */
export const MSSQL_ERRORS: ReadonlyMap<number, Mapping> = new Map<number, Mapping>([
  [2627, { code: '23505' }], // Violation of PRIMARY KEY / UNIQUE KEY constraint
  [2601, { code: '23505' }], // Cannot insert duplicate key row … with unique index
  [1505, { code: '23505' }], // CREATE UNIQUE INDEX found duplicate keys
  [515, { code: '23502' }], // Cannot insert the value NULL into column
  [547, { code: '23503', refine: (m) => (/CHECK constraint/i.test(m) ? '23514' : '23503') }], // FOREIGN KEY / REFERENCE / CHECK conflict
  [1205, { code: '40P01' }], // chosen as the deadlock victim
  [3960, { code: '40001' }], // snapshot isolation update conflict
  [208, { code: '42P01' }], // Invalid object name
  [4902, { code: '42P01' }], // Cannot find the object (ALTER TABLE)
  [3701, { code: '42P01' }], // Cannot drop … because it does not exist
  [4104, { code: '42P01' }], // The multi-part identifier could not be bound
  [207, { code: '42703' }], // Invalid column name
  [4924, { code: '42703' }], // ALTER TABLE ALTER COLUMN: column does not exist
  [209, { code: '42702' }], // Ambiguous column name
  [102, { code: '42601' }], // Incorrect syntax near
  [156, { code: '42601' }], // Incorrect syntax near the keyword
  [2714, { code: '42P07' }], // There is already an object named
  [1913, { code: '42P07' }], // index … already exists
  [2705, { code: '42701' }], // Column names in each table must be unique
  [195, { code: '42883' }], // is not a recognized built-in function name
  [2812, { code: '42883' }], // Could not find stored procedure
  [8116, { code: '42883' }], // Argument data type is invalid for argument of function
  [402, { code: '42883' }], // data types … are incompatible in the … operator
  [206, { code: '42804' }], // Operand type clash
  [4145, { code: '42804' }], // non-boolean type specified in a context where a condition is expected
  [8120, { code: '42803' }], // not contained in an aggregate function or the GROUP BY clause
  [512, { code: '21000' }], // Subquery returned more than 1 value
  [8672, { code: '21000' }], // MERGE attempted to UPDATE or DELETE the same row more than once (ON CONFLICT DO UPDATE twice)
  [130, { code: '42803' }], // Cannot perform an aggregate function on an expression containing an aggregate
  [8127, { code: '42P10' }], // Column … is invalid in the ORDER BY clause (SELECT DISTINCT)
  [10744, { code: '2201W' }], // The number of rows provided for a FETCH clause must be greater then zero
  [530, { code: '54001' }], // The maximum recursion … has been exhausted
  [8134, { code: '22012' }], // Divide by zero
  [8115, { code: '22003' }], // Arithmetic overflow
  [220, { code: '22003' }], // Arithmetic overflow for data type
  [232, { code: '22003' }], // Arithmetic overflow for type
  [245, { code: '22P02', refine: (m) => (DATE_CONVERSION.test(m) ? '22007' : '22P02') }], // Conversion failed
  [8114, { code: '22P02', refine: (m) => (DATE_CONVERSION.test(m) ? '22007' : '22P02') }], // Error converting data type
  [241, { code: '22007' }], // Conversion failed when converting date and/or time
  [242, { code: '22008' }], // conversion … resulted in an out-of-range value (datetime)
  [517, { code: '22008' }], // Adding a value to a datetime column caused an overflow
  [2628, { code: '22001' }], // String or binary data would be truncated in table
  [8152, { code: '22001' }], // String or binary data would be truncated
  [544, { code: '428C9' }], // Cannot insert explicit value for identity column
  [8101, { code: '428C9' }], // explicit value for the identity column … only when a column list is used and IDENTITY_INSERT is ON
  [1222, { code: '55P03' }], // Lock request time out period exceeded
  [1204, { code: '53200' }], // cannot obtain a LOCK resource
  [9002, { code: '53100' }], // transaction log is full
  [1105, { code: '53100' }], // Could not allocate space (filegroup full)
  [3902, { code: '25P01' }], // COMMIT TRANSACTION has no corresponding BEGIN TRANSACTION
  [3903, { code: '25P01' }], // ROLLBACK TRANSACTION has no corresponding BEGIN TRANSACTION
  [6401, { code: '3B001' }], // Cannot roll back … No transaction or savepoint of that name was found
  [3930, { code: '25P02' }], // The current transaction cannot be committed
  [3726, { code: '2BP01' }], // Could not drop object … referenced by a FOREIGN KEY constraint
  [5074, { code: '2BP01' }], // The object … is dependent on column
  [229, { code: '42501' }], // permission was denied on the object
  [230, { code: '42501' }], // permission was denied on the column
  [262, { code: '42501' }], // permission denied in database
  [2760, { code: '3F000' }], // The specified schema name does not exist
  [15151, { code: '42704' }], // Cannot find the object … because it does not exist or you do not have permission
  [4060, { code: '3D000' }], // Cannot open database requested by the login
  [18456, { code: '28P01' }], // Login failed for user
  [596, { code: '57P01' }], // session is in the kill state
  [40613, { code: '57P03' }], // Azure: database not currently available
  [40197, { code: '57P03' }], // Azure: the service has encountered an error processing your request
  [40501, { code: '53300' }], // Azure: the service is currently busy
]);

/** Messages that only point at an earlier error of the same statement ("See previous errors."). */
const SUMMARIES = new Set([1750, 3621, 2759, 1088]);

type ServerError = { number: number; message: string };

/** Any error from the mssql package (or ours) → the failure the client sees. */
export function mssqlFailure(err: unknown): PgFailure {
  if (err instanceof PgFailure) return err;
  const server = serverErrorOf(err);
  if (server) return failureOfServerError(server);
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return new PgFailure(code, message);
  // Any failure to reach the server (refused, timed out, TLS, login) is a connection exception: clients and
  // the tests tell "the backend is gone" by class 08.
  if (err instanceof mssql.ConnectionError) {
    return code === 'ELOGIN' ? new PgFailure('08001', `could not log in to SQL Server: ${message}`) : new PgFailure('08006', `could not reach SQL Server: ${message}`);
  }
  // tarn's acquire timeout: every pooled connection stayed busy.
  if (err instanceof Error && err.name === 'TimeoutError') return new PgFailure('53300', `no SQL Server connection became free in time: ${message}`);
  // A connection lost under a request reaches us as a RequestError (EREQUEST) around tedious's ConnectionError.
  if (CONNECTION_LOST.has(String(innerCode(err)))) return new PgFailure('08006', `lost the connection to SQL Server: ${message}`);
  switch (code) {
    case 'ECANCEL':
      return new PgFailure('57014', 'canceling statement due to user request');
    case 'ETIMEOUT':
      return new PgFailure('57014', `canceling statement due to a SQL Server timeout: ${message}`);
    case 'ESOCKET':
    case 'ECONNCLOSED':
    case 'ENOTOPEN':
    case 'ECONNRESET':
      return new PgFailure('08006', `lost the connection to SQL Server: ${message}`);
    case 'ELOGIN':
      return new PgFailure('08001', `could not log in to SQL Server: ${message}`);
    case 'EPARAM':
      return new PgFailure('22023', message);
  }
  return new PgFailure('XX000', message);
}

const CONNECTION_LOST = new Set(['ESOCKET', 'ECONNCLOSED', 'ECONNRESET']);

function innerCode(err: unknown): unknown {
  const inner = (err as { originalError?: { code?: unknown; info?: { code?: unknown } } } | null)?.originalError;
  return inner?.info?.code ?? inner?.code;
}

/** One SQL Server error message → a failure, by the table (XX000 with the server's message when unlisted). */
export function failureOfServerError(e: ServerError): PgFailure {
  // THROW 50000, N'42704: index "x" does not exist', 1 — the T-SQL compiler's own errors carry their SQLSTATE.
  const own = e.number === 50000 ? /^([0-9A-Z]{5}): ([\s\S]*)$/.exec(e.message) : null;
  if (own) return new PgFailure(own[1]!, own[2]!);
  const mapping = MSSQL_ERRORS.get(e.number);
  const code = mapping ? (mapping.refine ? mapping.refine(e.message) : mapping.code) : 'XX000';
  const detail = detailOf(e);
  return new PgFailure(code, e.message, detail ? { detail } : {});
}

/** The error that explains the failure: the first of the statement's errors that is not a summary. */
function serverErrorOf(err: unknown): ServerError | null {
  const all = [...((err as { precedingErrors?: unknown[] } | null)?.precedingErrors ?? []), err].map(asServerError).filter((e): e is ServerError => e !== null);
  return all.find((e) => !SUMMARIES.has(e.number)) ?? all[0] ?? null;
}

function asServerError(err: unknown): ServerError | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & { number?: unknown; originalError?: { info?: { number?: unknown; message?: unknown } } };
  const number = typeof e.number === 'number' ? e.number : e.originalError?.info?.number;
  if (typeof number !== 'number') return null;
  const info = e.originalError?.info?.message;
  return { number, message: typeof info === 'string' ? info : e.message };
}

function detailOf(e: ServerError): string | null {
  const dup = /The duplicate key value is \((.*)\)\.?$/.exec(e.message);
  if (dup) return `Key value (${dup[1]}) already exists.`;
  const fk = /conflicted with the (?:FOREIGN KEY|REFERENCE) constraint "([^"]+)".*table "([^"]+)"(?:, column '([^']+)')?/.exec(e.message);
  if (fk) return `Constraint "${fk[1]}" on table "${fk[2]}"${fk[3] ? `, column "${fk[3]}"` : ''}.`;
  return null;
}
