// `pgfabric rewrite --config F --tenant T --role R "SQL"`: prints the SQL pgfabric would run for that
// tenant and role (against the tenant backend's live catalog), or the refusal with its SQLSTATE and
// rule — for users debugging their queries. Exit 0 when the statement passes, 1 when it is refused.
import { loadParser } from '../../rewrite/parser/pg-parser.js';
import { rewriteForTenant } from '../../rewrite/tenant/tenant-rewriter.js';
import { BackendCatalogs } from '../catalog/backend-catalogs.js';
import { loadConfigFile } from '../config/load-config.js';
import { refusalSqlState } from '../errors/refusal-error.js';
import { TenantScope } from '../sessions/tenant-scope.js';

export type RewriteArgs = { config: string; tenant?: string; role?: string; sql?: string };

export async function rewriteCommand(args: RewriteArgs, out: (line: string) => void): Promise<number> {
  if (!args.tenant || !args.role || !args.sql) {
    out('usage: pgfabric rewrite --config FILE --tenant TENANT --role ROLE "SQL"');
    return 2;
  }
  const loaded = await loadConfigFile(args.config);
  if (!loaded.ok) {
    for (const problem of loaded.problems) out(problem);
    return 2;
  }
  const config = loaded.config;
  const tenant = config.tenants.get(args.tenant);
  if (!tenant) return fail(out, `unknown tenant "${args.tenant}"`);
  if (!config.roles.has(args.role)) return fail(out, `unknown role "${args.role}"`);
  await loadParser();
  const catalogs = new BackendCatalogs(() => config);
  await catalogs.get(tenant.backend);
  const context = new TenantScope(config, tenant, args.role, catalogs).current();
  if (!context) return fail(out, `no catalog for backend "${tenant.backend}"`);
  const result = rewriteForTenant(args.sql, context.tenant);
  if (result.kind === 'refused') {
    out(`REFUSED ${refusalSqlState(result.refusal)} [${result.refusal.rule}] ${result.refusal.message}`);
    return 1;
  }
  out(result.sql);
  if (result.paramChecks.length > 0) out(`-- checked at Bind: ${result.paramChecks.map((n) => '$' + n).join(', ')} must be the tenant id ${tenant.id}`);
  for (const warning of result.warnings) out(`-- warning: ${warning}`);
  return 0;
}

function fail(out: (line: string) => void, message: string): number {
  out(message);
  return 2;
}
