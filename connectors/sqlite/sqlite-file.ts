// What the sessions of one SQLite file share: its worker, its write lock, its schema and the cache of
// translated statements. Owned by SqliteConnector.
import type { SqlitePlan, SqliteSchema, SqliteTable, SqliteTranslator } from './sqlite-plan.js';
import { SqliteWorkerHost } from './sqlite-worker-host.js';
import { InlineReader } from './inline-reader.js';
import { inlineFunctions } from './function-registrar.js';
import { SqliteWriteLock } from './sqlite-write-lock.js';
import { PlanCache } from './plan-cache.js';

export class SqliteFile {
  readonly host: SqliteWorkerHost;
  readonly lock = new SqliteWriteLock();
  private schemaValue: SqliteSchema | null = null;
  private schemaLoad: Promise<SqliteSchema> | null = null;
  private schemaVersion = 0;
  private readonly plans = new PlanCache(1000);
  /** Proven single-row lookups outside transactions run on the main thread (see inline-reader.ts). */
  readonly inline: InlineReader;

  constructor(
    readonly path: string,
    private readonly translator: SqliteTranslator,
    /** Wait for the write lock at most this long when the session sets no lock_timeout. */
    readonly defaultLockTimeoutMs: number,
  ) {
    this.host = new SqliteWorkerHost(path);
    this.host.onRestart(() => this.lock.reset());
    this.inline = new InlineReader(path, inlineFunctions);
  }

  get schema(): SqliteSchema | null {
    return this.schemaValue;
  }

  /** The schema, loaded from the file on first use. */
  loadSchema(): Promise<SqliteSchema> {
    if (this.schemaValue) return Promise.resolve(this.schemaValue);
    return this.reloadSchema();
  }

  /** Re-reads the schema (after DDL): the version changes, so translations are redone. */
  reloadSchema(): Promise<SqliteSchema> {
    const load = this.host.request({ op: 'schema' }).then((res) => {
      const tables = new Map<string, SqliteTable>();
      for (const t of res.schema ?? []) tables.set(t.name, t);
      const schema: SqliteSchema = { version: ++this.schemaVersion, tables };
      if (this.schemaLoad === load) this.schemaLoad = null;
      this.schemaValue = schema;
      this.inline.schemaChanged();
      return schema;
    });
    this.schemaLoad = load;
    return load;
  }

  translate(sql: string, schema: SqliteSchema): readonly SqlitePlan[] {
    const key = schema.version + '\u0000' + sql;
    let plans = this.plans.get(key);
    if (!plans) {
      plans = this.translator(sql, schema);
      this.plans.set(key, plans);
    }
    return plans;
  }

  close(): Promise<void> {
    this.inline.close();
    return this.host.close();
  }
}
