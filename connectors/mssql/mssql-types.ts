// Result columns as tedious describes them → the Postgres types clients see (RowDescription), for plan
// columns the compiler could not type (type null). The table itself is mssql-type-names.ts.
import mssql from 'mssql';
import type { PgTypeRef } from './mssql-plan.js';
import { pgTypeOfServer } from './mssql-type-names.js';

/** A result column as tedious describes it: the type's name as in mssql.TYPES (`NVarChar`), dataLength in bytes. */
export type ServerColumn = { readonly name: string; readonly type: string; readonly length: number; readonly precision?: number; readonly scale?: number };

/** tedious's dataLength of a (n)varchar(max)/varbinary(max) column. */
const MAX_LENGTH = 0xffff;

/** Postgres's internal type names by OID, for PgTypeRef.name. */
export const INTERNAL_NAMES: Readonly<Record<number, string>> = {
  16: 'bool', 17: 'bytea', 20: 'int8', 21: 'int2', 23: 'int4', 25: 'text', 700: 'float4', 701: 'float8', 1042: 'bpchar',
  1043: 'varchar', 1082: 'date', 1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1700: 'numeric', 2950: 'uuid',
};

/**
 * The brief's SQL Server → Postgres table (mssql-type-names.ts, shared with the schema reader) for a result
 * column as tedious describes it: its type names are sys.types names in other letter case, and its lengths
 * are in bytes (two per character for nchar/nvarchar; 0xFFFF for max).
 */
export function pgTypeOfResultColumn(c: ServerColumn): PgTypeRef {
  const typeName = c.type.toLowerCase();
  const chars = typeName === 'nvarchar' || typeName === 'nchar' ? c.length / 2 : c.length;
  const length = c.length >= MAX_LENGTH ? -1 : chars;
  const t = pgTypeOfServer(typeName, length, c.precision ?? null, c.scale ?? null);
  return { name: INTERNAL_NAMES[t.oid] ?? 'text', oid: t.oid, typmod: t.typmod, typlen: t.typlen };
}

const TYPE_NAMES = new Map<unknown, string>(Object.entries(mssql.TYPES).map(([name, factory]) => [factory, name]));

/** The mssql package's column metadata (arrayRowMode) → ServerColumn. */
export function serverColumnOf(meta: { name: string; length: number; type: unknown; precision?: number | undefined; scale?: number | undefined }): ServerColumn {
  return {
    name: meta.name,
    type: TYPE_NAMES.get(meta.type) ?? 'Unknown',
    length: meta.length,
    ...(meta.precision !== undefined ? { precision: meta.precision } : {}),
    ...(meta.scale !== undefined ? { scale: meta.scale } : {}),
  };
}
