// Statements other than SELECT/INSERT/UPDATE/DELETE: the ones that wrap a query (COPY, EXPLAIN,
// DECLARE, PREPARE, CREATE TABLE AS, CREATE VIEW), SET, LOCK/TRUNCATE, DDL, and the plain session and
// transaction commands. A statement type not listed here is refused (fail closed).
import type { AstObject } from '../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from './ast-nodes.js';
import { refuse } from './refusal.js';
import type { CteScope } from './relation-resolver.js';
import type { StatementAnalyzer } from './statement-analyzer.js';
import type { CopyInPlan } from './statement-facts.js';

/** Session and transaction commands that touch no relation. */
const PLAIN = new Set([
  'TransactionStmt', 'VariableShowStmt', 'DeallocateStmt', 'DiscardStmt', 'ExecuteStmt', 'FetchStmt',
  'ClosePortalStmt', 'ConstraintsSetStmt',
]);

/** DDL: allowed at `ddl` level on every schema it names. */
const DDL = new Set([
  'CreateStmt', 'AlterTableStmt', 'DropStmt', 'IndexStmt', 'CreateSchemaStmt', 'CommentStmt', 'RenameStmt',
  'CreateSeqStmt', 'AlterSeqStmt', 'CreateEnumStmt', 'AlterEnumStmt', 'CompositeTypeStmt', 'CreateDomainStmt',
  'AlterDomainStmt', 'DefineStmt', 'CreateFunctionStmt', 'AlterFunctionStmt', 'CreateTrigStmt', 'RefreshMatViewStmt',
  'VacuumStmt', 'CreateExtensionStmt', 'AlterObjectSchemaStmt', 'AlterOwnerStmt',
]);

/** Refused outright, with the reason users see. */
const FORBIDDEN: Record<string, string> = {
  DoStmt: 'DO blocks run SQL the rules cannot see',
  CreateRoleStmt: 'role management is not available through pgfabric',
  AlterRoleStmt: 'role management is not available through pgfabric',
  DropRoleStmt: 'role management is not available through pgfabric',
  GrantStmt: 'GRANT/REVOKE are not available through pgfabric',
  GrantRoleStmt: 'GRANT/REVOKE are not available through pgfabric',
  CreatedbStmt: 'database management is not available through pgfabric',
  DropdbStmt: 'database management is not available through pgfabric',
  LoadStmt: 'LOAD reaches outside the tenant',
  AlterSystemStmt: 'ALTER SYSTEM reaches outside the tenant',
  CreateFdwStmt: 'foreign data wrappers reach outside the tenant',
  CreateForeignServerStmt: 'foreign servers reach outside the tenant',
  CreateUserMappingStmt: 'user mappings reach outside the tenant',
  ImportForeignSchemaStmt: 'foreign schemas reach outside the tenant',
  CheckPointStmt: 'CHECKPOINT affects every tenant',
  ReindexStmt: 'REINDEX affects every tenant',
  ClusterStmt: 'CLUSTER affects every tenant',
  AlterDatabaseStmt: 'database management is not available through pgfabric',
  AlterDatabaseSetStmt: 'database management is not available through pgfabric',
  AlterRoleSetStmt: 'role management is not available through pgfabric',
  ReassignOwnedStmt: 'role management is not available through pgfabric',
  DropOwnedStmt: 'role management is not available through pgfabric',
};

export function analyzeUtility(a: StatementAnalyzer, type: string, node: AstObject, scope: CteScope): void {
  if (PLAIN.has(type)) return;
  if (type in FORBIDDEN) return refuse('statement_not_allowed', 'statement_allow_list', FORBIDDEN[type]!);
  switch (type) {
    case 'CopyStmt': return copy(a, node, scope);
    case 'ListenStmt':
    case 'UnlistenStmt':
    case 'NotifyStmt':
      if (typeof node.conditionname === 'string') a.facts.channels.push(node);
      return;
    case 'ExplainStmt': return explain(a, node, scope);
    case 'DeclareCursorStmt':
    case 'PrepareStmt':
      return a.statement(node.query, scope);
    case 'CreateTableAsStmt': {
      const into = obj(node.into);
      a.ddlTarget(obj(into?.rel));
      noteTemp(a, obj(into?.rel), stringList(into?.colNames));
      return a.statement(node.query, scope);
    }
    case 'ViewStmt':
      a.ddlTarget(obj(node.view));
      // The view's body is stored, not run now: check it, but bake no tenant's predicate into it.
      return a.checkingOnly(() => a.statement(node.query, scope));
    case 'VariableSetStmt': return variableSet(a, node);
    case 'LockStmt':
      for (const rel of arr(node.relations)) a.target(bodyOf(rel, 'RangeVar'), 'lock', null);
      return;
    case 'TruncateStmt':
      for (const rel of arr(node.relations)) a.target(bodyOf(rel, 'RangeVar'), 'truncate', null);
      return;
    case 'CallStmt': {
      const call = obj(node.funccall);
      a.functionCall(stringList(call?.funcname));
      return a.expressions([call?.args], scope);
    }
    default:
      if (DDL.has(type)) return ddl(a, type, node);
      return refuse('statement_not_allowed', 'statement_allow_list', `${type.replace(/Stmt$/, '')} statements are not allowed through pgfabric`);
  }
}

