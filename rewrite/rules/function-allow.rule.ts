// Functions are allowed, not denied: built-ins of the system schemas follow the generated allow-list
// (minus the SQL-string executors, file, large-object and statistics functions); a user-defined
// function runs SQL the rules cannot see, so it needs ddl on its schema or an entry in `allowedFunctions`.
import { refuse } from '../tenant/refusal.js';
import { deniedExtensionFunction, functionVerdict, isSystemSchema } from './function-policy.js';
import { schemaLevel, type TenantRule } from './rule.js';

export const functionAllowRule: TenantRule = {
  name: 'function_allow_list',
  code: 'function_not_allowed',
  apply(facts, ctx) {
    for (const fn of facts.functions) {
      const written = fn.schema ? `${fn.schema}.${fn.name}` : fn.name;
      const schema = fn.resolvedSchema ?? fn.schema ?? 'pg_catalog';
      const extension = deniedExtensionFunction(fn.name);
      if (extension) refuse('function_not_allowed', this.name, `function ${written}() is not allowed: ${extension}`, written);
      if (isSystemSchema(schema)) {
        const verdict = functionVerdict(schema, fn.name);
        if (!verdict.allowed) refuse('function_not_allowed', this.name, `function ${written}() is not allowed: ${verdict.reason}`, written);
        continue;
      }
      if (ctx.allowedFunctions.has(`${schema}.${fn.name}`) || schemaLevel(ctx, schema) === 'ddl') continue;
      refuse('function_not_allowed', this.name, `function ${schema}.${fn.name}() is not on the allow-list (allowedFunctions)`, `${schema}.${fn.name}`);
    }
  },
};
