// Builds the SQLite mirror's tables: the Postgres DDL of mirror-ddl.ts compiled by the SQLite dialect
// compiler and run in the mirror database. The first build compiles all statements as one batch (the compiler
// sees the tables made earlier in it); compiled statements are kept, so a rebuild after DDL on the server
// compiles only what changed, each statement on its own against the model's schema. A statement that does not
// compile or run is tried again on its own against the mirror as it stands, then its fallback; what still
// fails is reported in `notes`.
import type Database from 'better-sqlite3';
import type { SqlitePlan, SqliteSchema, SqliteTable, SqliteTranslator } from '../../sqlite/sqlite-plan.js';
import { readSchema } from '../../sqlite/sqlite-schema-reader.js';
import { pgTypeOfServer } from '../mssql-type-names.js';
import { mirrorDdl, mirroredTables, translateDefault, type MirrorStatement } from './mirror-ddl.js';
import type { ServerModel } from './server-model.js';

export type MirrorBuild = { readonly schema: SqliteSchema; readonly notes: readonly string[] };

export class MirrorBuilder {
  /** Compiled statements by cacheKey: only those of the latest build are kept. */
  private compiled = new Map<string, SqlitePlan>();

  constructor(private readonly translator: SqliteTranslator) {}

  build(db: Database.Database, model: ServerModel, version: number): MirrorBuild {
    const statements = mirrorDdl(model);
    const keys = cacheKeys(statements, model);
    const plans = this.plansFor(statements, keys, model, version);
    const notes: string[] = [];
    db.exec('BEGIN');
    try {
      for (const [i, stmt] of statements.entries()) {
        const plan = plans[i];
        const failed = plan !== undefined && runPlans(db, [plan]) === null ? null : this.compileAndRun(db, stmt.sql, version);
        if (failed === null) continue;
        const fallbackFailed = stmt.fallback === null ? failed : this.compileAndRun(db, stmt.fallback, version);
        notes.push(`${stmt.sql}: ${failed}${stmt.fallback === null ? '' : fallbackFailed === null ? ' (created without defaults and constraints)' : ` (left out: ${fallbackFailed})`}`);
      }
    } finally {
      db.exec('COMMIT');
    }
    const kept = new Map<string, SqlitePlan>();
    keys.forEach((k, i) => {
      const p = plans[i];
      if (p !== undefined) kept.set(k, p);
    });
    this.compiled = kept;
    return { schema: schemaOf(db, version), notes };
  }

  /** The compiled plan of each statement (undefined: compile it again against the mirror as it stands). */
  private plansFor(statements: readonly MirrorStatement[], keys: readonly string[], model: ServerModel, version: number): (SqlitePlan | undefined)[] {
    const missing = keys.filter((k) => !this.compiled.has(k)).length;
    if (missing > statements.length / 2) {
      const batch = this.tryTranslate(statements.map((s) => s.sql).join(';\n'), { version, tables: new Map() });
      if (batch.length === statements.length) return [...batch];
    }
    const full = modelSchema(model, version);
    return statements.map((stmt, i) => {
      const hit = this.compiled.get(keys[i]!);
      if (hit) return hit;
      // A CREATE TABLE is compiled against every other table; the others against all of them.
      const tables = new Map(full.tables);
      if (stmt.sql.startsWith('CREATE TABLE')) tables.delete(stmt.table);
      const plans = this.tryTranslate(stmt.sql, { version, tables });
      return plans.length === 1 ? plans[0] : undefined;
    });
  }

  private compileAndRun(db: Database.Database, sql: string, version: number): string | null {
    try {
      return runPlans(db, this.translator(sql, schemaOf(db, version)));
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  private tryTranslate(sql: string, schema: SqliteSchema): readonly SqlitePlan[] {
    try {
      return this.translator(sql, schema);
    } catch {
      return [];
    }
  }
}

/** Runs compiled DDL plans, each all or nothing; null when they ran, else why not. */
function runPlans(db: Database.Database, plans: readonly SqlitePlan[]): string | null {
  for (const p of plans) {
    if (p.kind === 'error') return `${p.code} ${p.message}`;
    if (p.kind !== 'run') continue;
    db.exec('SAVEPOINT pgf_mirror');
    try {
      for (const s of p.sqlite) db.exec(s);
      db.exec('RELEASE pgf_mirror');
    } catch (err) {
      db.exec('ROLLBACK TO pgf_mirror; RELEASE pgf_mirror');
      return err instanceof Error ? err.message : String(err);
    }
  }
  return null;
}

/**
 * What a statement's compiled form may depend on: its own text, its table's CREATE TABLE (an index compiles
 * by the column types) and those of the tables its table references.
 */
function cacheKeys(statements: readonly MirrorStatement[], model: ServerModel): string[] {
  const create = new Map(statements.filter((s) => s.sql.startsWith('CREATE TABLE')).map((s) => [s.table, s.sql]));
  const refs = new Map(mirroredTables(model).map((t) => [t.name, [...new Set(t.foreignKeys.map((f) => f.refTable))]]));
  return statements.map((s) => [s.sql, create.get(s.table) ?? '', ...(refs.get(s.table) ?? []).map((r) => create.get(r) ?? '')].join('\u0000'));
}

/** The mirror's schema as the compiler would read it once built, from the model (each table as a table: views are mirrored as tables). */
function modelSchema(model: ServerModel, version: number): SqliteSchema {
  const tables = new Map<string, SqliteTable>();
  for (const t of mirroredTables(model)) {
    tables.set(t.name, {
      name: t.name, kind: 'table',
      columns: t.columns.map((c) => ({ name: c.name, pgType: pgTypeOfServer(c.typeName, c.maxLength, c.precision, c.scale).display, notNull: !c.nullable, defaultExpr: translateDefault(c)?.ddl ?? null })),
    });
  }
  return { version, tables };
}

export function schemaOf(db: Database.Database, version: number): SqliteSchema {
  return { version, tables: new Map(readSchema(db).map((r) => [r.name, r])) };
}
