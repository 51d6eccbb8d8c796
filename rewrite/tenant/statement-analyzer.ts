// Walks one parsed statement with full knowledge of scope (CTEs, aliases, search_path) and records
// every relation reference with where its tenant predicate belongs, every function call, every INSERT
// and every assignment. Names are resolved against the catalog and written back schema-qualified, so
// what the rules check is exactly what runs. Anything it does not understand is refused.
import type { CatalogRelation } from '../catalog/catalog.js';
import { walkWrapped, unwrap, type AstObject } from '../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from './ast-nodes.js';
import { analyzeUtility } from './utility-analyzer.js';
import { refuse } from './refusal.js';
import { CteScope, resolveFunctionSchema, resolveRelation } from './relation-resolver.js';
import type { PredicateSite, RelationAccess, RelationRef, StatementFacts } from './statement-facts.js';
import type { TenantContext } from './tenant-context.js';

type SiteFor = (wrapper: AstObject) => PredicateSite | null;

export class StatementAnalyzer {
  readonly facts: StatementFacts;
  /** Inside a view or function body: references are checked, but no predicate is added. */
  private checkOnly = false;

  constructor(
    private readonly ctx: TenantContext,
    stmt: AstObject,
    kind: string,
  ) {
    this.facts = { kind, node: stmt, refs: [], functions: [], inserts: [], mergeInserts: [], assignments: [], explainAnalyze: false, ddl: false, ddlSchemas: [], copyIn: null, searchPathReset: false, channels: [], tempCreated: [], searchPath: null };
  }

  static analyze(ctx: TenantContext, wrapped: AstObject): StatementFacts {
    selectIntoAsCreateTableAs(wrapped);
    const top = unwrap(wrapped);
    if (!top) refuse('unsupported', 'parser', 'statement could not be read');
    const analyzer = new StatementAnalyzer(ctx, top.node, top.type);
    analyzer.statement(wrapped, CteScope.EMPTY);
    return analyzer.facts;
  }

  /** Any statement, wrapped. Data statements are handled here; the rest by the utility analyser. */
  statement(wrapped: unknown, scope: CteScope): void {
    const u = unwrap(wrapped);
    if (!u) refuse('unsupported', 'parser', 'statement could not be read');
    switch (u.type) {
      case 'SelectStmt': return this.select(u.node, scope);
      case 'InsertStmt': return this.insert(u.node, scope);
      case 'UpdateStmt': return this.update(u.node, scope);
      case 'DeleteStmt': return this.delete(u.node, scope);
      case 'MergeStmt': return this.merge(u.node, scope);
      default: return analyzeUtility(this, u.type, u.node, scope);
    }
  }

  get tenantColumn(): string {
    return this.ctx.tenantColumn;
  }

  /** Runs `fn` with predicates disabled (view bodies, CREATE … AS in DDL that stores a query). */
  checkingOnly(fn: () => void): void {
    const saved = this.checkOnly;
    this.checkOnly = true;
    try { fn(); } finally { this.checkOnly = saved; }
  }

  select(node: AstObject, outer: CteScope): void {
    const scope = this.withClause(obj(node.withClause), outer);
    if (str(node.op) !== undefined && node.op !== 'SETOP_NONE') {
      const larg = obj(node.larg);
      const rarg = obj(node.rarg);
      if (!larg || !rarg) refuse('unsupported', 'parser', 'set operation without both branches');
      this.select(larg, scope);
      this.select(rarg, scope);
      this.expressions([node.sortClause, node.limitOffset, node.limitCount], scope);
      return;
    }
    const into = obj(node.intoClause);
    if (into) this.facts.ddl = true, this.ddlTarget(obj(into.rel));
    const site: SiteFor = () => ({ kind: 'where', holder: node });
    const first = this.facts.refs.length;
    for (const item of arr(node.fromClause)) this.fromItem(item, scope, site);
    this.qualifyDuplicates(first, node);
    this.expressions(
      [node.targetList, node.whereClause, node.groupClause, node.havingClause, node.windowClause, node.sortClause,
        node.limitOffset, node.limitCount, node.distinctClause, node.valuesLists],
      scope,
    );
  }

