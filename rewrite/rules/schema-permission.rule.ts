// Every relation and every DDL target is in a schema the role may use at the level the statement
// needs: read to read, write to insert/update/delete/lock/truncate, ddl to create, alter or drop.
import { refuse } from '../tenant/refusal.js';
import { creationSchema } from '../tenant/relation-resolver.js';
import type { RelationAccess } from '../tenant/statement-facts.js';
import type { SchemaLevel, TenantContext } from '../tenant/tenant-context.js';
import { levelAtLeast, schemaLevel, type TenantRule } from './rule.js';

const NEEDED: Record<RelationAccess, SchemaLevel> = {
  read: 'read', insert: 'write', update: 'write', delete: 'write', lock: 'write', truncate: 'write', ddl: 'ddl',
};

function levelOn(ctx: TenantContext, schema: string): SchemaLevel {
  return schema === 'pg_temp' ? 'ddl' : schemaLevel(ctx, schema);
}

export const schemaPermissionRule: TenantRule = {
  name: 'schema_permission',
  code: 'schema_permission',
  apply(facts, ctx) {
    for (const ref of facts.refs) {
      const schema = ref.relation.temporary ? 'pg_temp' : ref.relation.schema;
      const need = NEEDED[ref.access];
      const have = levelOn(ctx, schema);
      if (!levelAtLeast(have, need)) {
        refuse('schema_permission', this.name, `role "${ctx.roleName}" has ${have} access to schema "${schema}", ${need} is needed for "${ref.display}"`, ref.display);
      }
    }
    for (const named of facts.ddlSchemas) {
      const schema = named ?? creationSchema(ctx) ?? '*';
      const have = schema === '*' ? ctx.schemas['*'] ?? 'none' : levelOn(ctx, schema);
      if (!levelAtLeast(have, 'ddl')) {
        refuse('schema_permission', this.name, `role "${ctx.roleName}" has ${have} access to schema "${schema}", ddl is needed for ${facts.kind.replace(/Stmt$/, '')}`, schema);
      }
    }
  },
};
