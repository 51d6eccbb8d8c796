// The catalog of a SQL Server tenant (psql's \d, ORM introspection): an in-memory SQLite MIRROR of the
// server's schema — empty tables made by compiling the Postgres DDL of mirror-ddl.ts with the SQLite
// dialect compiler — with the SQLite connector's pg_* functions and emulated pg_catalog/information_schema
// attached. A `catalog` plan's Postgres SQL is compiled by the same compiler and run there, on the main
// thread: catalog queries read a few hundred rows at most. Answers are what a SQLite tenant with the same
// schema answers, with SQL Server's constraint and index names (mirror-model.ts).
import { attachCatalog, refreshCatalog, type ModelReader } from '../../sqlite/catalog/catalog-attach.js';
import { inlineFunctions } from '../../sqlite/function-registrar.js';
import { BindError, fromText } from '../../sqlite/sqlite-params.js';
import { pgErrorOf } from '../../sqlite/sqlite-errors.js';
import { commandTag } from '../../sqlite/sqlite-output.js';
import type { SqlitePlan, SqliteSchema, SqliteTranslator } from '../../sqlite/sqlite-plan.js';
import { METADATA_DDL } from '../../sqlite/sqlite-schema-reader.js';
import { defaultSettings } from '../../sqlite/sqlite-settings.js';
import type { StorageValue } from '../../sqlite/sqlite-types.js';
import { WorkerConnection } from '../../sqlite/worker-connection.js';
import { MirrorBuilder } from './mirror-builder.js';
import { mirrorModelReader } from './mirror-model.js';
import type { ServerModel } from './server-model.js';

/** A result column as RowDescription needs it. */
export type CatalogColumn = { name: string; oid: number; typmod: number; typlen: number };
/** Rows in Postgres text form (NULL as null) and the command tag (`SELECT n`). */
export type CatalogResult = { columns: CatalogColumn[]; rows: (string | null)[][]; tag: string };
/** What Describe answers: the result columns and the parameter type OIDs. */
export type CatalogDescription = { columns: CatalogColumn[]; paramTypes: number[] };
export type CatalogFailure = { error: { code: string; message: string } };

type RunPlan = Extract<SqlitePlan, { kind: 'run' }>;

const PLANS_MAX = 500;
const VERSION_STRING = 'PostgreSQL 15.18 (pgfabric, SQL Server backend)';

export class MssqlCatalog {
  private conn: WorkerConnection | null = null;
  private schema: SqliteSchema = { version: 0, tables: new Map() };
  private reader: ModelReader | null = null;
  private readonly plans = new Map<string, RunPlan | CatalogFailure>();
  /** The model given to load, built into the mirror on the first catalog query (most sessions never send one). */
  private pending: ServerModel | null = null;
  /** The model the mirror (built or pending) shows, as JSON: reloading an unchanged model keeps the mirror. */
  private loadedKey: string | null = null;
  private readonly buildNotes: string[] = [];
  /** Why the last build failed (until the next load). */
  private buildError: string | null = null;

  private readonly builder: MirrorBuilder;

  constructor(private readonly translator: SqliteTranslator) {
    this.builder = new MirrorBuilder(translator);
  }

  /** Takes the server's model; the mirror is (re)built from it when a catalog query first needs it. */
  load(model: ServerModel): void {
    const key = JSON.stringify(model);
    if (key === this.loadedKey) return;
    this.close();
    this.loadedKey = key;
    this.pending = model;
  }

  /** Mirror DDL statements the SQLite compiler refused (with the simpler fallback used, or the table left out). */
  get notes(): readonly string[] {
    this.ensureBuilt();
    return this.buildNotes;
  }

  describe(sql: string): CatalogDescription | CatalogFailure {
    const plan = this.compile(sql);
    if ('error' in plan) return plan;
    return { columns: columnsOf(plan), paramTypes: plan.paramTypes.map((t) => t.oid) };
  }

