// Postgres types as SQL Server stores and declares them (DDL, CAST targets, @pN declarations). A type without
// a faithful SQL Server counterpart (arrays, interval, json operators) is refused by the caller with 0A000.
import { unsupported } from '../common/compile-error.js';
import { charLength, displayType, numericPrecision, type PgType } from '../common/pg-types.js';
import type { TsqlParam } from './plan-types.js';

/** The column type in CREATE TABLE / CAST: numeric → decimal(38,10) when unconstrained (SQL Server has no unbounded decimal). */
export function tsqlType(type: PgType): string {
  switch (type.name) {
    case 'bool':
      return 'bit';
    case 'int2':
      return 'smallint';
    case 'int4':
      return 'int';
    case 'int8':
      return 'bigint';
    case 'float4':
      return 'real';
    case 'float8':
      return 'float';
    case 'numeric': {
      const p = numericPrecision(type);
      return p ? `decimal(${p[0]},${p[1]})` : 'decimal(38,10)';
    }
    case 'text':
    case 'json':
    case 'jsonb':
    case 'name':
      return 'nvarchar(max)';
    case 'varchar': {
      const n = charLength(type);
      return n === null || n > 4000 ? 'nvarchar(max)' : `nvarchar(${n})`;
    }
    case 'bpchar': {
      const n = charLength(type) ?? 1;
      return n > 4000 ? 'nvarchar(max)' : `nchar(${n})`;
    }
    case 'bytea':
      return 'varbinary(max)';
    case 'date':
      return 'date';
    case 'time':
      return `time(${precisionOf(type)})`;
    case 'timestamp':
      return `datetime2(${precisionOf(type)})`;
    case 'timestamptz':
      return `datetimeoffset(${precisionOf(type)})`;
    case 'uuid':
      return 'uniqueidentifier';
    default:
      throw unsupported(`type ${displayType(type)}`);
  }
}

/** How a parameter of this Postgres type is declared to SQL Server. */
export function tsqlParam(type: PgType): TsqlParam {
  switch (type.name) {
    case 'bool':
      return { type: 'Bit' };
    case 'int2':
      return { type: 'SmallInt' };
    case 'int4':
      return { type: 'Int' };
    case 'int8':
      return { type: 'BigInt' };
    case 'float4':
      return { type: 'Real' };
    case 'float8':
      return { type: 'Float' };
    // numeric: sent as its exact text and cast in the statement (tedious reads a Decimal parameter through a JS number).
    case 'bytea':
      return { type: 'VarBinary', length: -1 };
    case 'date':
      return { type: 'Date' };
    case 'time':
      return { type: 'Time', length: precisionOf(type) };
    case 'timestamp':
      return { type: 'DateTime2', length: precisionOf(type) };
    case 'timestamptz':
      return { type: 'DateTimeOffset', length: precisionOf(type) };
    case 'uuid':
      return { type: 'UniqueIdentifier' };
    default:
      // text, varchar, char, json, unknown: the value as the client wrote it, converted by SQL Server where it is used.
      return { type: 'NVarChar', length: -1 };
  }
}

function precisionOf(type: PgType): number {
  return type.typmod >= 0 && type.typmod <= 6 ? type.typmod : 6;
}
