// OVER (...) and WINDOW w AS (...): partition, order and frame, which SQLite spells as Postgres does.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, obj, str } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { unsupported } from './compile-error.js';
import { compileExpr, compileSortList } from './expr-compiler.js';
import { equalityKey } from './operators.js';
import type { Scope } from '../common/scope.js';
import { ident } from './sql-text.js';

// FRAMEOPTION_* bits of parsenodes.h.
const F = {
  NONDEFAULT: 0x1, RANGE: 0x2, ROWS: 0x4, GROUPS: 0x8, BETWEEN: 0x10,
  START_UNBOUNDED_PRECEDING: 0x20, END_UNBOUNDED_PRECEDING: 0x40, START_UNBOUNDED_FOLLOWING: 0x80, END_UNBOUNDED_FOLLOWING: 0x100,
  START_CURRENT_ROW: 0x200, END_CURRENT_ROW: 0x400, START_OFFSET_PRECEDING: 0x800, END_OFFSET_PRECEDING: 0x1000,
  START_OFFSET_FOLLOWING: 0x2000, END_OFFSET_FOLLOWING: 0x4000, EXCLUDE_CURRENT_ROW: 0x8000, EXCLUDE_GROUP: 0x10000, EXCLUDE_TIES: 0x20000,
};

/** The text after OVER: a window name, or the parenthesised specification. */
export function compileWindow(ctx: CompileContext, w: AstObject, scope: Scope): string {
  const name = str(w['name']);
  const ref = str(w['refname']);
  if (name && !ref && arr(w['partitionClause']).length === 0 && arr(w['orderClause']).length === 0) return ident(name);
  return '(' + windowSpec(ctx, w, scope) + ')';
}

export function windowSpec(ctx: CompileContext, w: AstObject, scope: Scope): string {
  const parts: string[] = [];
  const ref = str(w['refname']);
  if (ref) parts.push(ident(ref));
  const partition = arr(w['partitionClause']);
  if (partition.length) parts.push('PARTITION BY ' + partition.map((p) => {
    const e = compileExpr(ctx, p, scope);
    return equalityKey(e.sql, e.type);
  }).join(', '));
  const order = arr(w['orderClause']);
  if (order.length) parts.push('ORDER BY ' + compileSortList(ctx, order, scope));
  const frame = frameClause(ctx, w, scope);
  if (frame) parts.push(frame);
  return parts.join(' ');
}

function frameClause(ctx: CompileContext, w: AstObject, scope: Scope): string {
  const o = typeof w['frameOptions'] === 'number' ? w['frameOptions'] : 0;
  if (!(o & F.NONDEFAULT)) return '';
  const unit = o & F.ROWS ? 'ROWS' : o & F.GROUPS ? 'GROUPS' : 'RANGE';
  const offset = (node: unknown): string => {
    const e = compileExpr(ctx, node, scope);
    if (e.intValue === undefined) throw unsupported('a window frame offset that is not an integer constant');
    return String(e.intValue);
  };
  const start = o & F.START_UNBOUNDED_PRECEDING ? 'UNBOUNDED PRECEDING'
    : o & F.START_CURRENT_ROW ? 'CURRENT ROW'
    : o & F.START_OFFSET_PRECEDING ? `${offset(w['startOffset'])} PRECEDING`
    : o & F.START_OFFSET_FOLLOWING ? `${offset(w['startOffset'])} FOLLOWING`
    : 'UNBOUNDED FOLLOWING';
  let text = unit + ' ';
  if (o & F.BETWEEN) {
    const end = o & F.END_UNBOUNDED_FOLLOWING ? 'UNBOUNDED FOLLOWING'
      : o & F.END_CURRENT_ROW ? 'CURRENT ROW'
      : o & F.END_OFFSET_PRECEDING ? `${offset(w['endOffset'])} PRECEDING`
      : o & F.END_OFFSET_FOLLOWING ? `${offset(w['endOffset'])} FOLLOWING`
      : 'UNBOUNDED PRECEDING';
    text += `BETWEEN ${start} AND ${end}`;
  } else text += start;
  if (o & F.EXCLUDE_CURRENT_ROW) text += ' EXCLUDE CURRENT ROW';
  if (o & F.EXCLUDE_GROUP) text += ' EXCLUDE GROUP';
  if (o & F.EXCLUDE_TIES) text += ' EXCLUDE TIES';
  return text;
}

export function windowClause(ctx: CompileContext, defs: unknown[], scope: Scope): string {
  return defs
    .map((d) => {
      const w = obj(obj(d)?.['WindowDef']);
      if (!w) throw unsupported('this WINDOW clause');
      return `${ident(str(w['name']) ?? '')} AS (${windowSpec(ctx, w, scope)})`;
    })
    .join(', ');
}