  /** `params`: the $N values in Postgres text form. `settings`: the session's settings by lower-case name (session_authorization, pgfabric.database, search_path…). */
  run(sql: string, params: readonly (string | null)[], settings?: ReadonlyMap<string, string>): CatalogResult | CatalogFailure {
    const plan = this.compile(sql);
    if ('error' in plan) return plan;
    const conn = this.conn!;
    try {
      const values: StorageValue[] = params.map((p, i) => (p === null ? null : fromText(p, plan.paramTypes[i]?.oid ?? 25)));
      conn.session.settings = sessionSettings(settings);
      refreshCatalog(conn.db, plan.sqlite, this.reader ?? undefined);
      const columns = columnsOf(plan);
      const res = conn.exec(plan.sqlite, values, { oids: columns.map((c) => c.oid), binary: columns.map(() => false) }, 'none');
      return { columns, rows: res.rows ? decodeDataRows(res.rows) : [], tag: commandTag(plan.tag, res.rowCount) };
    } catch (err) {
      if (err instanceof BindError) return { error: { code: err.code, message: err.message } };
      const e = pgErrorOf(err, (table, cols) => `${table}_${cols.join('_')}_key`);
      return { error: { code: e.code, message: e.message } };
    }
  }

  close(): void {
    this.plans.clear();
    this.conn?.close();
    this.conn = null;
    this.pending = null;
    this.loadedKey = null;
    this.buildError = null;
  }

  private ensureBuilt(): void {
    const model = this.pending;
    if (model === null) return;
    this.pending = null;
    this.buildNotes.length = 0;
    const conn = new WorkerConnection(':memory:', new Int32Array(1), (db, session) => {
      db.exec(METADATA_DDL);
      inlineFunctions(db, session);
      attachCatalog(db);
    });
    this.conn = conn;
    const built = this.builder.build(conn.db, model, this.schema.version + 1);
    this.schema = built.schema;
    this.buildNotes.push(...built.notes);
    this.reader = mirrorModelReader(model);
  }

  private compile(sql: string): RunPlan | CatalogFailure {
    try {
      this.ensureBuilt();
    } catch (err) {
      this.buildError = `the SQL Server catalog mirror could not be built: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (this.conn === null) return { error: this.buildError ? { code: 'XX000', message: this.buildError } : { code: '55000', message: 'the SQL Server schema has not been read yet' } };
    const known = this.plans.get(sql);
    if (known) return known;
    let plan: RunPlan | CatalogFailure;
    try {
      const plans = this.translator(sql, this.schema).filter((p) => p.kind !== 'empty');
      const only = plans[0];
      if (plans.length !== 1 || only === undefined) plan = { error: { code: '0A000', message: 'a catalog query must be one statement' } };
      else if (only.kind === 'error') plan = { error: { code: only.code, message: only.message } };
      else if (only.kind !== 'run' || !only.readOnly) plan = { error: { code: '0A000', message: 'only queries over pg_catalog and information_schema are answered from the SQL Server catalog' } };
      else plan = only;
    } catch (err) {
      plan = { error: { code: 'XX000', message: err instanceof Error ? err.message : String(err) } };
    }
    if (this.plans.size >= PLANS_MAX) this.plans.clear();
    this.plans.set(sql, plan);
    return plan;
  }
}


function columnsOf(plan: RunPlan): CatalogColumn[] {
  return (plan.columns ?? []).map((c) => ({ name: c.name, oid: c.type.oid, typmod: c.type.typmod, typlen: c.type.typlen }));
}

/** The session's settings over Postgres's defaults (pgf_setting reads them: current_user, current_database(), version()). */
function sessionSettings(settings: ReadonlyMap<string, string> | undefined): Map<string, string> {
  const user = settings?.get('session_authorization') ?? 'postgres';
  const merged = defaultSettings(user);
  merged.set('pgfabric.version_string', VERSION_STRING);
  if (settings) for (const [k, v] of settings) merged.set(k.toLowerCase(), v);
  if (!merged.has('pgfabric.database')) merged.set('pgfabric.database', merged.get('database') ?? 'postgres');
  return merged;
}

/** DataRow messages (text format) → their field values. */
function decodeDataRows(buf: Buffer): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let o = 0;
  while (o < buf.length) {
    const end = o + 1 + buf.readInt32BE(o + 1);
    const n = buf.readInt16BE(o + 5);
    let p = o + 7;
    const row: (string | null)[] = [];
    for (let i = 0; i < n; i++) {
      const len = buf.readInt32BE(p);
      p += 4;
      if (len < 0) row.push(null);
      else {
        row.push(buf.toString('utf8', p, p + len));
        p += len;
      }
    }
    rows.push(row);
    o = end;
  }
  return rows;
}
