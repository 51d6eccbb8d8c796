// Which statements the catalog emulation answers: a query that reads pg_catalog or information_schema, or
// calls a catalog function (version(), current_database(), format_type(), pg_*…), and touches none of the
// tenant's tables. Such a query goes to the connector's catalog mirror (built from the server's INFORMATION_SCHEMA
// and sys.* views) as a `catalog` plan; one that mixes the catalog with the tenant's tables is refused.
import { walkWrapped } from '../../parser/node-walker.js';
import { obj, str, stringList } from '../../tenant/ast-nodes.js';
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
  // The WITH names first: a SelectStmt's FROM comes before its WITH in the tree, so one pass would see the
  // reference before the definition.
  const cteNames = new Set<string>();
  walkWrapped(stmt, (type, node) => {
    if (type === 'CommonTableExpr') cteNames.add(str(node['ctename']) ?? '');
  });
  walkWrapped(stmt, (type, node) => {
    if (type === 'RangeVar') {
      const schema = str(node['schemaname']) ?? null;
      const name = str(node['relname']) ?? '';
      if (schema !== null && CATALOG_SCHEMAS.has(schema)) found.catalog = true;
      else if (schema === null && cteNames.has(name)) return;
      else if (schema === null && name.startsWith('pg_') && !ctx.table(null, name)) found.catalog = true;
      else found.tenant = true;
    }
    if (type === 'FuncCall') {
      const names = stringList(node['funcname']);
      const name = names[names.length - 1] ?? '';
      if ((names.length > 1 && names[0] === 'pg_catalog' && CATALOG_FUNCTION.test(name)) || (names.length === 1 && CATALOG_FUNCTION.test(name))) found.catalog = true;
    }
    if (type === 'SQLValueFunction' && CATALOG_VALUES.has(String(node['op']))) found.catalog = true;
    if (type === 'TypeCast') {
      const names = stringList(obj(node['typeName'])?.['names']);
      if (REG_TYPES.has(names[names.length - 1] ?? '')) found.catalog = true;
    }
  });
  if (found.catalog && found.tenant) throw unsupported("a query that reads both the catalog (pg_catalog, information_schema) and the tenant's tables");
  return found.catalog;
}
