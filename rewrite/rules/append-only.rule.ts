// Relations listed in `appendOnly` (ledgers, journals) refuse UPDATE, DELETE and TRUNCATE below ddl.
import { refuse } from '../tenant/refusal.js';
import { levelAtLeast, schemaLevel, type TenantRule } from './rule.js';

export const appendOnlyRule: TenantRule = {
  name: 'append_only',
  code: 'append_only',
  apply(facts, ctx) {
    for (const ref of facts.refs) {
      if (ref.access !== 'update' && ref.access !== 'delete' && ref.access !== 'truncate') continue;
      if (!ctx.appendOnly.has(ref.display)) continue;
      if (levelAtLeast(schemaLevel(ctx, ref.relation.schema), 'ddl')) continue;
      refuse('append_only', this.name, `"${ref.display}" is append-only: ${ref.access.toUpperCase()} is not allowed`, ref.display);
    }
  },
};
