// System views and catalogs that show other tenants' values (statistics, activity, query texts,
// credentials) are not readable through pgfabric — except by an operator role, one with ddl on every
// schema ("*": ddl), which already sees every tenant's rows.
import { refuse } from '../tenant/refusal.js';
import { deniedRelation } from './function-policy.js';
import type { TenantRule } from './rule.js';

export const systemRelationRule: TenantRule = {
  name: 'system_relation',
  code: 'system_relation',
  apply(facts, ctx) {
    if (ctx.schemas['*'] === 'ddl') return;
    for (const ref of facts.refs) {
      const reason = deniedRelation(ref.relation.schema, ref.relation.name);
      if (reason) refuse('system_relation', this.name, `relation "${ref.display}" is not available: ${reason}`, ref.display);
    }
  },
};
