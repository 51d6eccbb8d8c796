// Registers every pgf_* SQL function of DESIGN.md on a better-sqlite3 connection.
//
// Errors: a function fails by throwing an Error with `code` = SQLSTATE and a Postgres-worded message
// (numeric overflow also sets `detail`). better-sqlite3 rethrows that same Error object from
// Statement.run/get/all/iterate (it does not wrap it), so the connector reads `error.code` and
// `error.message` (and `error.detail` when present) directly; SQLite's own errors carry codes like
// 'SQLITE_CONSTRAINT' instead, which `isPgError` tells apart (SQLSTATEs are 5 characters).
import type Database from 'better-sqlite3';
import { registerAggregates } from './aggregates.js';
import { registerArrayFunctions } from './array-functions.js';
import { registerCatalogFunctions } from './catalog-functions.js';
import { registerCoercions } from './coercion-functions.js';
import { registerDateTimeFunctions } from './datetime-functions.js';
import { parseTimestamptz } from './datetime-parse.js';
import { registerJsonFunctions } from './json-functions.js';
import { registerNumericFunctions } from './numeric-functions.js';
import { registerSequenceFunctions, type SequenceStore } from './sequences.js';
import { registerSessionFunctions } from './session-functions.js';
import { registerTableFunctions } from './table-functions.js';
import { registerTextFunctions } from './text-functions.js';
import { registerToChar } from './to-char.js';

export type PgFunctionSession = {
  transactionTimestamp(): string /* timestamptz storage form */;
  cancelled(): boolean;
  /** waits up to ms, returns false when cancelled */
  sleep(ms: number): boolean;
  setting(name: string): string | null;
};

/** What the connector drives around statements (see sequences.ts). */
export type PgFunctionHandles = { sequences: SequenceStore };

export function registerPgFunctions(db: Database.Database, session: PgFunctionSession): PgFunctionHandles {
  const now = (): bigint => parseTimestamptz(session.transactionTimestamp());
  registerNumericFunctions(db);
  registerAggregates(db);
  registerCoercions(db, now);
  registerDateTimeFunctions(db, session);
  registerToChar(db);
  registerTextFunctions(db);
  registerArrayFunctions(db);
  registerJsonFunctions(db);
  registerTableFunctions(db);
  const sequences = registerSequenceFunctions(db);
  registerSessionFunctions(db, session);
  registerCatalogFunctions(db);
  return { sequences };
}

// Pure helpers for the connector (Bind parameters in, DataRow text out).
export { isPgError, pgError, type PgError } from './errors.js';
export { toNumericStorage } from './numeric-values.js';
export { parseDate, parseTimestamp, parseTimestamptz, parseTime } from './datetime-parse.js';
export { formatDate, formatTimestamp, formatTimestamptz, formatTime } from './datetime-format.js';
export { parseInterval, formatInterval } from './interval.js';
export { parseBool, parseUuid, toBytea, toChar, toFloat, toInteger, toVarchar } from './scalar-input.js';
export { parseBytea, formatBytea } from './bytea.js';
export { formatFloat4, formatFloat8 } from './float-format.js';
export { storageToText, canonicalType } from './storage-text.js';