  private withClause(withClause: AstObject | undefined, outer: CteScope): CteScope {
    if (!withClause) return outer;
    const ctes = arr(withClause.ctes).map((c) => bodyOf(c, 'CommonTableExpr')).filter((c): c is AstObject => !!c);
    const names = ctes.map((c) => str(c.ctename) ?? '');
    if (withClause.recursive === true) {
      const inner = outer.with(names);
      for (const cte of ctes) this.statement(cte.ctequery, inner);
      return inner;
    }
    // Non-recursive: a CTE sees the ones before it, never itself — `WITH t AS (SELECT * FROM t)` reads the real t.
    ctes.forEach((cte, i) => this.statement(cte.ctequery, outer.with(names.slice(0, i))));
    return outer.with(names);
  }

  fromItem(wrapped: unknown, scope: CteScope, siteFor: SiteFor): void {
    const u = unwrap(wrapped);
    if (!u || !obj(wrapped)) refuse('unsupported', 'parser', 'unreadable FROM item');
    const wrapper = wrapped as AstObject;
    const n = u.node;
    switch (u.type) {
      case 'RangeVar':
        return this.relationInFrom(n, scope, siteFor(wrapper));
      case 'RangeSubselect': {
        const sub = bodyOf(n.subquery, 'SelectStmt');
        if (!sub) refuse('unsupported', 'parser', 'subquery in FROM is not a SELECT');
        return this.select(sub, scope);
      }
      case 'JoinExpr':
        return this.join(n, scope, siteFor);
      case 'RangeFunction':
      case 'RangeTableFunc':
      case 'JsonTable':
        return this.expressions([wrapper], scope);
      case 'RangeTableSample': {
        const rv = bodyOf(n.relation, 'RangeVar');
        const site = siteFor(wrapper);
        if (!rv || site?.kind === 'wrap') refuse('unsupported', 'tenant_predicate', 'TABLESAMPLE on the preserved side of a FULL JOIN is not supported');
        this.relationInFrom(rv, scope, site);
        return this.expressions([n.args, n.repeatable, n.method], scope);
      }
      default:
        return refuse('unsupported', 'parser', `${u.type} in FROM is not supported`);
    }
  }

  private join(join: AstObject, scope: CteScope, parentSite: SiteFor): void {
    const wrap: SiteFor = (wrapper) => ({ kind: 'wrap', wrapper });
    // `(a JOIN b …) AS j` hides a and b from the enclosing WHERE: relations inside are filtered in place.
    const siteFor: SiteFor = join.alias ? wrap : parentSite;
    // An outer join with USING or NATURAL takes no further ON condition: its nullable side is filtered in place.
    const own: SiteFor = join.usingClause !== undefined || join.isNatural === true ? wrap : () => ({ kind: 'quals', join });
    switch (join.jointype) {
      case 'JOIN_INNER':
        this.fromItem(join.larg, scope, siteFor);
        this.fromItem(join.rarg, scope, siteFor);
        break;
      case 'JOIN_LEFT':
        this.fromItem(join.larg, scope, siteFor);
        this.fromItem(join.rarg, scope, own);
        break;
      case 'JOIN_RIGHT':
        this.fromItem(join.larg, scope, own);
        this.fromItem(join.rarg, scope, siteFor);
        break;
      case 'JOIN_FULL':
        // Neither side is filtered by the other's ON: each relation is replaced by a filtered subquery.
        this.fromItem(join.larg, scope, wrap);
        this.fromItem(join.rarg, scope, wrap);
        break;
      default:
        refuse('unsupported', 'parser', `join type ${String(join.jointype)} is not supported`);
    }
    this.expressions([join.quals], scope);
  }

  /**
   * `FROM app.notes, public.notes` is legal, but `notes.tenant_id` would then be ambiguous: unaliased
   * references sharing a name at one level get schema-qualified predicates (`app.notes.tenant_id`).
   */
  private qualifyDuplicates(first: number, holder: AstObject): void {
    const level = this.facts.refs.slice(first).filter((r) => r.site !== null && (r.site.kind === 'quals' || (r.site.kind === 'where' && r.site.holder === holder)));
    const counts = new Map<string, number>();
    for (const r of level) counts.set(r.refName, (counts.get(r.refName) ?? 0) + 1);
    for (const r of level) if ((counts.get(r.refName) ?? 0) > 1 && r.rangeVar.alias === undefined) r.qualifier = str(r.rangeVar.schemaname) ?? null;
  }

  private relationInFrom(rv: AstObject, scope: CteScope, site: PredicateSite | null): void {
    const relname = str(rv.relname) ?? '';
    const resolved = resolveRelation(str(rv.schemaname), relname, scope, this.ctx);
    if (resolved.kind === 'cte') return;
    if (resolved.kind === 'unknown') refuse('unknown_relation', 'catalog', `relation "${resolved.display}" does not exist`, resolved.display);
    this.addRef(rv, resolved.relation, 'read', site);
  }

