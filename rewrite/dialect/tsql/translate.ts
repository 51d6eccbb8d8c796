// Entry point: Postgres SQL (already checked by the tenant rules) → one MssqlPlan per statement. A statement
// T-SQL cannot express becomes an 'error' plan (0A000 naming the construct), answered in order like any other;
// a catalog query becomes a 'catalog' plan for the connector's emulation.
import { unwrap } from '../../parser/node-walker.js';
import { parseSql } from '../../parser/pg-parser.js';
import { CompileError, errorMessage, unsupported } from '../common/compile-error.js';
import { statementLabel } from '../common/utility-statements.js';
import { compileAlterTable, compileRename } from './alter-compiler.js';
import { readsCatalog } from './catalog-route.js';
import { TsqlContext } from './context.js';
import { compileCreateIndex, compileCreateSchema, compileCreateTable, compileCreateTableAs, compileCreateView, compileDrop, compileTruncate } from './ddl-compiler.js';
import { compileDelete, compileInsert, compileUpdate } from './dml-compiler.js';
import type { MssqlPlan, MssqlSchema } from './plan-types.js';
import { acceptedNoop, compileCopy, compileSet, compileTransaction, selectPlan } from './utility-compiler.js';

export function translateToTsql(sql: string, schema: MssqlSchema): MssqlPlan[] {
  const parsed = parseSql(sql);
  if (parsed.kind === 'syntax-error') return [{ kind: 'error', code: '42601', message: parsed.message, ...(parsed.position === undefined ? {} : { position: parsed.position }) }];
  if (parsed.statements.length === 0) return [{ kind: 'empty' }];
  const bytes = Buffer.from(sql);
  let current = schema;
  return parsed.statements.map(({ stmt, location, length }) => {
    const ctx = new TsqlContext(current);
    // The statement's own text (the parser's offsets are in bytes): a catalog plan carries it to the emulation.
    const text = bytes.subarray(location, length ? location + length : undefined).toString().trim();
    try {
      const plan = compileStatement(ctx, stmt, text);
      if (ctx.schemaEdits.length) current = applyEdits(current, ctx.schemaEdits);
      return plan;
    } catch (err) {
      if (err instanceof CompileError) return { kind: 'error', code: err.code, message: errorMessage(err, 'SQL Server') };
      throw err;
    }
  });
}

function compileStatement(ctx: TsqlContext, stmt: unknown, text: string): MssqlPlan {
  const w = unwrap(stmt);
  if (!w) throw unsupported('an empty statement');
  const n = w.node;
  switch (w.type) {
    case 'SelectStmt':
      return readsCatalog(ctx, stmt) ? { kind: 'catalog', sql: text } : selectPlan(ctx, n);
    case 'InsertStmt':
      return compileInsert(ctx, n);
    case 'UpdateStmt':
      return compileUpdate(ctx, n);
    case 'DeleteStmt':
      return compileDelete(ctx, n);
    case 'CreateStmt':
      return compileCreateTable(ctx, n);
    case 'CreateTableAsStmt':
      return compileCreateTableAs(ctx, n);
    case 'ViewStmt':
      return compileCreateView(ctx, n);
    case 'IndexStmt':
      return compileCreateIndex(ctx, n);
    case 'CreateSchemaStmt':
      return compileCreateSchema(ctx, n);
    case 'DropStmt':
      return compileDrop(ctx, n);
    case 'AlterTableStmt':
      return compileAlterTable(ctx, n);
    case 'RenameStmt':
      return compileRename(ctx, n);
    case 'TruncateStmt':
      return compileTruncate(ctx, n);
    case 'TransactionStmt':
      return compileTransaction(n);
    case 'VariableSetStmt':
      return compileSet(n);
    case 'VariableShowStmt':
      return { kind: 'show', name: String(n['name'] ?? '').toLowerCase() };
    case 'CopyStmt':
      return compileCopy(ctx, n);
    default: {
      const accepted = acceptedNoop(w.type, n);
      if (accepted) return accepted;
      throw unsupported(statementLabel(w.type, n));
    }
  }
}

function applyEdits(schema: MssqlSchema, edits: TsqlContext['schemaEdits']): MssqlSchema {
  const tables = new Map(schema.tables);
  for (const e of edits) {
    if (e.table) tables.set(e.key, e.table);
    else tables.delete(e.key);
  }
  return { version: schema.version, tables };
}
