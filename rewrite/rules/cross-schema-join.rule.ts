// `crossSchemaJoins`: a statement that reads relations of more than one (non-system) schema is
// blocked, warned about, or allowed.
import { refuse } from '../tenant/refusal.js';
import type { TenantRule } from './rule.js';

const SYSTEM = new Set(['pg_catalog', 'information_schema', 'pg_temp']);

export const crossSchemaJoinRule: TenantRule = {
  name: 'cross_schema_join',
  code: 'cross_schema_join',
  apply(facts, ctx, out) {
    if (ctx.crossSchemaJoins === 'allow') return;
    const schemas = new Set<string>();
    for (const ref of facts.refs) if (!ref.relation.temporary && !SYSTEM.has(ref.relation.schema)) schemas.add(ref.relation.schema);
    if (schemas.size < 2) return;
    const list = [...schemas].sort().join(', ');
    if (ctx.crossSchemaJoins === 'block') refuse('cross_schema_join', this.name, `statement uses relations of several schemas (${list})`, list);
    out.warnings.push(`cross-schema statement (${list})`);
  },
};
