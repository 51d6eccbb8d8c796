// Every tenant-scoped relation reference gets `ref.tenant_column = '<tenant id>'` where it belongs:
// the WHERE of its (sub)statement, the ON of the outer join whose nullable side it is on, or — on a
// side of a FULL JOIN — a filtered subquery that takes its place.
import type { AstObject } from '../parser/node-walker.js';
import { andInto, equalsPredicate, obj } from '../tenant/ast-nodes.js';
import type { RelationRef } from '../tenant/statement-facts.js';
import type { TenantRule } from './rule.js';

export const rowPredicateRule: TenantRule = {
  name: 'tenant_predicate',
  code: 'verifier',
  apply(facts, ctx, out) {
    for (const ref of facts.refs) {
      if (!ref.tenantScoped || !ref.site) continue;
      const predicate = equalsPredicate(ref.refName, ref.tenantColumnName, ctx.tenantId, ref.qualifier);
      switch (ref.site.kind) {
        case 'where': andInto(ref.site.holder, 'whereClause', predicate); break;
        case 'quals': andInto(ref.site.join, 'quals', predicate); break;
        case 'mergeOn': andInto(ref.site.merge, 'joinCondition', predicate); break;
        case 'wrap': wrapInSubquery(ref, ref.site.wrapper, ctx.tenantColumn, ctx.tenantId); break;
      }
      out.changed = true;
    }
  },
};

function wrapInSubquery(ref: RelationRef, wrapper: AstObject, tenantColumn: string, tenantId: string): void {
  const rv = ref.rangeVar;
  const alias = obj(rv.alias) ?? { aliasname: ref.relation.name };
  const inner: AstObject = { ...rv };
  delete inner.alias;
  delete wrapper.RangeVar;
  wrapper.RangeSubselect = {
    subquery: {
      SelectStmt: {
        targetList: [{ ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }] } } } }],
        fromClause: [{ RangeVar: inner }],
        whereClause: equalsPredicate(ref.relation.name, tenantColumn, tenantId),
        limitOption: 'LIMIT_OPTION_DEFAULT',
        op: 'SETOP_NONE',
      },
    },
    alias,
  };
}
