// INSERT into a tenant-scoped relation: the tenant column is filled with the session tenant's id.
// A value the client writes itself must be that id as a literal, or a $n parameter whose bound value
// is checked at Bind (ORMs rely on the parameter's type being inferred, so it is kept); DEFAULT is
// replaced; anything else is refused.
import type { AstObject } from '../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringConst } from '../tenant/ast-nodes.js';
import { refuse } from '../tenant/refusal.js';
import type { InsertFact, MergeInsertFact } from '../tenant/statement-facts.js';
import type { TenantContext } from '../tenant/tenant-context.js';
import type { RuleOutput, TenantRule } from './rule.js';

export const tenantInsertRule: TenantRule = {
  name: 'tenant_insert',
  code: 'tenant_column_write',
  apply(facts, ctx, out) {
    for (const insert of facts.inserts) if (insert.ref.tenantScoped) fillTenant(insert, ctx, out);
    for (const m of facts.mergeInserts) if (m.ref.tenantScoped) fillMergeInsert(m, ctx, out);
  },
};

function fillTenant(insert: InsertFact, ctx: TenantContext, out: RuleOutput): void {
  const stmt = insert.stmt;
  const column = ctx.tenantColumn;
  const source = bodyOf(stmt.selectStmt, 'SelectStmt');
  out.changed = true;
  if (!source) {
    // INSERT … DEFAULT VALUES
    stmt.cols = [{ ResTarget: { name: column } }];
    stmt.selectStmt = { SelectStmt: { valuesLists: [{ List: { items: [stringConst(ctx.tenantId)] } }], limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } };
    return;
  }
  const rows = arr(source.valuesLists).map((l) => arr(bodyOf(l, 'List')?.items));
  const simpleSelect = rows.length === 0 && (source.op === undefined || source.op === 'SETOP_NONE');
  const given = arr(stmt.cols).length > 0;
  // Without a column list the values map to the relation's first columns, so their count matters.
  const width = given ? 0 : rows.length > 0 ? Math.max(...rows.map((r) => r.length)) : simpleSelect ? selectWidth(source, insert) : -1;
  const cols = explicitColumns(stmt, insert, width);
  const index = cols.indexOf(column);
  if (index < 0) {
    stmt.cols = [...cols, column].map((name) => ({ ResTarget: { name } }));
    if (rows.length > 0) for (const row of rows) row.push(stringConst(ctx.tenantId));
    else if (simpleSelect) arr(source.targetList).push({ ResTarget: { val: stringConst(ctx.tenantId) } });
    else stmt.selectStmt = { SelectStmt: wrapWithTenant(stmt.selectStmt, ctx.tenantId) };
    return;
  }
  stmt.cols = cols.map((name) => ({ ResTarget: { name } }));
  if (rows.length === 0 && simpleSelect && hasStar(source)) {
    refuse('tenant_column_write', 'tenant_insert', `INSERT … SELECT * that sets "${column}" of "${insert.ref.display}" cannot be checked: list the columns, or leave "${column}" out`, insert.ref.display);
  }
  const values = rows.length > 0 ? rows.map((r) => ({ row: r, at: index })) : simpleSelect ? [{ row: arr(source.targetList), at: index }] : [];
  if (values.length === 0) refuse('tenant_column_write', 'tenant_insert', `INSERT … SELECT with a set operation may not set "${column}" of "${insert.ref.display}"`, insert.ref.display);
  for (const { row, at } of values) checkValue(row, at, insert, ctx, out);
}

function checkValue(row: unknown[], at: number, insert: InsertFact, ctx: TenantContext, out: RuleOutput): void {
  const item = row[at];
  const target = bodyOf(item, 'ResTarget');
  const expr = target ? target.val : item;
  if (bodyOf(expr, 'SetToDefault')) {
    row[at] = target ? { ResTarget: { ...target, val: stringConst(ctx.tenantId) } } : stringConst(ctx.tenantId);
    return;
  }
  const value = stripCast(expr);
  const param = bodyOf(value, 'ParamRef');
  if (param && typeof param.number === 'number') {
    out.paramChecks.push(param.number);
    return;
  }
  const literal = str(obj(bodyOf(value, 'A_Const')?.sval)?.sval);
  if (literal !== undefined && literal.toLowerCase() === ctx.tenantId.toLowerCase()) return;
  refuse('tenant_column_write', 'tenant_insert', `INSERT into "${insert.ref.display}" may only set "${ctx.tenantColumn}" to the session tenant's id`, insert.ref.display);
}

function stripCast(expr: unknown): unknown {
  let e = expr;
  for (let cast = bodyOf(e, 'TypeCast'); cast; cast = bodyOf(e, 'TypeCast')) e = cast.arg;
  return e;
}

/** The INSERT's column list, made explicit from the catalog when the client relies on column order. */
function explicitColumns(stmt: AstObject, insert: InsertFact, width: number): string[] {
  const given = arr(stmt.cols).map((c) => str(bodyOf(c, 'ResTarget')?.name) ?? '');
  if (given.length > 0) return given;
  if (width < 0) refuse('unsupported', 'tenant_insert', `INSERT … SELECT with a set operation into "${insert.ref.display}" needs a column list`, insert.ref.display);
  return insert.ref.relation.columns.slice(0, width);
}

function hasStar(select: AstObject): boolean {
  return arr(select.targetList).some((t) => arr(bodyOf(bodyOf(t, 'ResTarget')?.val, 'ColumnRef')?.fields).some((f) => bodyOf(f, 'A_Star')));
}

function selectWidth(select: AstObject, insert: InsertFact): number {
  if (hasStar(select)) {
    refuse('unsupported', 'tenant_insert', `INSERT … SELECT * into tenant-scoped "${insert.ref.display}" needs a column list`, insert.ref.display);
  }
  return arr(select.targetList).length;
}

/** SELECT *, '<id>' FROM (<set operation>) AS pgfabric_source */
function wrapWithTenant(query: unknown, tenantId: string): AstObject {
  return {
    targetList: [
      { ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }] } } } },
      { ResTarget: { val: stringConst(tenantId) } },
    ],
    fromClause: [{ RangeSubselect: { subquery: query, alias: { aliasname: 'pgfabric_source' } } }],
    limitOption: 'LIMIT_OPTION_DEFAULT',
    op: 'SETOP_NONE',
  };
}

/** MERGE … WHEN NOT MATCHED THEN INSERT [(cols)] VALUES (…): the same fill-or-check as a one-row INSERT. */
function fillMergeInsert(m: MergeInsertFact, ctx: TenantContext, out: RuleOutput): void {
  const clause = m.clause;
  const column = ctx.tenantColumn;
  const values = arr(clause.values);
  if (values.length === 0) refuse('unsupported', 'tenant_insert', `MERGE … INSERT DEFAULT VALUES into tenant-scoped "${m.ref.display}" is not supported; list the columns`, m.ref.display);
  let cols = arr(clause.targetList).map((t) => str(bodyOf(t, 'ResTarget')?.name) ?? '');
  if (cols.length === 0) cols = m.ref.relation.columns.slice(0, values.length);
  clause.targetList = cols.map((name) => ({ ResTarget: { name } }));
  out.changed = true;
  const index = cols.indexOf(column);
  if (index < 0) {
    clause.targetList = [...cols, column].map((name) => ({ ResTarget: { name } }));
    clause.values = [...values, stringConst(ctx.tenantId)];
    return;
  }
  checkValue(values, index, { stmt: clause, ref: m.ref }, ctx, out);
  clause.values = values;
}
