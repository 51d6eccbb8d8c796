// Runs the statements SQLite proves cheap on the main thread instead of the file's worker. The worker
// stays the rule: only a read outside any transaction whose plan (EXPLAIN QUERY PLAN) is nothing but
// equality lookups on the rowid or on all columns of unique indexes — at most one row per table, a few
// B-tree steps — runs inline, on a query_only connection with no catalog attached and none of the
// functions that wait (pg_sleep) or write (sequences). Such a statement costs microseconds; the two
// thread hops it saves (a message each way, each a syscall and a thread wake-up) cost more than it does.
import type Database from 'better-sqlite3';
import type { ExecResult, ResultShape } from './worker-messages.js';
import type { StorageValue } from './sqlite-types.js';
import { bindArguments, countGaps, WorkerConnection, type ConnectionSession } from './worker-connection.js';

/**
 * Functions whose calls keep a statement in the worker: they wait, write or depend on the session's own
 * connection; or their cost is not bounded by the row's size — a pattern that backtracks, a length or an
 * exponent from the client — and only the worker can be stopped (statement_timeout, cancel) when they run long.
 */
const WORKER_ONLY =
  /\b(pgf_sleep|pgf_check_cancel|pgf_nextval|pgf_setval|pgf_currval|pgf_regex|pgf_regexp_\w+|pgf_like|pgf_repeat|pgf_lpad|pgf_rpad|pgf_format|pgf_num_pow|printf|format|zeroblob|randomblob|like|glob)\s*\(|"pg_catalog"\.|"information_schema"\./i;
const ROWID_LOOKUP = /^SEARCH (\S+)(?: AS \S+)? USING INTEGER PRIMARY KEY \(rowid=\?\)$/;
const INDEX_LOOKUP = /^SEARCH (\S+)(?: AS \S+)? USING (?:COVERING )?INDEX (\S+) \(([^)]*)\)$/;
const VERDICTS_MAX = 2000;

export class InlineReader {
  private conn: WorkerConnection | null = null;
  /** SQL → may it run inline ('once': seen once, not examined yet); forgotten when the schema changes. */
  private readonly verdicts = new Map<string, boolean | 'once'>();
  /** Statements answered here (for stats and tests). */
  reads = 0;

  constructor(
    private readonly file: string,
    private readonly setup: (db: Database.Database, session: ConnectionSession) => void,
  ) {}

  /** The statement's result, or null when it must go to the worker. */
  tryRun(sql: string, params: readonly StorageValue[], result: ResultShape | null, settings: ReadonlyMap<string, string>): ExecResult | null {
    if (result === null) return null;
    const conn = this.connection();
    if (conn === null || !this.allowed(conn.db, sql)) return null;
    // pgf_setting reads the calling session's live settings (no copy per read).
    conn.session.settings = settings;
    const res = conn.exec([sql], params, result, 'none');
    this.reads++;
    return res;
  }

  /** The schema changed: plans, and so verdicts, may differ. */
  schemaChanged(): void {
    this.verdicts.clear();
  }

  close(): void {
    this.conn?.close();
    this.conn = null;
  }

  private connection(): WorkerConnection | null {
    if (this.conn) return this.conn;
    try {
      this.conn = new WorkerConnection(this.file, new Int32Array(1), (db, session) => {
        db.pragma('query_only = ON');
        this.setup(db, session);
      });
    } catch {
      return null;
    }
    return this.conn;
  }

  private allowed(db: Database.Database, sql: string): boolean {
    const known = this.verdicts.get(sql);
    if (typeof known === 'boolean') return known;
    // Examining costs more than one trip to the worker: only statements that come back (prepared ones,
    // a driver's repeated text) are worth it, not the one-off texts of literal-laden simple queries.
    if (known === undefined) {
      this.remember(sql, 'once');
      return false;
    }
    let verdict = false;
    try {
      verdict = !WORKER_ONLY.test(sql) && isUniqueLookup(db, sql);
    } catch {
      verdict = false; // does not prepare here (a temp table, a function only the worker has): the worker answers
    }
    this.remember(sql, verdict);
    return verdict;
  }

  private remember(sql: string, verdict: boolean | 'once'): void {
    if (this.verdicts.size >= VERDICTS_MAX) this.verdicts.clear();
    this.verdicts.set(sql, verdict);
  }
}

/** True when every step of the query plan is an equality lookup that finds at most one row. */
function isUniqueLookup(db: Database.Database, sql: string): boolean {
  if (!db.prepare(sql).reader) return false;
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...nullParams(sql)) as { detail: string }[];
  if (steps.length === 0) return false;
  for (const { detail } of steps) {
    if (ROWID_LOOKUP.test(detail)) continue;
    const m = INDEX_LOOKUP.exec(detail);
    if (!m) return false;
    const terms = m[3]!.split(' AND ');
    if (!terms.every((t) => /^\S+=\?$/.test(t))) return false;
    const index = db.prepare(`SELECT "unique" FROM pragma_index_list(?) WHERE name = ?`).get(m[1], m[2]) as { unique: number } | undefined;
    const width = (db.prepare('SELECT count(*) AS n FROM pragma_index_info(?)').get(m[2]) as { n: number }).n;
    if (!index || index.unique !== 1 || width !== terms.length) return false;
  }
  return true;
}

/** Arguments binding every `?NNN` of the statement to NULL. */
function nullParams(sql: string): unknown[] {
  let highest = 0;
  for (const m of sql.matchAll(/\?(\d+)/g)) highest = Math.max(highest, Number(m[1]));
  return highest === 0 ? [] : bindArguments(countGaps(sql), new Array<null>(highest).fill(null));
}
