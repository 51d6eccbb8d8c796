// RETURNING's items as the parser gives them (Postgres 18's grammar: a clause with options and expressions).
import type { AstObject } from '../../parser/node-walker.js';
import { arr, obj } from '../../tenant/ast-nodes.js';
import { unsupported } from './compile-error.js';

export function returningItems(n: AstObject): unknown[] {
  const clause = obj(n['returningClause']);
  if (clause && arr(clause['options']).length) throw unsupported('RETURNING WITH (OLD/NEW …)');
  return arr(clause?.['exprs']);
}
