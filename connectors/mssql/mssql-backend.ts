// What the sessions of one SQL Server backend share: the connection pool (made again after a failed
// connect, so a server that was down is used again once it is back), the schema the compiler sees, the
// catalog mirror that answers pg_catalog queries, and the cache of translated statements.
import mssql from 'mssql';
import type { SqliteTranslator } from '../sqlite/sqlite-plan.js';
import { MssqlCatalog } from './catalog/mssql-catalog.js';
import { readServerModel, toMssqlSchema } from './catalog/mssql-schema-reader.js';
import type { ServerModel } from './catalog/server-model.js';
import { mssqlPoolConfig, type MssqlUrlOptions } from './mssql-config.js';
import type { MssqlPlan, MssqlSchema, MssqlTranslator } from './mssql-plan.js';

const PLAN_CACHE_MAX = 1000;

export type MssqlBackendDeps = {
  readonly translator: MssqlTranslator;
  /** The Postgres → SQLite compiler, for the catalog mirror. */
  readonly catalogTranslator: SqliteTranslator;
  readonly log?: (level: 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
};

/** Runs one T-SQL batch and returns its rows as objects (the schema reader's queries). */
export type RowsRunner = (tsql: string) => Promise<Record<string, unknown>[]>;

export class MssqlBackend {
  private pool: mssql.ConnectionPool | null = null;
  private connecting: Promise<mssql.ConnectionPool> | null = null;
  private schemaValue: MssqlSchema | null = null;
  private schemaLoad: Promise<MssqlSchema> | null = null;
  /** Versions are unique across the shared schema and sessions' in-transaction schemas (they key the plan cache). */
  private versions = 0;
  private readonly plans = new Map<string, readonly MssqlPlan[]>();
  readonly catalog: MssqlCatalog;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly options: MssqlUrlOptions,
    private readonly deps: MssqlBackendDeps,
  ) {
    this.catalog = new MssqlCatalog(deps.catalogTranslator);
  }

  get schema(): MssqlSchema | null {
    return this.schemaValue;
  }

  /** A connected pool; a failed connect is forgotten, so the next call tries again. */
  connect(): Promise<mssql.ConnectionPool> {
    if (this.closed) return Promise.reject(Object.assign(new Error(`SQL Server backend "${this.name}" is closed`), { code: '57P01' }));
    if (this.pool?.connected) return Promise.resolve(this.pool);
    if (this.connecting) return this.connecting;
    const pool = new mssql.ConnectionPool(mssqlPoolConfig(this.options));
    // An 'error' without a listener would end the process: tedious reports errors of idle connections here.
    pool.on('error', (err: unknown) => this.deps.log?.('warn', 'SQL Server connection error', { backend: this.name, error: String(err) }));
    const attempt = pool.connect().then(
      (p) => {
        this.pool = p;
        this.connecting = null;
        return p;
      },
      async (err: unknown) => {
        this.connecting = null;
        await pool.close().catch(() => undefined);
        throw err;
      },
    );
    this.connecting = attempt;
    return attempt;
  }

  /** The shared schema, read from the server on first use. */
  loadSchema(): Promise<MssqlSchema> {
    if (this.schemaValue) return Promise.resolve(this.schemaValue);
    return this.reloadSchema();
  }

  /** Reads the server's model again (after DDL outside a transaction): new version, new catalog mirror. */
  reloadSchema(): Promise<MssqlSchema> {
    if (this.schemaLoad) return this.schemaLoad;
    const load = (async () => {
      const pool = await this.connect();
      const model = await readServerModel(objectRows(() => pool.request()));
      const schema = this.adopt(model);
      return schema;
    })().finally(() => {
      if (this.schemaLoad === load) this.schemaLoad = null;
    });
    this.schemaLoad = load;
    return load;
  }

  /** The schema could not be re-read after DDL: the next statement reads it first. */
  forgetSchema(): void {
    this.schemaValue = null;
  }

  /** A schema read inside a session's transaction (it sees the transaction's own DDL); shared by nobody else. */
  async privateSchema(run: RowsRunner): Promise<MssqlSchema> {
    return toMssqlSchema(await readServerModel(run), ++this.versions);
  }

  translate(sql: string, schema: MssqlSchema): readonly MssqlPlan[] {
    const key = `${schema.version}\u0000${sql}`;
    const hit = this.plans.get(key);
    if (hit) {
      this.plans.delete(key);
      this.plans.set(key, hit);
      return hit;
    }
    const plans = this.deps.translator(sql, schema);
    this.plans.set(key, plans);
    if (this.plans.size > PLAN_CACHE_MAX) this.plans.delete(this.plans.keys().next().value!);
    return plans;
  }

  stats(): Record<string, number> {
    const p = this.pool;
    return { poolSize: p?.size ?? 0, poolAvailable: p?.available ?? 0, poolBorrowed: p?.borrowed ?? 0, poolPending: p?.pending ?? 0, schemaVersion: this.schemaValue?.version ?? 0 };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.catalog.close();
    const pool = this.pool ?? (await this.connecting?.catch(() => null)) ?? null;
    this.pool = null;
    await pool?.close().catch(() => undefined);
  }

  private adopt(model: ServerModel): MssqlSchema {
    const schema = toMssqlSchema(model, ++this.versions);
    try {
      this.catalog.load(model);
    } catch (err) {
      this.deps.log?.('error', 'SQL Server catalog mirror could not be built', { backend: this.name, error: String(err) });
    }
    this.schemaValue = schema;
    return schema;
  }
}

/** A RowsRunner over requests made by `request` (rows as objects, whatever the pool's arrayRowMode). */
export function objectRows(request: () => mssql.Request | Promise<mssql.Request>): RowsRunner {
  return async (tsql) => {
    const req = await request();
    req.arrayRowMode = false;
    const result = await req.query(tsql);
    return (result.recordset ?? []) as Record<string, unknown>[];
  };
}
