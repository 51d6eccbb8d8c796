// System views and catalogs that show other tenants' values (statistics, activity, query texts,
// credentials) are never readable through pgfabric, whatever the role.
import { refuse } from '../tenant/refusal.js';
import { deniedRelation } from './function-policy.js';
import type { TenantRule } from './rule.js';

export const systemRelationRule: TenantRule = {
  name: 'system_relation',
  code: 'system_relation',
  apply(facts) {
    for (const ref of facts.refs) {
      const reason = deniedRelation(ref.relation.schema, ref.relation.name);
      if (reason) refuse('system_relation', this.name, `relation "${ref.display}" is not available: ${reason}`, ref.display);
    }
  },
};
