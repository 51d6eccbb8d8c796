// ORDER BY items in T-SQL with Postgres's NULL placement made explicit: Postgres sorts NULLs last ascending and
// first descending; SQL Server does the opposite. A key known not to be NULL needs no placement term.
import type { AstObject } from '../../parser/node-walker.js';
import { bodyOf, obj, str } from '../../tenant/ast-nodes.js';
import { unsupported } from '../common/compile-error.js';
import type { Scope } from '../common/scope.js';
import type { TsqlContext } from './context.js';
import { compileExpr } from './expr-compiler.js';
import { asValue, type TExpr } from './texpr.js';

/** How an ORDER BY item is resolved: select-list names and positions first (the caller's), else an expression in scope. */
export type SortKeyResolver = (node: unknown) => TExpr | null;

export function orderByList(ctx: TsqlContext, items: readonly unknown[], scope: Scope, resolve: SortKeyResolver = () => null): string {
  return items.map((item) => sortKey(ctx, obj(bodyOf(item, 'SortBy')) ?? {}, scope, resolve)).join(', ');
}

function sortKey(ctx: TsqlContext, s: AstObject, scope: Scope, resolve: SortKeyResolver): string {
  if (s['useOp']) throw unsupported('ORDER BY … USING');
  const key = resolve(s['node']) ?? compileExpr(ctx, s['node'], scope);
  if (['json', 'jsonb', 'array', 'bytea'].includes(key.type.category)) throw unsupported(`ORDER BY on ${key.type.name}`);
  const value = asValue(key);
  const desc = str(s['sortby_dir']) === 'SORTBY_DESC';
  const nulls = str(s['sortby_nulls']);
  const nullsFirst = nulls === 'SORTBY_NULLS_FIRST' || (nulls !== 'SORTBY_NULLS_LAST' && desc);
  const direction = desc ? ' DESC' : '';
  // SQL Server's own placement: first when ascending, last when descending.
  if (key.notNull || nullsFirst === !desc) return `${value}${direction}`;
  return `CASE WHEN ${value} IS NULL THEN ${nullsFirst ? 0 : 1} ELSE ${nullsFirst ? 1 : 0} END, ${value}${direction}`;
}
