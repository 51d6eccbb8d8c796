// Worker side: one client session's better-sqlite3 connection, its prepared-statement cache and the
// execution of one request (statements made atomic, last one's rows encoded straight into DataRows).
import Database from 'better-sqlite3';
import { DataRowWriter } from './data-row-writer.js';
import { columnEncoder, writeRow, type ColumnEncoder, type StorageValue } from './sqlite-types.js';
import { Oid } from './sqlite-oids.js';
import type { ExecResult, ExecWrap, ResultShape } from './worker-messages.js';
import type { SequenceStore } from './functions/sequences.js';

/** What the pgf_* functions of one connection can see of their session. */
export type ConnectionSession = {
  /** Int32Array of length 1: 0 = run, 1 = cancelled by the user, 2 = statement timeout. */
  readonly cancelFlag: Int32Array;
  /** The session's settings: the worker's copy (applySettings), or the main thread's live map (inline reads). */
  settings: ReadonlyMap<string, string>;
  /** Start of the open transaction, else of the running statement (ms since the epoch): now() and friends. */
  transactionStartedAt: number;
  /** The connection's sequence cache (functions/sequences.ts), driven around statements that use sequences. */
  sequences?: SequenceStore;
};

const USES_SEQUENCES = /\bpgf_(nextval|currval|setval)\(/;

type Prepared = { stmt: Database.Statement; gaps: number; usesParams: boolean; reader: boolean };

const STATEMENT_CACHE_MAX = 200;
const PARAM_RE = /\?(\d+)/g;
const PARAM_RE_TEST = /\?\d/;

export class WorkerConnection {
  readonly db: Database.Database;
  readonly session: ConnectionSession;
  private readonly cache = new Map<string, Prepared>();
  private readonly writer = new DataRowWriter();
  private readonly ownSettings = new Map<string, string>();

  constructor(file: string, cancelFlag: Int32Array, setup: (db: Database.Database, session: ConnectionSession) => void) {
    this.db = new Database(file, { timeout: 0 });
    this.session = { cancelFlag, settings: this.ownSettings, transactionStartedAt: Date.now() };
    setup(this.db, this.session);
  }

  /** Settings the session changed since the worker last heard (pgf_setting reads them). */
  applySettings(changed: Readonly<Record<string, string>>): void {
    for (const [k, v] of Object.entries(changed)) this.ownSettings.set(k, v);
  }

  /** Transaction control from the session (BEGIN IMMEDIATE, COMMIT, SAVEPOINT "a", …). */
  control(sql: string): void {
    if (sql.startsWith('BEGIN')) this.session.transactionStartedAt = Date.now();
    this.db.exec(sql);
  }

  exec(sql: readonly string[], params: readonly StorageValue[], result: ResultShape | null, wrap: ExecWrap): ExecResult {
    const db = this.db;
    if (!db.inTransaction) this.session.transactionStartedAt = Date.now();
    if (wrap === 'savepoint') db.exec('SAVEPOINT pgf_statement');
    else if (wrap === 'transaction') db.exec('BEGIN');
    // Sequence values are cached per connection: read them fresh (the statement holds the write lock, so no
    // other session moves them meanwhile) and write them back afterwards, whatever the statement's outcome.
    const sequences = this.session.sequences && sql.some((s) => USES_SEQUENCES.test(s)) ? this.session.sequences : null;
    if (sequences) {
      sequences.invalidate();
      sequences.load();
    }
    try {
      const out = this.runWithSequences(sql, params, result, sequences);
      if (wrap === 'savepoint') db.exec('RELEASE pgf_statement');
      else if (wrap === 'transaction') db.exec('COMMIT');
      return out;
    } catch (err) {
      if (wrap === 'savepoint') db.exec('ROLLBACK TO pgf_statement; RELEASE pgf_statement');
      else if (wrap === 'transaction' && db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  batch(sql: string, rows: readonly (readonly StorageValue[])[]): ExecResult {
    const p = this.prepare(sql);
    const nested = this.db.inTransaction;
    this.db.exec(nested ? 'SAVEPOINT pgf_copy' : 'BEGIN');
    try {
      for (const row of rows) this.bind(p, row).run();
      this.db.exec(nested ? 'RELEASE pgf_copy' : 'COMMIT');
    } catch (err) {
      this.db.exec(nested ? 'ROLLBACK TO pgf_copy; RELEASE pgf_copy' : 'ROLLBACK');
      throw err;
    }
    return { rows: null, rowEnds: [], rowCount: rows.length, changes: rows.length };
  }

  close(): void {
    this.cache.clear();
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }

  private runWithSequences(sql: readonly string[], params: readonly StorageValue[], result: ResultShape | null, sequences: SequenceStore | null): ExecResult {
    try {
      return this.run(sql, params, result);
    } finally {
      sequences?.flush();
    }
  }

  private run(sql: readonly string[], params: readonly StorageValue[], result: ResultShape | null): ExecResult {
    let changes = 0;
    for (let i = 0; i < sql.length - 1; i++) this.bind(this.prepare(sql[i]!), params).run();
    const last = sql[sql.length - 1];
    if (last === undefined) return { rows: null, rowEnds: [], rowCount: 0, changes: 0 };
    const p = this.prepare(last);
    if (result === null || !p.reader) {
      changes = this.bind(p, params).run().changes;
      return { rows: null, rowEnds: [], rowCount: changes, changes };
    }
    const encoders: ColumnEncoder[] = result.oids.map((oid, i) => columnEncoder(oid, result.binary[i] ?? false));
    p.stmt.raw(true);
    p.stmt.safeIntegers(result.oids.includes(Oid.int8));
    const w = this.writer;
    let count = 0;
    try {
      for (const row of this.bind(p, params).iterate() as IterableIterator<unknown[]>) {
        writeRow(w, row, encoders);
        count++;
      }
    } catch (err) {
      // The rows encoded before the failure must not prefix the next statement's result.
      w.reset();
      throw err;
    }
    const { bytes, rowEnds } = w.take();
    return { rows: bytes, rowEnds, rowCount: count, changes: 0 };
  }

  private prepare(sql: string): Prepared {
    let p = this.cache.get(sql);
    if (p) {
      // Most recently used last.
      this.cache.delete(sql);
      this.cache.set(sql, p);
      return p;
    }
    const stmt = this.db.prepare(sql);
    p = { stmt, gaps: countGaps(sql), usesParams: PARAM_RE_TEST.test(sql), reader: stmt.reader };
    this.cache.set(sql, p);
    if (this.cache.size > STATEMENT_CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    return p;
  }

  /** better-sqlite3 binds `?NNN` by name (`{ 1: v }`); a number below the highest one that is not used counts as anonymous. */
  private bind(p: Prepared, params: readonly StorageValue[]): { run(): Database.RunResult; iterate(): IterableIterator<unknown> } {
    const stmt = p.stmt;
    if (params.length === 0 || !p.usesParams) return { run: () => stmt.run(), iterate: () => stmt.iterate() };
    const args = bindArguments(p.gaps, params);
    return { run: () => stmt.run(...args), iterate: () => stmt.iterate(...args) };
  }
}

/** better-sqlite3's arguments for `?NNN` parameters: by name (`{ 1: v }`), after one anonymous NULL per unused number below the highest. */
export function bindArguments(gaps: number, params: readonly unknown[]): unknown[] {
  const named: Record<number, unknown> = {};
  for (let i = 0; i < params.length; i++) named[i + 1] = params[i];
  return gaps > 0 ? [...new Array<null>(gaps).fill(null), named] : [named];
}

/** How many numbers below the highest `?NNN` the statement does not use. */
export function countGaps(sql: string): number {
  const used = new Set<number>();
  for (const m of sql.matchAll(PARAM_RE)) used.add(Number(m[1]));
  if (used.size === 0) return 0;
  return Math.max(...used) - used.size;
}
