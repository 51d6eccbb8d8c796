// Entry point: Postgres SQL (already checked by the tenant rules) → one SqlitePlan per statement. A
// statement the dialect cannot run becomes an 'error' plan (0A000 naming the construct), so the
// session answers it in order like any other error.
import { unwrap } from '../../parser/node-walker.js';
import { parseSql } from '../../parser/pg-parser.js';
import { CompileContext } from './compile-context.js';
import { errorMessage } from '../common/compile-error.js';
import { CompileError, unsupported } from './compile-error.js';
import { compileAlterTable, compileRename } from './alter-compiler.js';
import { compileCreateIndex, compileCreateSequence, compileCreateTable, compileCreateTableAs, compileCreateView, compileDrop, compileTruncate, type DdlResult, type SchemaEdit } from './ddl-compiler.js';
import { compileDelete, compileInsert, compileUpdate } from './dml-compiler.js';
import type { RunPlan, SqlitePlan, SqliteSchema, SqliteTable } from './plan-types.js';
import { T, typeRef } from '../common/pg-types.js';
import { acceptedNoop, compileCopy, compileSet, compileTransaction, selectPlan, statementLabel } from './utility-compiler.js';

export function translateToSqlite(sql: string, schema: SqliteSchema): SqlitePlan[] {
  const parsed = parseSql(sql);
  if (parsed.kind === 'syntax-error') return [{ kind: 'error', code: '42601', message: parsed.message, ...(parsed.position === undefined ? {} : { position: parsed.position }) }];
  if (parsed.statements.length === 0) return [{ kind: 'empty' }];
  let current = schema;
  return parsed.statements.map(({ stmt }) => {
    const ctx = new CompileContext(current);
    try {
      const { plan, edits } = compileStatement(ctx, stmt);
      if (edits.length) current = applyEdits(current, edits);
      return plan.kind === 'run' ? withParams(ctx, plan) : plan.kind === 'copy_out' ? { ...plan, query: withParams(ctx, plan.query) } : plan;
    } catch (err) {
      if (err instanceof CompileError) return { kind: 'error', code: err.code, message: errorMessage(err, 'SQLite') };
      throw err;
    }
  });
}

function withParams(ctx: CompileContext, plan: RunPlan): RunPlan {
  const count = Math.max(ctx.params.length, highestParam(plan.sqlite));
  const paramTypes = Array.from({ length: count }, (_, i) => typeRef(ctx.params[i] ?? T('text')));
  return { ...plan, paramTypes };
}

function highestParam(statements: readonly string[]): number {
  let max = 0;
  for (const s of statements) for (const m of s.matchAll(/\?(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}

function compileStatement(ctx: CompileContext, stmt: unknown): DdlResult {
  const w = unwrap(stmt);
  if (!w) throw unsupported('an empty statement');
  const n = w.node;
  const none: SchemaEdit[] = [];
  switch (w.type) {
    case 'SelectStmt':
      return { plan: selectPlan(ctx, n), edits: none };
    case 'InsertStmt':
      return { plan: compileInsert(ctx, n), edits: none };
    case 'UpdateStmt':
      return { plan: compileUpdate(ctx, n), edits: none };
    case 'DeleteStmt':
      return { plan: compileDelete(ctx, n), edits: none };
    case 'CreateStmt':
      return compileCreateTable(ctx, n);
    case 'CreateTableAsStmt':
      return compileCreateTableAs(ctx, n);
    case 'ViewStmt':
      return compileCreateView(ctx, n);
    case 'IndexStmt':
      return compileCreateIndex(ctx, n);
    case 'DropStmt':
      return compileDrop(ctx, n);
    case 'AlterTableStmt':
      return compileAlterTable(ctx, n);
    case 'RenameStmt':
      return compileRename(ctx, n);
    case 'TruncateStmt':
      return compileTruncate(ctx, n);
    case 'CreateSeqStmt':
      return compileCreateSequence(ctx, n);
    case 'TransactionStmt':
      return { plan: compileTransaction(n), edits: none };
    case 'VariableSetStmt':
      return { plan: compileSet(n), edits: none };
    case 'VariableShowStmt':
      return { plan: { kind: 'show', name: (String(n['name'] ?? '')).toLowerCase() }, edits: none };
    case 'CopyStmt':
      return { plan: compileCopy(ctx, n), edits: none };
    default: {
      const accepted = acceptedNoop(w.type, n);
      if (accepted) return { plan: accepted, edits: none };
      throw unsupported(statementLabel(w.type, n));
    }
  }
}

function applyEdits(schema: SqliteSchema, edits: readonly SchemaEdit[]): SqliteSchema {
  const tables = new Map<string, SqliteTable>(schema.tables);
  for (const e of edits) {
    if (e.definition) tables.set(e.table, e.definition);
    else tables.delete(e.table);
  }
  return { version: schema.version, tables };
}
