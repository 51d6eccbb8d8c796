// A function call: the function table's entry for it, with what Postgres allows around a call —
// DISTINCT and ORDER BY inside an aggregate, FILTER, OVER — checked and compiled here.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, stringList } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { coerce } from './coercion.js';
import { CompileError, undefinedFunction, unsupported } from './compile-error.js';
import { compileExpr, compileSortList } from './expr-compiler.js';
import type { Expr } from './expr.js';
import { FUNCTIONS } from './function-table.js';
import { pgType, T } from '../common/pg-types.js';
import type { Scope } from '../common/scope.js';
import { compileWindow } from './window-compiler.js';

export function compileFunctionCall(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  const names = stringList(n['funcname']);
  const schema = names.length > 1 ? names[0] : null;
  const name = (names.at(-1) ?? '').toLowerCase();
  if (schema !== null && schema !== 'pg_catalog') throw undefinedFunction(`${names.join('.')}()`);
  const entry = FUNCTIONS.get(name);
  if (!entry) throw unsupported(`function ${name}()`);
  if (n['func_variadic']) throw unsupported('VARIADIC arguments');
  const over = obj(n['over']);
  if (entry.kind === 'window' && !over) throw new CompileError('42809', `window function ${name} requires an OVER clause`);
  const aggregate = entry.kind === 'aggregate' || entry.kind === 'window';
  if (aggregate && scope.inAggregate) throw new CompileError('42803', 'aggregate function calls cannot be nested');
  const saved = scope.inAggregate;
  if (aggregate) scope.inAggregate = true;
  let args: Expr[];
  let orderBy = '';
  try {
    args = n['agg_star'] ? [] : arr(n['args']).map((a, i) => compileExpr(ctx, i === 0 && SEQUENCE_FUNCTIONS.has(name) ? sequenceName(a) : a, scope));
    if (arr(n['agg_order']).length > 0) orderBy = ' ORDER BY ' + compileSortList(ctx, arr(n['agg_order']), scope);
  } finally {
    scope.inAggregate = saved;
  }
  const compiled = entry.compile(ctx, args, { distinct: n['agg_distinct'] === true, orderBy });
  let sql = compiled.sql;
  if (n['agg_filter'] !== undefined) {
    if (entry.kind !== 'aggregate') throw new CompileError('42809', `FILTER is not implemented for non-aggregate window functions`);
    sql += ` FILTER (WHERE ${coerce(ctx, compileExpr(ctx, n['agg_filter'], scope), T('bool')).sql})`;
  }
  if (over) sql += ' OVER ' + compileWindow(ctx, over, scope);
  // A function's result carries no typmod in Postgres (min, abs, lag of a numeric(12,2) are plain numeric).
  const type = compiled.type.typmod >= 0 ? (pgType(compiled.type.name) ?? compiled.type) : compiled.type;
  return { ...compiled, sql, name, type };
}

const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval']);

/** nextval('s'::regclass) names the sequence by text: sequences live in _pgfabric_sequences, not in the emulated pg_class. */
function sequenceName(arg: unknown): unknown {
  const cast = bodyOf(arg, 'TypeCast');
  const type = stringList(obj(cast?.['typeName'])?.['names']).at(-1);
  return cast && type === 'regclass' && bodyOf(cast['arg'], 'A_Const') ? cast['arg'] : arg;
}
