// Result columns whose type the compiler left to the server (type null), resolved before the statement
// runs — Describe must answer before Execute — with sp_describe_first_result_set, which compiles the batch
// without running it. When the server cannot describe it (temp tables, dynamic SQL), such a column is text,
// and its values are printed as text (mssql-values.ts formats them by their SQL Server type).
import type mssql from 'mssql';
import type { PgTypeRef, ResultColumn, RunPlan, TsqlParam } from './mssql-plan.js';
import { pgTypeOfServer } from './mssql-type-names.js';
import { INTERNAL_NAMES } from './mssql-types.js';

export type TypedColumn = { readonly name: string; readonly type: PgTypeRef };

const TEXT: PgTypeRef = { name: 'text', oid: 25, typmod: -1, typlen: -1 };
const described = new WeakMap<RunPlan, readonly TypedColumn[]>();

/** True when every result column has a type from the compiler. */
export function fullyTyped(columns: readonly ResultColumn[]): columns is readonly TypedColumn[] {
  return columns.every((c) => c.type !== null);
}

/** The types sp_describe_first_result_set gave this plan's columns, if it was asked. */
export function describedColumns(plan: RunPlan): readonly TypedColumn[] | undefined {
  return described.get(plan);
}

/** The plan's columns with every type known: the compiler's, else the server's description (cached per plan). */
export async function describeColumns(plan: RunPlan, request: () => Promise<mssql.Request>): Promise<readonly TypedColumn[] | null> {
  const columns = plan.columns;
  if (!columns) return null;
  if (fullyTyped(columns)) return columns;
  const hit = described.get(plan);
  if (hit) return hit;
  let server: (PgTypeRef | null)[] = [];
  try {
    const req = await request();
    req.arrayRowMode = false;
    req.input('tsql', plan.tsql);
    req.input('params', plan.params.length > 0 ? plan.params.map((p, i) => `@p${i + 1} ${declarationOf(p)}`).join(', ') : null);
    const res = await req.query('EXEC sp_describe_first_result_set @tsql, @params, 0');
    server = (res.recordset ?? []).map((r: Record<string, unknown>) => pgTypeOfDescribed(r));
  } catch {
    server = [];
  }
  const typed = columns.map((c, i) => ({ name: c.name, type: c.type ?? server[i] ?? TEXT }));
  described.set(plan, typed);
  return typed;
}

/** A row of sp_describe_first_result_set → the Postgres type (system_type_name is `nvarchar(40)`, `decimal(12,2)`, …). */
export function pgTypeOfDescribed(r: Record<string, unknown>): PgTypeRef | null {
  const full = typeof r.system_type_name === 'string' ? r.system_type_name : null;
  if (!full) return null;
  const typeName = full.replace(/\(.*$/, '').trim().toLowerCase();
  const maxLength = typeof r.max_length === 'number' ? r.max_length : null;
  const chars = maxLength === null || maxLength < 0 ? -1 : typeName === 'nvarchar' || typeName === 'nchar' ? maxLength / 2 : maxLength;
  const t = pgTypeOfServer(typeName, chars, num(r.precision), num(r.scale));
  return { name: INTERNAL_NAMES[t.oid] ?? 'text', oid: t.oid, typmod: t.typmod, typlen: t.typlen };
}

/** A TsqlParam as T-SQL declares it (`nvarchar(max)`, `decimal(38,10)`, `datetime2(6)`). */
export function declarationOf(p: TsqlParam): string {
  const len = (fallback: string) => (p.length === undefined || p.length < 0 ? fallback : String(p.length));
  switch (p.type) {
    case 'NVarChar':
      return `nvarchar(${len('max')})`;
    case 'VarBinary':
      return `varbinary(${len('max')})`;
    case 'Decimal':
      return `decimal(${p.length ?? 38},${p.scale ?? 10})`;
    case 'Time':
    case 'DateTime2':
    case 'DateTimeOffset':
      return `${p.type.toLowerCase()}(${p.length ?? 7})`;
    default:
      return p.type.toLowerCase();
  }
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}
