// EXPLAIN ANALYZE reports "Rows Removed by Filter": on a table shared by tenants that counts the
// other tenants' rows. Plain EXPLAIN (estimates only) is allowed.
import { refuse } from '../tenant/refusal.js';
import type { TenantRule } from './rule.js';

export const explainAnalyzeRule: TenantRule = {
  name: 'explain_analyze',
  code: 'statement_not_allowed',
  apply(facts) {
    if (!facts.explainAnalyze) return;
    const shared = facts.refs.find((r) => r.tenantScoped);
    if (shared) refuse('statement_not_allowed', this.name, `EXPLAIN ANALYZE would count other tenants' rows of "${shared.display}"`, shared.display);
  },
};
