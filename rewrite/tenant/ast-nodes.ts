// Small readers and builders for libpg-query AST nodes, so the analyser and the rules read like the
// SQL they handle. Nodes are plain JSON objects; wrapped nodes are { TypeName: body }.
import { isObject, type AstObject } from '../parser/node-walker.js';

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function obj(value: unknown): AstObject | undefined {
  return isObject(value) ? value : undefined;
}

/** The body of a wrapped node of the given type. */
export function bodyOf(value: unknown, type: string): AstObject | undefined {
  return isObject(value) ? obj(value[type]) : undefined;
}

/** ["schema", "name"] from a list of String nodes (funcname, DROP object names, …). */
export function stringList(value: unknown): string[] {
  const out: string[] = [];
  for (const item of arr(value)) {
    const s = bodyOf(item, 'String');
    if (s && typeof s.sval === 'string') out.push(s.sval);
  }
  return out;
}

export function stringNode(sval: string): AstObject {
  return { String: { sval } };
}

export function columnRef(...names: string[]): AstObject {
  return { ColumnRef: { fields: names.map(stringNode) } };
}

export function stringConst(value: string): AstObject {
  return { A_Const: { sval: { sval: value } } };
}

/** `[qualifier.]ref.column = 'value'` */
export function equalsPredicate(refName: string, column: string, value: string, qualifier: string | null = null): AstObject {
  const names = qualifier === null ? [refName, column] : [qualifier, refName, column];
  return { A_Expr: { kind: 'AEXPR_OP', name: [stringNode('=')], lexpr: columnRef(...names), rexpr: stringConst(value) } };
}

/** ANDs `predicate` into holder[field] (keeps the existing condition first, parenthesised by the tree). */
export function andInto(holder: AstObject, field: string, predicate: AstObject): void {
  const existing = holder[field];
  const and = bodyOf(existing, 'BoolExpr');
  // The grammar flattens a AND b AND c into one BoolExpr; do the same, so the printed SQL reparses to this tree.
  if (and && and.boolop === 'AND_EXPR' && Array.isArray(and.args)) and.args.push(predicate);
  else holder[field] = existing === undefined ? predicate : { BoolExpr: { boolop: 'AND_EXPR', args: [existing, predicate] } };
}
