// A compiled statement as a run plan: the hoisted WITH prefix, the result columns, and the parameters' Postgres
// types and SQL Server declarations.
import { T, typeRef } from '../common/pg-types.js';
import type { TsqlContext } from './context.js';
import type { RunPlan, TagRule } from './plan-types.js';
import type { QueryColumn } from './select-compiler.js';
import { tsqlParam } from './tsql-types.js';

export function runPlan(ctx: TsqlContext, tsql: string, columns: readonly QueryColumn[] | null, tag: TagRule, flags: { readOnly: boolean; schemaChanged?: boolean }): RunPlan {
  const count = Math.max(ctx.params.length, highestParam(tsql));
  const types = Array.from({ length: count }, (_, i) => ctx.params[i] ?? T('text'));
  return {
    kind: 'run',
    tsql: ctx.withPrefix() + tsql,
    columns: columns ? columns.map((c) => ({ name: c.name, type: typeRef(c.type) })) : null,
    paramTypes: types.map(typeRef),
    params: types.map(tsqlParam),
    tag,
    schemaChanged: flags.schemaChanged ?? false,
    readOnly: flags.readOnly,
  };
}

function highestParam(sql: string): number {
  let max = 0;
  for (const m of sql.matchAll(/@p(\d+)\b/g)) max = Math.max(max, Number(m[1]));
  return max;
}