function copy(a: StatementAnalyzer, node: AstObject, scope: CteScope): void {
  if (node.is_program === true) return refuse('statement_not_allowed', 'copy', 'COPY … PROGRAM runs a program on the database server');
  if (str(node.filename) !== undefined) return refuse('statement_not_allowed', 'copy', 'COPY to or from a server file reaches outside the tenant');
  if (node.query !== undefined) return a.statement(node.query, scope);
  const rv = obj(node.relation);
  if (node.is_from === true) {
    const ref = a.target(rv, 'insert', null);
    if (ref.tenantScoped) a.facts.copyIn = copyInPlan(node, ref.relation.columns, a.tenantColumn, ref.display);
    return a.expressions([node.whereClause], scope);
  }
  // COPY rel TO … becomes COPY (SELECT cols FROM rel) TO …, so the relation gets its predicate.
  const cols = stringList(node.attlist);
  const select: AstObject = {
    targetList: (cols.length ? cols : ['*']).map((c) => ({ ResTarget: { val: { ColumnRef: { fields: [c === '*' ? { A_Star: {} } : { String: { sval: c } }] } } } })),
    fromClause: [{ RangeVar: { ...rv, inh: true } }],
    limitOption: 'LIMIT_OPTION_DEFAULT',
    op: 'SETOP_NONE',
  };
  delete node.relation;
  delete node.attlist;
  node.query = { SelectStmt: select };
  a.select(select, scope);
}

function explain(a: StatementAnalyzer, node: AstObject, scope: CteScope): void {
  for (const opt of arr(node.options)) {
    const def = bodyOf(opt, 'DefElem');
    if (def?.defname === 'analyze') {
      const arg = bodyOf(def.arg, 'String')?.sval ?? bodyOf(def.arg, 'Boolean')?.boolval ?? bodyOf(def.arg, 'Integer')?.ival;
      const text = typeof arg === 'string' ? arg.toLowerCase() : arg;
      a.facts.explainAnalyze = text === undefined || text === true || text === 'true' || text === 'on' || text === '1' || text === 1 || text === 'yes';
    }
  }
  // EXPLAIN ANALYZE EXECUTE: the prepared statement's tables are out of sight here, its filter counts are not.
  if (a.facts.explainAnalyze && bodyOf(node.query, 'ExecuteStmt')) {
    return refuse('statement_not_allowed', 'explain_analyze', 'EXPLAIN ANALYZE EXECUTE would count other tenants\' rows of the prepared statement\'s tables');
  }
  a.statement(node.query, scope);
}

function variableSet(a: StatementAnalyzer, node: AstObject): void {
  const name = (str(node.name) ?? '').toLowerCase();
  if (name === 'role' || name === 'session_authorization' || name === 'session authorization') {
    if (node.kind === 'VAR_RESET' || node.kind === 'VAR_RESET_ALL') return;
    return refuse('statement_not_allowed', 'session_identity', `SET ${name.toUpperCase()} would change who the tenant's statements run as`);
  }
  if (name.startsWith('pgfabric.')) return refuse('statement_not_allowed', 'tenant_guc', `setting ${name} is reserved to pgfabric`);
  if (node.kind === 'VAR_SET_VALUE' && (name === 'standard_conforming_strings' || name === 'client_encoding')) {
    const value = arr(node.args).map((v) => String(str(obj(bodyOf(v, 'A_Const')?.sval)?.sval) ?? bodyOf(v, 'A_Const')?.boolval ?? '')).join(',');
    const problem = lexingSettingProblem(name, value);
    if (problem) return refuse('statement_not_allowed', 'parser_settings', problem);
  }
  if (name === 'search_path') {
    a.facts.searchPath = node.kind === 'VAR_SET_VALUE'
      ? arr(node.args).map((v) => str(bodyOf(bodyOf(v, 'A_Const')?.sval, 'String')?.sval) ?? str(obj(bodyOf(v, 'A_Const')?.sval)?.sval) ?? '')
      : null;
    // RESET search_path / SET search_path TO DEFAULT: back to the session's default.
    if (node.kind === 'VAR_RESET' || node.kind === 'VAR_SET_DEFAULT') a.facts.searchPathReset = true;
  }
}

/** A CREATE TEMP TABLE: the session's own table, resolved before any other of the same name. */
function noteTemp(a: StatementAnalyzer, rv: AstObject | undefined, columns: string[]): void {
  if ((rv?.relpersistence === 't' || rv?.schemaname === 'pg_temp') && typeof rv.relname === 'string') a.facts.tempCreated.push({ name: rv.relname, columns });
}

