// date_trunc, extract and date_part in T-SQL without SQL Server 2022's DATETRUNC (so 2019 runs them too). A
// timestamptz is read in UTC, the session zone SQL Server tenants compute in (see MSSQL-GAPS.md).
import { CompileError, unsupported } from '../common/compile-error.js';
import { T, type PgType } from '../common/pg-types.js';
import { coerce } from './coercion.js';
import type { Call } from './functions.js';
import { texpr, type TExpr } from './texpr.js';

const DATE_UNITS: Record<string, string> = {
  microsecond: 'microsecond', microseconds: 'microsecond', millisecond: 'millisecond', milliseconds: 'millisecond',
  second: 'second', seconds: 'second', minute: 'minute', minutes: 'minute', hour: 'hour', hours: 'hour', day: 'day', days: 'day',
  week: 'week', month: 'month', months: 'month', quarter: 'quarter', year: 'year', years: 'year',
  dow: 'weekday', doy: 'dayofyear', isodow: 'weekday', epoch: 'epoch',
};

function unitOf(c: Call): string {
  const u = c.args[0]?.unknownText?.toLowerCase();
  const unit = u === undefined ? undefined : DATE_UNITS[u];
  if (!unit) throw unsupported(`${c.name} with the field ${u === undefined ? '(not a constant)' : `'${u}'`}`);
  return unit;
}

/** date_trunc without SQL Server 2022's DATETRUNC: whole days/months/years rebuilt, smaller units by DATEADD/DATEDIFF from a fixed origin. */
export function dateTrunc(c: Call): TExpr {
  const unit = unitOf(c);
  // date_trunc has timestamp, timestamptz and interval forms: a date (or an untyped literal) is read as timestamptz.
  const v = c.args[1]!.type.category === 'unknown' || c.args[1]!.type.category === 'date' ? coerce(c.ctx, c.args[1]!, T('timestamptz')) : c.args[1]!;
  if (!['timestamp', 'timestamptz'].includes(v.type.category)) throw new CompileError('42883', `function date_trunc(unknown, ${v.type.name}) does not exist`);
  const tz = v.type.category === 'timestamptz';
  // timestamptz truncates in the session's zone (UTC on SQL Server tenants).
  const local = tz ? `CAST(SWITCHOFFSET(${v.sql}, '+00:00') AS datetime2(6))` : `CAST(${v.sql} AS datetime2(6))`;
  const origin = "CAST('2000-01-01' AS datetime2(6))";
  let sql: string;
  switch (unit) {
    case 'year':
      sql = `CAST(DATEFROMPARTS(YEAR(${local}), 1, 1) AS datetime2(6))`;
      break;
    case 'quarter':
      sql = `CAST(DATEFROMPARTS(YEAR(${local}), (DATEPART(quarter, ${local}) - 1) * 3 + 1, 1) AS datetime2(6))`;
      break;
    case 'month':
      sql = `CAST(DATEFROMPARTS(YEAR(${local}), MONTH(${local}), 1) AS datetime2(6))`;
      break;
    case 'week':
      // ISO weeks start on Monday: 2000-01-03 was one.
      sql = `DATEADD(day, (DATEDIFF(day, CAST('2000-01-03' AS datetime2(6)), ${local}) / 7 - CASE WHEN DATEDIFF(day, CAST('2000-01-03' AS datetime2(6)), ${local}) % 7 < 0 THEN 1 ELSE 0 END) * 7, CAST('2000-01-03' AS datetime2(6)))`;
      break;
    case 'day':
      sql = `CAST(CAST(${local} AS date) AS datetime2(6))`;
      break;
    case 'hour':
    case 'minute':
      sql = `DATEADD(${unit}, DATEDIFF(${unit}, ${origin}, ${local}), ${origin})`;
      break;
    case 'second':
      sql = `DATEADD(microsecond, -DATEPART(microsecond, ${local}), ${local})`;
      break;
    case 'millisecond':
      sql = `DATEADD(microsecond, -(DATEPART(microsecond, ${local}) % 1000), ${local})`;
      break;
    case 'microsecond':
      sql = local;
      break;
    default:
      throw unsupported(`date_trunc('${unit}', …)`);
  }
  return tz ? texpr(`TODATETIMEOFFSET(${sql}, '+00:00')`, T('timestamptz'), c.name) : texpr(sql, T('timestamp'), c.name);
}

export function datePart(c: Call, type: PgType): TExpr {
  const unit = unitOf(c);
  const v = c.args[1]!.type.category === 'unknown' ? coerce(c.ctx, c.args[1]!, T('timestamptz')) : c.args[1]!;
  if (!['timestamp', 'timestamptz', 'date', 'time'].includes(v.type.category)) throw unsupported(`${c.name} of ${v.type.name}`);
  const local = v.type.category === 'timestamptz' ? `SWITCHOFFSET(${v.sql}, '+00:00')` : v.sql;
  const field = c.args[0]!.unknownText!.toLowerCase();
  let sql: string;
  if (unit === 'epoch') sql = `(CAST(DATEDIFF_BIG(second, '1970-01-01', ${local}) AS decimal(38,6)) + DATEPART(microsecond, ${local}) / 1000000.0)`;
  // Postgres: dow is 0 (Sunday) … 6, isodow 1 (Monday) … 7, whatever DATEFIRST says.
  // dow 0 (Sunday) … 6 and isodow 1 (Monday) … 7, counted from a known Sunday so SET DATEFIRST cannot change them.
  else if (field === 'dow') sql = `((DATEDIFF(day, CAST('1900-01-07' AS date), ${local}) % 7 + 7) % 7)`;
  else if (field === 'isodow') sql = `((DATEDIFF(day, CAST('1900-01-01' AS date), ${local}) % 7 + 7) % 7 + 1)`;
  else if (unit === 'week') sql = `DATEPART(iso_week, ${local})`;
  else if (unit === 'second') sql = `(DATEPART(second, ${local}) + DATEPART(microsecond, ${local}) / 1000000.0)`;
  else sql = `DATEPART(${unit}, ${local})`;
  // extract() is numeric with 6 decimals for seconds and epoch, none for the integer fields (Postgres 14+).
  const scale = unit === 'second' || unit === 'epoch' ? 6 : 0;
  return texpr(type.category === 'numeric' ? `CAST(${sql} AS decimal(38,${scale}))` : `CAST(${sql} AS float)`, type, c.name === 'extract' ? 'extract' : 'date_part');
}

