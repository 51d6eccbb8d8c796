// Statements that are not queries: transactions, SET/SHOW/RESET, COPY, the ones accepted without touching the
// server (DISCARD, DEALLOCATE, COMMENT, LOCK, ANALYZE), and refusals by name.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, obj, str, stringList } from '../../tenant/ast-nodes.js';
import { CompileError, undefinedTable, unsupported } from '../common/compile-error.js';
import { typeRef } from '../common/pg-types.js';
import { typeFromDisplay } from '../common/type-names.js';
import { copyOptions, noopTag, settingStatement, transactionStatement } from '../common/utility-statements.js';
import type { TsqlContext } from './context.js';
import type { MssqlPlan, RunPlan } from './plan-types.js';
import { runPlan } from './run-plan.js';
import { compileQuery, recursionOption } from './select-compiler.js';
import { ident, param, tableName, withIdentityInsert } from './tsql-text.js';
import { tsqlParam } from './tsql-types.js';
import { bodyOf } from '../../tenant/ast-nodes.js';

export function compileTransaction(n: AstObject): MssqlPlan {
  const { action, tag } = transactionStatement(n);
  return { kind: 'transaction', action, tag };
}

export function compileSet(n: AstObject): MssqlPlan {
  // SET TRANSACTION would otherwise be accepted and ignored: the isolation level goes on BEGIN here.
  if (str(n['kind']) === 'VAR_SET_MULTI' && str(n['name']) === 'TRANSACTION') throw unsupported('SET TRANSACTION (give the level on BEGIN: BEGIN ISOLATION LEVEL …)');
  // SET SESSION CHARACTERISTICS: READ COMMITTED (what JDBC's setTransactionIsolation usually asks) is what every
  // transaction gets already; another default level cannot be kept, so it is refused rather than ignored.
  if (str(n['kind']) === 'VAR_SET_MULTI' && str(n['name']) === 'SESSION CHARACTERISTICS' && !readCommittedOnly(n)) throw unsupported('SET SESSION CHARACTERISTICS other than READ COMMITTED, READ WRITE (give them on BEGIN: BEGIN ISOLATION LEVEL …, READ ONLY)');
  return settingStatement(n);
}

function readCommittedOnly(n: AstObject): boolean {
  return arr(n['args']).every((a) => {
    const d = bodyOf(a, 'DefElem');
    const value = str(obj(bodyOf(d?.['arg'], 'A_Const')?.['sval'])?.['sval']);
    if (d?.['defname'] === 'transaction_isolation') return value === 'read committed' || value === 'read uncommitted';
    return d?.['defname'] === 'transaction_read_only' && obj(bodyOf(d['arg'], 'A_Const')?.['ival'])?.['ival'] !== 1;
  });
}

export function selectPlan(ctx: TsqlContext, n: AstObject): RunPlan {
  if (n['intoClause']) throw unsupported('SELECT … INTO (use CREATE TABLE … AS)');
  const q = compileQuery(ctx, n, null, { present: true, nested: false });
  return runPlan(ctx, q.sql + recursionOption(ctx), q.columns, { kind: 'rows', command: 'SELECT' }, { readOnly: arr(n['lockingClause']).length === 0 });
}

export function compileCopy(ctx: TsqlContext, n: AstObject): MssqlPlan {
  if (n['filename'] !== undefined || n['is_program']) throw new CompileError('42501', 'COPY to or from a file or program is not allowed; use COPY … FROM STDIN / TO STDOUT (psql \\copy)');
  const options = copyOptions(arr(n['options']));
  if (n['query']) {
    if (n['is_from']) throw unsupported('COPY (query) FROM');
    const select = bodyOf(n['query'], 'SelectStmt');
    if (!select) throw unsupported('COPY (INSERT/UPDATE/DELETE …) TO');
    return { kind: 'copy_out', query: { ...selectPlan(ctx, select), tag: { kind: 'rows', command: 'COPY' } }, options };
  }
  const rel = obj(n['relation']) ?? {};
  const table = ctx.table(str(rel['schemaname']) ?? null, str(rel['relname']) ?? '');
  if (!table) throw undefinedTable(str(rel['relname']) ?? '');
  const listed = stringList(n['attlist']);
  const names = listed.length ? listed : table.columns.map((c) => c.name);
  const columns = names.map((name) => {
    const col = table.columns.find((c) => c.name === name);
    if (!col) throw new CompileError('42703', `column "${name}" of relation "${table.name}" does not exist`);
    return { name, type: typeFromDisplay(col.pgType) };
  });
  const target = tableName(table.schema, table.name);
  if (n['is_from']) {
    if (n['whereClause']) throw unsupported('COPY FROM … WHERE');
    const identity = table.columns.some((c) => c.identity && names.includes(c.name));
    const insert = `INSERT INTO ${target} (${names.map(ident).join(', ')}) VALUES (${columns.map((_, i) => param(i + 1)).join(', ')})`;
    return {
      kind: 'copy_in',
      insert: identity ? withIdentityInsert(target, insert) : insert,
      columns: columns.map((c) => ({ name: c.name, type: typeRef(c.type) })),
      paramTypes: columns.map((c) => typeRef(c.type)),
      params: columns.map((c) => tsqlParam(c.type)),
      options,
    };
  }
  const select = `SELECT ${columns.map((c) => (c.type.category === 'numeric' ? `CONVERT(varchar(64), ${ident(c.name)}) AS ${ident(c.name)}` : ident(c.name))).join(', ')} FROM ${target}`;
  return { kind: 'copy_out', query: runPlan(ctx, select, columns, { kind: 'rows', command: 'COPY' }, { readOnly: true }), options };
}

/** Statements accepted without effect on SQL Server, with the tag Postgres answers. */
export function acceptedNoop(type: string, n: AstObject): MssqlPlan | null {
  const tag = noopTag(type, n);
  if (tag) return { kind: 'noop', tag };
  // SQL Server keeps its statistics itself (AUTO_UPDATE_STATISTICS); VACUUM has no counterpart.
  if (type === 'VacuumStmt') return { kind: 'noop', tag: n['is_vacuumcmd'] === true ? 'VACUUM' : 'ANALYZE' };
  return null;
}