function ddl(a: StatementAnalyzer, type: string, node: AstObject): void {
  a.facts.ddl = true;
  if (type === 'CreateStmt') {
    const columns = arr(node.tableElts).map((e) => str(bodyOf(e, 'ColumnDef')?.colname)).filter((c): c is string => c !== undefined);
    noteTemp(a, obj(node.relation), columns);
  }
  for (const key of ['relation', 'view', 'sequence']) {
    const rv = obj(node[key]);
    if (rv) a.ddlTarget(rv);
  }
  if (type === 'VacuumStmt') {
    const rels = arr(node.rels);
    if (rels.length === 0) a.facts.ddlSchemas.push('*'); // VACUUM / ANALYZE of the whole database
    for (const r of rels) a.ddlTarget(bodyOf(bodyOf(r, 'VacuumRelation')?.relation, 'RangeVar') ?? obj(bodyOf(r, 'VacuumRelation')?.relation));
  }
  if (type === 'CreateSchemaStmt') a.facts.ddlSchemas.push(str(node.schemaname) ?? '*');
  else if (type === 'CreateFunctionStmt' || type === 'DefineStmt') {
    const names = stringList(type === 'CreateFunctionStmt' ? node.funcname : node.defnames);
    a.facts.ddlSchemas.push(names.length > 1 ? names[0]! : null);
  } else if (type === 'DropStmt' || type === 'CommentStmt' || type === 'AlterObjectSchemaStmt' || type === 'AlterOwnerStmt' || (type === 'RenameStmt' && !node.relation)) {
    objectNames(a, node);
  } else if (!['RenameStmt', 'CreateStmt', 'AlterTableStmt', 'IndexStmt', 'CreateSeqStmt', 'AlterSeqStmt', 'CreateTrigStmt', 'RefreshMatViewStmt', 'VacuumStmt'].includes(type)) {
    a.facts.ddlSchemas.push('*'); // cannot tell which schema: needs ddl everywhere
  }
}

function objectNames(a: StatementAnalyzer, node: AstObject): void {
  const objects = node.objects !== undefined ? arr(node.objects) : [node.object];
  for (const o of objects) {
    const list = bodyOf(o, 'List');
    const names = list ? stringList(list.items) : bodyOf(o, 'String') ? stringList([o]) : null;
    if (!names) { a.facts.ddlSchemas.push('*'); continue; }
    a.facts.ddlSchemas.push(names.length > 1 ? names[names.length - 2]! : null);
  }
}

/** Options of COPY … FROM STDIN for the row-stream filler; the tenant column is appended to the list when absent. */
function copyInPlan(node: AstObject, columns: readonly string[], tenantColumn: string, display: string): CopyInPlan {
  const options = new Map<string, string | boolean>();
  for (const opt of arr(node.options)) {
    const def = bodyOf(opt, 'DefElem');
    if (!def || typeof def.defname !== 'string') continue;
    const value = str(bodyOf(def.arg, 'String')?.sval) ?? bodyOf(def.arg, 'Boolean')?.boolval ?? (def.arg === undefined ? true : undefined);
    options.set(def.defname, typeof value === 'boolean' || typeof value === 'string' ? value : true);
  }
  const format = String(options.get('format') ?? 'text').toLowerCase();
  if (format === 'binary') refuse('unsupported', 'tenant_insert', `COPY … FROM in binary format into tenant-scoped "${display}" is not supported: use text or CSV`, display);
  const csv = format === 'csv';
  const quote = String(options.get('quote') ?? '"');
  const header = options.get('header');
  const attlist = stringList(node.attlist);
  let mode: CopyInPlan['mode'];
  if (attlist.length === 0) mode = { kind: 'check', index: columns.indexOf(tenantColumn) };
  else if (attlist.includes(tenantColumn)) mode = { kind: 'check', index: attlist.indexOf(tenantColumn) };
  else {
    node.attlist = [...arr(node.attlist), { String: { sval: tenantColumn } }];
    mode = { kind: 'append' };
  }
  return {
    csv,
    delimiter: String(options.get('delimiter') ?? (csv ? ',' : '\t')),
    quote,
    escape: String(options.get('escape') ?? quote),
    header: header === true || header === 'true' || header === 'on' || header === 'match' || header === '1',
    mode,
  };
}

/** Client encodings whose multi-byte characters can contain the bytes of ' or \\: the server would not read the text as we do. */
const UNSAFE_ENCODINGS = new Set(['sjis', 'shift_jis', 'big5', 'gbk', 'uhc', 'gb18030', 'johab', 'win932', 'win936', 'win949', 'win950', 'cp932', 'cp936', 'cp949', 'cp950', 'mskanji', 'shiftjis']);

/**
 * pgfabric parses statements as UTF-8 with standard_conforming_strings on (the grammar's default).
 * A setting that makes the server read the same bytes differently would let a string hide a statement.
 */
export function lexingSettingProblem(name: string, value: string): string | null {
  const v = value.toLowerCase().replace(/['"]/g, '');
  if (name === 'standard_conforming_strings' && !['on', 'true', '1', 'yes'].includes(v)) {
    return 'standard_conforming_strings must stay on through pgfabric (backslashes in strings would be read differently by the server)';
  }
  if (name === 'client_encoding' && UNSAFE_ENCODINGS.has(v.replace(/[-_]/g, '').length ? v : v)) {
    return `client_encoding ${value} is not supported through pgfabric (its characters can contain quote or backslash bytes); use UTF8`;
  }
  return null;
}
