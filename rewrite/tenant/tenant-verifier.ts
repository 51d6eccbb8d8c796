// The independent check after the rules: the printed SQL is parsed again and must (1) be exactly the
// tree the rules produced (the printer has known traps), (2) pass every checking rule again, and
// (3) carry the session tenant's predicate on every tenant-scoped reference and the tenant's id in
// every INSERT into a tenant-scoped relation. A rule bug therefore fails closed.
import { parseSql } from '../parser/pg-parser.js';
import type { AstObject } from '../parser/node-walker.js';
import { CHECK_RULES } from '../rules/rule-registry.js';
import type { RuleOutput } from '../rules/rule.js';
import { arr, bodyOf, equalsPredicate, obj, str } from './ast-nodes.js';
import { canonical, sameTree } from './canonical-tree.js';
import { refuse } from './refusal.js';
import { StatementAnalyzer } from './statement-analyzer.js';
import type { InsertFact, RelationRef } from './statement-facts.js';
import type { TenantContext } from './tenant-context.js';

export function verifyRewrite(printed: string, intended: AstObject, ctx: TenantContext, paramChecks: readonly number[]): void {
  const parsed = parseSql(printed);
  if (parsed.kind !== 'parsed' || parsed.statements.length !== 1) fail('the rewritten statement does not parse back');
  const tree = parsed.statements[0]!.stmt as AstObject;
  if (!sameTree(tree, intended)) fail('the printed statement differs from the checked one');
  const facts = StatementAnalyzer.analyze(ctx, tree);
  const out: RuleOutput = { paramChecks: [], warnings: [], changed: false };
  for (const rule of CHECK_RULES) rule.apply(facts, ctx, out);
  for (const ref of facts.refs) if (ref.tenantScoped && ref.site && !hasPredicate(ref, ctx)) fail(`"${ref.display}" has no tenant predicate`, ref.display);
  for (const insert of facts.inserts) if (insert.ref.tenantScoped) checkInsert(insert, ctx, paramChecks);
  for (const m of facts.mergeInserts) {
    if (!m.ref.tenantScoped) continue;
    const at = arr(m.clause.targetList).map((t) => str(bodyOf(t, 'ResTarget')?.name)).indexOf(ctx.tenantColumn);
    if (at < 0 || !isTenantValue(arr(m.clause.values)[at], ctx, paramChecks)) fail(`MERGE … INSERT into "${m.ref.display}" does not set "${ctx.tenantColumn}" to the tenant's id`, m.ref.display);
  }
}

function fail(message: string, relation?: string): never {
  refuse('verifier', 'verifier', `statement refused by the verifier: ${message}`, relation);
}

function conjuncts(expr: unknown): string[] {
  const and = bodyOf(expr, 'BoolExpr');
  if (and && and.boolop === 'AND_EXPR') return arr(and.args).flatMap(conjuncts);
  return expr === undefined ? [] : [canonical(expr)];
}

function hasPredicate(ref: RelationRef, ctx: TenantContext): boolean {
  const site = ref.site!;
  const expr = site.kind === 'where' ? site.holder.whereClause : site.kind === 'quals' ? site.join.quals : site.kind === 'mergeOn' ? site.merge.joinCondition : undefined;
  return conjuncts(expr).includes(canonical(equalsPredicate(ref.refName, ref.tenantColumnName, ctx.tenantId, ref.qualifier)));
}

function checkInsert(insert: InsertFact, ctx: TenantContext, paramChecks: readonly number[]): void {
  const cols = arr(insert.stmt.cols).map((c) => str(bodyOf(c, 'ResTarget')?.name));
  const at = cols.indexOf(ctx.tenantColumn);
  if (at < 0) fail(`INSERT into "${insert.ref.display}" does not set "${ctx.tenantColumn}"`, insert.ref.display);
  const source = bodyOf(insert.stmt.selectStmt, 'SelectStmt');
  const rows = arr(source?.valuesLists).map((l) => arr(bodyOf(l, 'List')?.items));
  const targets = arr(source?.targetList);
  // SELECT *, '<id>' FROM (<set operation>) AS pgfabric_source: the tenant value is the last target.
  const star = targets.some((t) => arr(bodyOf(bodyOf(t, 'ResTarget')?.val, 'ColumnRef')?.fields).some((f) => bodyOf(f, 'A_Star')));
  const selected = star ? targets[targets.length - 1] : targets[at];
  const values = rows.length > 0 ? rows.map((r) => r[at]) : [bodyOf(selected, 'ResTarget')?.val];
  for (const v of values) if (!isTenantValue(v, ctx, paramChecks)) fail(`INSERT into "${insert.ref.display}" sets "${ctx.tenantColumn}" to another value`, insert.ref.display);
}

function isTenantValue(value: unknown, ctx: TenantContext, paramChecks: readonly number[]): boolean {
  let v = value;
  for (let cast = bodyOf(v, 'TypeCast'); cast; cast = bodyOf(v, 'TypeCast')) v = cast.arg;
  const param = bodyOf(v, 'ParamRef');
  if (param) return typeof param.number === 'number' && paramChecks.includes(param.number);
  return str(obj(bodyOf(v, 'A_Const')?.sval)?.sval)?.toLowerCase() === ctx.tenantId.toLowerCase();
}
