// A view over tenant-scoped data that does not expose the tenant column cannot be filtered: reading
// it would show every tenant's rows, so it is refused.
import { refuse } from '../tenant/refusal.js';
import type { TenantRule } from './rule.js';

export const viewTenantColumnRule: TenantRule = {
  name: 'view_hides_tenant',
  code: 'view_hides_tenant',
  apply(facts, ctx) {
    for (const ref of facts.refs) {
      if (ref.access === 'ddl') continue; // replacing or dropping the view is how a ddl role fixes it
      const kind = ref.relation.kind;
      if ((kind === 'view' || kind === 'matview') && ref.relation.readsTenantScoped && !ref.tenantScoped) {
        refuse('view_hides_tenant', this.name, `${kind === 'view' ? 'view' : 'materialized view'} "${ref.display}" reads tenant-scoped data but has no "${ctx.tenantColumn}" column`, ref.display);
      }
    }
  },
};
