// WITH in front of INSERT/UPDATE/DELETE: compiled like a SELECT's, leaving its CTE level pushed for the
// statement (the caller pops it).
import { obj } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { compileWithClause } from './select-compiler.js';

export function compileWithPrefix(ctx: CompileContext, withClause: unknown): string {
  const w = obj(withClause);
  return w ? compileWithClause(ctx, w, null) : '';
}