  /** Resolves a target relation (INSERT/UPDATE/DELETE/COPY/LOCK/TRUNCATE) — never a CTE. */
  target(rv: AstObject | undefined, access: RelationAccess, site: PredicateSite | null): RelationRef {
    if (!rv) refuse('unsupported', 'parser', 'statement without a target relation');
    const resolved = resolveRelation(str(rv.schemaname), str(rv.relname) ?? '', CteScope.EMPTY, this.ctx);
    if (resolved.kind !== 'relation') {
      const display = resolved.kind === 'unknown' ? resolved.display : str(rv.relname) ?? '';
      refuse('unknown_relation', 'catalog', `relation "${display}" does not exist`, display);
    }
    return this.addRef(rv, resolved.relation, access, site);
  }

  addRef(rv: AstObject, relation: CatalogRelation, access: RelationAccess, site: PredicateSite | null): RelationRef {
    const tenantColumn = this.ctx.tenantColumn;
    const tenantIndex = relation.columns.indexOf(tenantColumn);
    const alias = obj(rv.alias);
    const colnames = stringList(alias?.colnames);
    rv.schemaname = relation.temporary ? 'pg_temp' : relation.schema;
    const ref: RelationRef = {
      rangeVar: rv,
      display: `${relation.schema}.${relation.name}`,
      relation,
      access,
      tenantScoped: tenantIndex >= 0,
      site: this.checkOnly ? null : site,
      refName: str(alias?.aliasname) ?? relation.name,
      qualifier: null,
      tenantColumnName: tenantIndex >= 0 && tenantIndex < colnames.length ? colnames[tenantIndex]! : tenantColumn,
    };
    this.facts.refs.push(ref);
    return ref;
  }

  /** A relation created or altered by DDL: needs ddl on its schema; it may not exist yet. */
  ddlTarget(rv: AstObject | undefined): void {
    if (!rv) return;
    this.facts.ddl = true;
    // A temporary table is always created in pg_temp, whatever the search_path holds.
    if (rv.relpersistence === 't' || rv.schemaname === 'pg_temp') return void this.facts.ddlSchemas.push('pg_temp');
    const resolved = resolveRelation(str(rv.schemaname), str(rv.relname) ?? '', CteScope.EMPTY, this.ctx);
    if (resolved.kind === 'relation') this.addRef(rv, resolved.relation, 'ddl', null);
    else this.facts.ddlSchemas.push(rv.relpersistence === 't' ? 'pg_temp' : str(rv.schemaname) ?? null);
  }

  private insert(node: AstObject, outer: CteScope): void {
    const scope = this.withClause(obj(node.withClause), outer);
    const ref = this.target(obj(node.relation), 'insert', null);
    this.facts.inserts.push({ stmt: node, ref });
    const source = bodyOf(node.selectStmt, 'SelectStmt');
    if (source) this.select(source, scope);
    const conflict = obj(node.onConflictClause);
    if (conflict) {
      if (conflict.action === 'ONCONFLICT_UPDATE') {
        const conflictRef = this.addRef(ref.rangeVar, ref.relation, 'update', { kind: 'where', holder: conflict });
        this.facts.assignments.push({ ref: conflictRef, columns: assignedColumns(conflict.targetList), clause: 'ON CONFLICT DO UPDATE' });
      }
      this.expressions([conflict.targetList, conflict.whereClause, obj(conflict.infer)?.whereClause, obj(conflict.infer)?.indexElems], scope);
    }
    this.expressions([obj(node.returningClause)?.exprs], scope);
  }

  private update(node: AstObject, outer: CteScope): void {
    const scope = this.withClause(obj(node.withClause), outer);
    const ref = this.target(obj(node.relation), 'update', { kind: 'where', holder: node });
    this.facts.assignments.push({ ref, columns: assignedColumns(node.targetList), clause: 'UPDATE' });
    const site: SiteFor = () => ({ kind: 'where', holder: node });
    for (const item of arr(node.fromClause)) this.fromItem(item, scope, site);
    this.expressions([node.targetList, node.whereClause, obj(node.returningClause)?.exprs], scope);
  }

