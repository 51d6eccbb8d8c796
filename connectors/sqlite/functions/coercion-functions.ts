// Registers the coercions pgf_numeric/bool/int/float/date/timestamp/timestamptz/time/interval/uuid/
// bytea/char/varchar and pgf_text (storage → text of a type, for casts to text).
import type Database from 'better-sqlite3';
import { formatDate, formatTime, formatTimestamp, formatTimestamptz } from './datetime-format.js';
import { parseDate, parseTime, parseTimestamp, parseTimestamptz, type NowSource } from './datetime-parse.js';
import { intResult, scalar, strict } from './define.js';
import { formatInterval, parseInterval } from './interval.js';
import { applyTypmod, formatDecimal } from './numeric-decimal.js';
import { toDecimal } from './numeric-values.js';
import { parseBool, parseUuid, toBytea, toChar, toFloat, toInteger, toVarchar } from './scalar-input.js';
import { asBool, asInt, asText, type SqlValue } from './sql-values.js';
import { storageToText } from './storage-text.js';

/** The text a temporal coercion reads: numbers (e.g. epoch seconds) are not valid input. */
function temporalText(value: SqlValue): string {
  return asText(value);
}

export function registerCoercions(db: Database.Database, now: NowSource): void {
  scalar(db, 'pgf_numeric', strict((v, precision, scale) => {
    const d = toDecimal(v);
    if (precision === undefined) return formatDecimal(d);
    return formatDecimal(applyTypmod(d, asInt(precision), scale === undefined ? 0 : asInt(scale)));
  }));
  scalar(db, 'pgf_bool', strict((v) => (typeof v === 'string' ? parseBool(v) : asBool(v) ? 1 : 0)));
  // pgf_int(v, bits [, fromNumeric]): fromNumeric=1 when v is numeric storage text (rounds instead of 22P02).
  scalar(db, 'pgf_int', strict((v, bits, fromNumeric) => intResult(toInteger(v, asInt(bits ?? 32), fromNumeric !== undefined && asBool(fromNumeric)))));
  scalar(db, 'pgf_float', strict((v) => toFloat(v)), true, true);
  scalar(db, 'pgf_date', strict((v) => formatDate(parseDate(temporalText(v), now))), false);
  scalar(db, 'pgf_timestamp', strict((v) => formatTimestamp(parseTimestamp(temporalText(v), now))), false);
  scalar(db, 'pgf_timestamptz', strict((v) => formatTimestamptz(parseTimestamptz(temporalText(v), now))), false);
  scalar(db, 'pgf_time', strict((v) => formatTime(parseTime(temporalText(v)))));
  scalar(db, 'pgf_interval', strict((v) => formatInterval(parseInterval(asText(v)))));
  scalar(db, 'pgf_uuid', strict((v) => parseUuid(asText(v))));
  scalar(db, 'pgf_bytea', strict((v) => toBytea(v)));
  // pgf_char(v, n [, explicit]) / pgf_varchar(v, n [, explicit]): explicit casts truncate silently.
  scalar(db, 'pgf_char', strict((v, n, explicit) => toChar(asText(v), asInt(n), explicit !== undefined && asBool(explicit))));
  scalar(db, 'pgf_varchar', strict((v, n, explicit) => toVarchar(asText(v), asInt(n), explicit !== undefined && asBool(explicit))));
  scalar(db, 'pgf_text', (v, type) => storageToText(v ?? null, asText(type ?? 'text')));
}
