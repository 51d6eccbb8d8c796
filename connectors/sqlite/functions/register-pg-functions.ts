// Registers every pgf_* SQL function of DESIGN.md on a better-sqlite3 connection.
//
// Errors: a function fails by throwing an Error with `code` = SQLSTATE and a Postgres-worded message
// (numeric overflow also sets `detail`). better-sqlite3 rethrows that same Error object from
// Statement.run/get/all/iterate (it does not wrap it), so the connector reads `error.code` and
// `error.message` (and `error.detail` when present) directly; SQLite's own errors carry codes like
// 'SQLITE_CONSTRAINT' instead, which `isPgError` tells apart (SQLSTATEs are 5 characters).
//
// Results: integral numbers come back as SQLite INTEGER (bigint), float8 results as REAL (NaN and
// infinities as TEXT); read rows with safeIntegers to keep int8 exact. Sequences: see PgFunctionHandles.
//
// Arguments beyond DESIGN.md (all optional, so DESIGN.md's calls work unchanged):
//   pgf_int(v, bits, fromNumeric)      1: v is numeric text, round half away (numeric → int) instead of 22P02
//   pgf_char/pgf_varchar(v, n, explicit) 1: truncate silently, as an explicit cast does
//   pgf_json_get/_get_text/_path/_path_text(j, k, 'jsonb')  re-normalise the result (default: source slice)
//   pgf_age(a, b, kind)                kind of a and b (default timestamp; timestamptz storage reads the same)
//   pgf_to_hex(n, bits)                32 or 64 for negative numbers (default: 32 when n fits an int4)
//   pgf_setting(name, missingOk)       1: NULL instead of 42704 for an unknown setting
//   pgf_regexp_split_to_table(s, p, flags)
// Also registered: pgf_to_jsonb, pgf_jsonb_build_object/array, pgf_interval_min/max,
// pgf_jsonb_array_elements_text, pgf_jsonb_each_text.
// pgf_date_trunc(unit, date, 'date') returns timestamptz storage, as Postgres's date_trunc on a date does.
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
import { registerIntArithmetic } from './int-arithmetic.js';
import { registerQueryChecks } from './query-checks.js';
import { registerFloatMath } from './float-math.js';
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
  registerIntArithmetic(db);
  registerQueryChecks(db);
  registerFloatMath(db);
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
