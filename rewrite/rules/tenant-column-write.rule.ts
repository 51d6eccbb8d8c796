// The tenant column is never assigned by UPDATE (or ON CONFLICT DO UPDATE): a row cannot be moved to
// another tenant. TRUNCATE and LOCK of tenant-scoped tables would reach every tenant's rows: refused below ddl.
import { refuse } from '../tenant/refusal.js';
import { levelAtLeast, schemaLevel, type TenantRule } from './rule.js';

export const tenantColumnWriteRule: TenantRule = {
  name: 'tenant_column_write',
  code: 'tenant_column_write',
  apply(facts, ctx) {
    for (const a of facts.assignments) {
      if (a.ref.tenantScoped && a.columns.includes(ctx.tenantColumn)) {
        refuse('tenant_column_write', this.name, `${a.clause} may not set "${ctx.tenantColumn}" of "${a.ref.display}"`, a.ref.display);
      }
    }
    if (facts.kind === 'TruncateStmt' && facts.node.behavior === 'DROP_CASCADE') {
      const below = facts.refs.find((r) => !levelAtLeast(schemaLevel(ctx, r.relation.schema), 'ddl'));
      if (below) refuse('truncate_tenant_table', 'truncate_tenant_table', `TRUNCATE … CASCADE of "${below.display}" may reach tables that reference it, tenant-scoped ones included`, below.display);
    }
    for (const ref of facts.refs) {
      if ((ref.access !== 'truncate' && ref.access !== 'lock') || !ref.tenantScoped) continue;
      if (levelAtLeast(schemaLevel(ctx, ref.relation.schema), 'ddl')) continue;
      const code = ref.access === 'truncate' ? 'truncate_tenant_table' : 'tenant_column_write';
      refuse(code, ref.access === 'truncate' ? 'truncate_tenant_table' : 'lock_tenant_table',
        `${ref.access.toUpperCase()} of tenant-scoped "${ref.display}" would reach every tenant's rows`, ref.display);
    }
  },
};