  private delete(node: AstObject, outer: CteScope): void {
    const scope = this.withClause(obj(node.withClause), outer);
    this.target(obj(node.relation), 'delete', { kind: 'where', holder: node });
    const site: SiteFor = () => ({ kind: 'where', holder: node });
    for (const item of arr(node.usingClause)) this.fromItem(item, scope, site);
    this.expressions([node.whereClause, obj(node.returningClause)?.exprs], scope);
  }

  private merge(node: AstObject, outer: CteScope): void {
    const scope = this.withClause(obj(node.withClause), outer);
    const clauses = arr(node.mergeWhenClauses).map((c) => bodyOf(c, 'MergeWhenClause')).filter((c): c is AstObject => !!c);
    const commands = new Set(clauses.map((c) => c.commandType));
    const access = commands.has('CMD_DELETE') ? 'delete' : commands.has('CMD_UPDATE') ? 'update' : 'insert';
    const ref = this.target(obj(node.relation), access, { kind: 'mergeOn', merge: node });
    // The source has no WHERE of its own: a tenant-scoped source relation is filtered in place.
    const wrap: SiteFor = (wrapper) => ({ kind: 'wrap', wrapper });
    this.fromItem(node.sourceRelation, scope, wrap);
    for (const clause of clauses) {
      if (clause.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE' && ref.tenantScoped) {
        // With the tenant predicate in ON, every other tenant's row is "not matched by source".
        refuse('unsupported', 'merge', `MERGE … WHEN NOT MATCHED BY SOURCE on tenant-scoped "${ref.display}" would reach other tenants' rows`, ref.display);
      }
      if (clause.commandType === 'CMD_UPDATE') this.facts.assignments.push({ ref, columns: assignedColumns(clause.targetList), clause: 'MERGE' });
      if (clause.commandType === 'CMD_INSERT') this.facts.mergeInserts.push({ clause, ref });
      this.expressions([clause.condition, clause.targetList, clause.values], scope);
    }
    this.expressions([node.joinCondition, obj(node.returningClause)?.exprs], scope);
  }

  /** Expressions: subqueries are analysed in scope; function calls recorded; relations here are refused. */
  expressions(values: readonly unknown[], scope: CteScope): void {
    for (const value of values) {
      if (value === undefined) continue;
      walkWrapped(value, (type, node) => {
        switch (type) {
          case 'SubLink': {
            this.expressions([node.testexpr], scope);
            const sub = bodyOf(node.subselect, 'SelectStmt');
            if (!sub) refuse('unsupported', 'parser', 'subquery is not a SELECT');
            this.select(sub, scope);
            return false;
          }
          case 'FuncCall':
            this.functionCall(stringList(node.funcname));
            return true;
          case 'A_Expr': {
            // OPERATOR(app.+) calls a user function the allow-list must see.
            const op = stringList(node.name);
            if (op.length > 1 && op[0] !== 'pg_catalog') this.functionCall(op);
            return true;
          }
          case 'CurrentOfExpr':
            return refuse('unsupported', 'tenant_predicate', 'WHERE CURRENT OF is not supported');
          case 'RangeVar':
          case 'SelectStmt':
          case 'InsertStmt':
          case 'UpdateStmt':
          case 'DeleteStmt':
            return refuse('unsupported', 'parser', `${type} in an unexpected place`);
          default:
            return true;
        }
      });
    }
  }

  functionCall(names: readonly string[]): void {
    const name = names[names.length - 1] ?? '';
    const schema = names.length > 1 ? names[names.length - 2]! : null;
    this.facts.functions.push({ schema, name, resolvedSchema: resolveFunctionSchema(schema, name, this.ctx) });
  }
}

function assignedColumns(targetList: unknown): string[] {
  const out: string[] = [];
  for (const item of arr(targetList)) {
    const name = str(bodyOf(item, 'ResTarget')?.name);
    if (name !== undefined) out.push(name);
  }
  return out;
}

/**
 * SELECT … INTO t is CREATE TABLE t AS SELECT …; the printer drops TEMP from the first form, so the
 * statement is turned into the second before anything else looks at it.
 */
function selectIntoAsCreateTableAs(wrapped: AstObject): void {
  const select = bodyOf(wrapped, 'SelectStmt');
  const into = obj(select?.intoClause);
  if (!select || !into) return;
  const query: AstObject = { ...select };
  delete query.intoClause;
  delete wrapped.SelectStmt;
  wrapped.CreateTableAsStmt = { query: { SelectStmt: query }, into, objtype: 'OBJECT_TABLE' };
}
