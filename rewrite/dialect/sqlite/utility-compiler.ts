// Statements that are not queries: transactions, SET/SHOW/RESET, COPY, and the ones accepted without
// touching the file (DISCARD, LOCK, COMMENT, …) or refused by name.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { coerce } from './coercion.js';
import { expr } from './expr.js';
import { CompileError, undefinedTable, unsupported } from './compile-error.js';
import { defaultValue } from './dml-compiler.js';
import type { RunPlan, SqlitePlan } from './plan-types.js';
import { pgType, typeRef } from '../common/pg-types.js';
import { compileSelect } from './select-compiler.js';
import { ident } from './sql-text.js';
import { typeFromDisplay } from '../common/type-names.js';
import { regOutputs } from './reg-casts.js';
import { copyOptions, noopTag, settingStatement, transactionStatement } from '../common/utility-statements.js';
export { statementLabel } from '../common/utility-statements.js';

export function compileCopy(ctx: CompileContext, n: AstObject): SqlitePlan {
  if (n['filename'] !== undefined || n['is_program']) throw new CompileError('42501', 'COPY to or from a file or program is not allowed; use COPY … FROM STDIN / TO STDOUT (psql \\copy)');
  const options = copyOptions(arr(n['options']));
  const attlist = stringList(n['attlist']);
  if (n['is_from']) {
    if (n['whereClause']) throw unsupported('COPY FROM … WHERE');
    const { name, table, cols, columns } = copyColumns(ctx, n, attlist);
    const defaults = table.columns.filter((c) => !cols.includes(c.name) && c.defaultExpr !== null);
    // Each row's fields arrive as Postgres text and are converted to storage form by the session (as Bind values
    // are, by type OID); numeric(p,s), varchar(n) and char(n) then get their typmod here, as an INSERT would.
    const values = [...columns.map((c, i) => coerce(ctx, expr(`?${i + 1}`, pgType(c.type.name) ?? c.type), c.type, 'assignment').sql), ...defaults.map((d) => defaultValue(ctx, d, typeFromDisplay(d.pgType))!)];
    const insert = `INSERT INTO ${ident(name)} (${[...cols, ...defaults.map((d) => d.name)].map(ident).join(', ')}) VALUES (${values.join(', ')})`;
    return { kind: 'copy_in', insert, columns: columns.map((c) => ({ name: c.name, type: typeRef(c.type) })), options };
  }
  let query: RunPlan;
  if (n['query']) {
    const select = bodyOf(n['query'], 'SelectStmt');
    if (!select) throw unsupported('COPY (INSERT/UPDATE/DELETE …) TO');
    query = selectPlan(ctx, select);
  } else {
    const { name, cols, columns: typed } = copyColumns(ctx, n, attlist);
    const columns = typed.map((c) => ({ name: c.name, type: typeRef(c.type) }));
    query = { kind: 'run', sqlite: [`SELECT ${cols.map(ident).join(', ')} FROM ${ident(name)}`], columns, paramTypes: [], tag: { kind: 'rows', command: 'COPY' }, schemaChanged: false, readOnly: true };
  }
  return { kind: 'copy_out', query: { ...query, tag: { kind: 'rows', command: 'COPY' } }, options };
}

/** COPY's table and columns (all of them when the statement lists none), with their Postgres types. */
function copyColumns(ctx: CompileContext, n: AstObject, attlist: string[]) {
  const name = str(obj(n['relation'])?.['relname']) ?? '';
  const table = ctx.schema.tables.get(name);
  if (!table) throw undefinedTable(name);
  const cols = attlist.length ? attlist : table.columns.map((c) => c.name);
  const columns = cols.map((c) => {
    const col = table.columns.find((x) => x.name === c);
    if (!col) throw new CompileError('42703', `column "${c}" of relation "${name}" does not exist`);
    return { name: c, type: typeFromDisplay(col.pgType) };
  });
  return { name, table, cols, columns };
}

export function selectPlan(ctx: CompileContext, select: AstObject): RunPlan {
  // FOR UPDATE/SHARE: no row locks in SQLite, but the statement takes the file's write lock, which covers them.
  const locks = arr(select['lockingClause']).length > 0;
  const q = regOutputs(compileSelect(ctx, select, null));
  // nextval()/setval() write: the statement needs the write lock like any other write.
  const writes = locks || /\bpgf_(nextval|setval)\(/.test(q.sql);
  return { kind: 'run', sqlite: [q.sql], columns: q.columns.map((c) => ({ name: c.name, type: typeRef(c.type) })), paramTypes: [], tag: { kind: 'rows', command: 'SELECT' }, schemaChanged: false, readOnly: !writes };
}

export function compileTransaction(n: AstObject): SqlitePlan {
  const { action, tag } = transactionStatement(n);
  // SQLite's only isolation is serializable: the requested level changes nothing.
  return { kind: 'transaction', action: action.kind === 'begin' ? { kind: 'begin', readOnly: action.readOnly } : action, tag };
}

export function compileSet(n: AstObject): SqlitePlan {
  return settingStatement(n);
}

/** Statements accepted without effect on SQLite, with the tag Postgres answers. */
export function acceptedNoop(type: string, n: AstObject): SqlitePlan | null {
  const tag = noopTag(type, n);
  if (tag) return { kind: 'noop', tag };
  switch (type) {
    // Every write already holds the file's single write lock for its whole transaction: stronger than any table lock.
    case 'LockStmt':
      return { kind: 'noop', tag: 'LOCK TABLE' };
    case 'VacuumStmt': {
      const analyze = n['is_vacuumcmd'] !== true || arr(n['options']).some((o) => bodyOf(o, 'DefElem')?.['defname'] === 'analyze');
      return analyze
        ? { kind: 'run', sqlite: ['ANALYZE'], columns: null, paramTypes: [], tag: { kind: 'fixed', tag: n['is_vacuumcmd'] === true ? 'VACUUM' : 'ANALYZE' }, schemaChanged: false, readOnly: false }
        : { kind: 'noop', tag: 'VACUUM' };
    }
    default:
      return null;
  }
}

