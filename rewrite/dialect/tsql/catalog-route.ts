// Which statements the catalog emulation answers: a query that reads pg_catalog or information_schema, or
// calls a catalog function (version(), current_database(), format_type(), pg_*…), and touches none of the
// tenant's tables. Such a query goes to the connector's catalog mirror (built from the server's INFORMATION_SCHEMA
// and sys.* views) as a `catalog` plan; one that mixes the catalog with the tenant's tables is refused.
import { unsupported } from '../common/compile-error.js';
import type { TsqlContext } from './context.js';

const CATALOG_SCHEMAS = new Set(['pg_catalog', 'information_schema']);
/** Functions the T-SQL compiler has no meaning for outside the catalog: they are answered by the emulation. */
const CATALOG_FUNCTION = /^(pg_|has_.*_privilege$|format_type$|version$|current_database$|current_schema$|current_schemas$|current_setting$|set_config$|obj_description$|col_description$|shobj_description$|quote_ident$|txid_current$|inet_server_addr$|inet_server_port$)/;
const CATALOG_VALUES = new Set(['SVFOP_CURRENT_USER', 'SVFOP_SESSION_USER', 'SVFOP_USER', 'SVFOP_CURRENT_ROLE', 'SVFOP_CURRENT_CATALOG', 'SVFOP_CURRENT_SCHEMA']);
const REG_TYPES = new Set(['regclass', 'regtype', 'regproc', 'regprocedure', 'regnamespace', 'regrole', 'regoper', 'oid']);

type Found = { catalog: boolean; tenant: boolean };

export function readsCatalog(ctx: TsqlContext, stmt: unknown): boolean {
  const found: Found = { catalog: false, tenant: false };
  const cteNames = new Set<string>();
  walk(stmt, (type, node) => {
    if (type === 'CommonTableExpr' && typeof node['ctename'] === 'string') cteNames.add(node['ctename']);
    if (type === 'RangeVar') {
      const schema = typeof node['schemaname'] === 'string' ? node['schemaname'] : null;
      const name = typeof node['relname'] === 'string' ? node['relname'] : '';
      if (schema !== null && CATALOG_SCHEMAS.has(schema)) found.catalog = true;
      else if (schema === null && cteNames.has(name)) return;
      else if (schema === null && name.startsWith('pg_') && !ctx.table(null, name)) found.catalog = true;
      else found.tenant = true;
    }
    if (type === 'FuncCall') {
      const names = (Array.isArray(node['funcname']) ? node['funcname'] : []).map((n) => (n as { String?: { sval?: string } }).String?.sval ?? '');
      const name = names[names.length - 1] ?? '';
      if ((names.length > 1 && names[0] === 'pg_catalog' && CATALOG_FUNCTION.test(name)) || (names.length === 1 && CATALOG_FUNCTION.test(name))) found.catalog = true;
    }
    if (type === 'SQLValueFunction' && CATALOG_VALUES.has(String(node['op']))) found.catalog = true;
    if (type === 'TypeCast') {
      const names = ((node['typeName'] as { names?: { String?: { sval?: string } }[] } | undefined)?.names ?? []).map((n) => n.String?.sval ?? '');
      if (REG_TYPES.has(names[names.length - 1] ?? '')) found.catalog = true;
    }
  });
  if (found.catalog && found.tenant) throw unsupported("a query that reads both the catalog (pg_catalog, information_schema) and the tenant's tables");
  return found.catalog;
}

function walk(node: unknown, visit: (type: string, body: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (/^[A-Z]/.test(key) && value && typeof value === 'object' && !Array.isArray(value)) visit(key, value as Record<string, unknown>);
    walk(value, visit);
  }
}
