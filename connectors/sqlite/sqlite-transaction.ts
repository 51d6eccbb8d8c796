// One session's transaction on its SQLite connection, with Postgres's states: idle, an implicit
// transaction (a write outside BEGIN, or a multi-statement query: committed at the end of the Query or
// at Sync), an explicit one (BEGIN … COMMIT) and an aborted one (after an error, until ROLLBACK).
// The file's write lock is held from BEGIN (or the first write) to the end.
import { PgFailure } from './pg-failure.js';
import type { SqliteFile } from './sqlite-file.js';
import type { SessionSettings } from './sqlite-settings.js';

export type TxState = 'idle' | 'implicit' | 'explicit' | 'aborted';
export type Notice = { code: string; message: string };

export class SessionTransaction {
  state: TxState = 'idle';
  private readOnly = false;
  private lockHeld = false;
  /** A SQLite transaction is open on the connection, begun under this worker generation (0: none). */
  private openGeneration = 0;
  /**
   * A BEGIN not sent yet: it travels with the transaction's first statement (one worker round trip fewer).
   * `sent` while that statement is in the worker.
   */
  private pendingBegin: { sql: string; sent: boolean } | null = null;
  private savepoints: string[] = [];

  constructor(
    private readonly file: SqliteFile,
    private readonly owner: number,
    private readonly slot: number,
    private readonly settings: SessionSettings,
    /** Makes a wait interruptible by cancel and statement_timeout. */
    private readonly interruptible: <T>(p: Promise<T>) => Promise<T>,
  ) {}

  get status(): 'I' | 'T' | 'E' {
    return this.state === 'explicit' ? 'T' : this.state === 'aborted' ? 'E' : 'I';
  }

  /** A SQLite transaction is open: statements run inside a savepoint so a failure undoes only them. */
  get open(): boolean {
    return this.openGeneration !== 0 || this.pendingBegin !== null;
  }

  /** The deferred BEGIN for the statement about to be sent to the worker (null: none); see execDone. */
  takeBegin(): string | null {
    if (!this.pendingBegin || this.pendingBegin.sent) return null;
    this.pendingBegin.sent = true;
    return this.pendingBegin.sql;
  }

  /** The statement that carried the BEGIN came back: the worker says whether a transaction is open now. */
  execDone(inTransaction: boolean | undefined): void {
    if (!this.pendingBegin?.sent) return;
    this.pendingBegin = null;
    if (inTransaction) this.openGeneration = this.file.host.generation;
  }

  /** Sends a deferred BEGIN now (before SAVEPOINT, COPY batches and other requests that are not statements). */
  async flushBegin(): Promise<void> {
    const pending = this.pendingBegin;
    if (!pending || pending.sent) return;
    this.pendingBegin = null;
    await this.control(pending.sql);
  }

  /** Before a statement that writes: take the lock and open an implicit transaction if none is. */
  async ensureWrite(command: string): Promise<void> {
    if (this.state === 'explicit' && this.readOnly) throw new PgFailure('25006', `cannot execute ${command} in a read-only transaction`);
    if (this.lockHeld && this.open) return;
    await this.takeLock();
    if (!this.open) {
      await this.beginHoldingLock('BEGIN IMMEDIATE');
      if (this.state === 'idle') {
        this.state = 'implicit';
        this.settings.transactionStarted();
      }
    }
  }

  /** A multi-statement Query runs in one implicit transaction, opened by its first write. */
  async begin(readOnly: boolean): Promise<Notice | null> {
    if (this.state === 'explicit') return { code: '25001', message: 'there is already a transaction in progress' };
    if (this.state === 'implicit') {
      this.state = 'explicit';
      return null;
    }
    this.readOnly = readOnly;
    if (!readOnly) await this.takeLock();
    await this.beginHoldingLock(readOnly ? 'BEGIN' : 'BEGIN IMMEDIATE');
    this.state = 'explicit';
    this.savepoints = [];
    this.settings.transactionStarted();
    return null;
  }

  /** COMMIT: returns the tag (ROLLBACK for an aborted transaction) and a warning when there was none. */
  async commit(): Promise<{ tag: string; notice: Notice | null; reported: [string, string][] }> {
    if (this.state === 'idle') return { tag: 'COMMIT', notice: noTransaction(), reported: [] };
    if (this.state === 'aborted') return { tag: 'ROLLBACK', notice: null, reported: await this.finish(false) };
    const notice = this.state === 'implicit' ? noTransaction() : null;
    return { tag: 'COMMIT', notice, reported: await this.finish(true) };
  }

  async rollback(): Promise<{ notice: Notice | null; reported: [string, string][] }> {
    if (this.state === 'idle') return { notice: noTransaction(), reported: [] };
    const notice = this.state === 'implicit' ? noTransaction() : null;
    return { notice, reported: await this.finish(false) };
  }

  async savepoint(name: string): Promise<void> {
    if (this.state !== 'explicit') throw new PgFailure('25P01', 'SAVEPOINT can only be used in transaction blocks');
    await this.flushBegin();
    await this.control(`SAVEPOINT ${quote(name)}`);
    this.savepoints.push(name);
  }

  async release(name: string): Promise<void> {
    if (this.state !== 'explicit') throw new PgFailure('25P01', 'RELEASE SAVEPOINT can only be used in transaction blocks');
    const at = this.savepoints.lastIndexOf(name);
    if (at < 0) throw new PgFailure('3B001', `savepoint "${name}" does not exist`);
    await this.control(`RELEASE ${quote(name)}`);
    this.savepoints.length = at;
  }

  async rollbackTo(name: string): Promise<void> {
    if (this.state !== 'explicit' && this.state !== 'aborted') throw new PgFailure('25P01', 'ROLLBACK TO SAVEPOINT can only be used in transaction blocks');
    const at = this.savepoints.lastIndexOf(name);
    if (at < 0) throw new PgFailure('3B001', `savepoint "${name}" does not exist`);
    if (!this.open) throw new PgFailure('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    await this.flushBegin();
    await this.control(`ROLLBACK TO ${quote(name)}`);
    this.savepoints.length = at + 1;
    this.state = 'explicit';
  }

  /** A statement failed: an explicit transaction is aborted, an implicit one rolled back at once. */
  async failed(): Promise<void> {
    if (this.state === 'explicit') this.state = 'aborted';
    else if (this.state === 'implicit') await this.finish(false);
  }

  /** End of a Query or Sync: an implicit transaction commits (or rolls back after a failure). */
  async endImplicit(): Promise<[string, string][]> {
    if (this.state !== 'implicit') return [];
    return this.finish(true);
  }

  /** The worker restarted: the connection and its transaction are gone. */
  workerLost(): void {
    // The file's lock was reset: whatever this session held is gone, open transaction or not.
    this.lockHeld = false;
    if (!this.open) return;
    this.openGeneration = 0;
    this.pendingBegin = null;
    this.savepoints = [];
    if (this.state === 'explicit') this.state = 'aborted';
    else if (this.state === 'implicit') this.state = 'idle';
  }

  /** The client left: roll back and let the next writer in. */
  async abandon(): Promise<void> {
    this.file.lock.abandon(this.owner);
    if (this.state !== 'idle') await this.finish(false).catch(() => undefined);
    this.releaseLock();
  }

  private async finish(commit: boolean): Promise<[string, string][]> {
    try {
      // A BEGIN still deferred never reached SQLite: there is nothing to end there.
      if (this.openGeneration !== 0 && this.openGeneration === this.file.host.generation) await this.control(commit ? 'COMMIT' : 'ROLLBACK');
    } catch (err) {
      // A failed COMMIT (a deferred constraint) leaves the transaction rolled back, as in Postgres.
      if (this.openGeneration !== 0) await this.control('ROLLBACK').catch(() => undefined);
      this.reset();
      this.settings.transactionEnded(false);
      throw err;
    }
    this.reset();
    return this.settings.transactionEnded(commit);
  }

  private reset(): void {
    this.state = 'idle';
    this.readOnly = false;
    this.openGeneration = 0;
    this.pendingBegin = null;
    this.savepoints = [];
    this.releaseLock();
  }

  private async takeLock(): Promise<void> {
    if (this.lockHeld) return;
    const timeout = this.settings.millis('lock_timeout') || this.file.defaultLockTimeoutMs;
    try {
      await this.interruptible(this.file.lock.acquire(this.owner, timeout));
    } catch (err) {
      this.file.lock.abandon(this.owner);
      if (this.file.lock.heldBy === this.owner) this.file.lock.release(this.owner);
      throw err;
    }
    this.lockHeld = true;
  }

  private releaseLock(): void {
    if (!this.lockHeld) return;
    this.lockHeld = false;
    this.file.lock.release(this.owner);
  }

  /**
   * BEGIN after taking the lock, deferred to the first statement. A BEGIN that fails there (SQLITE_BUSY, the
   * worker lost) fails that statement and leaves no transaction: ending it releases the lock.
   */
  private async beginHoldingLock(sql: string): Promise<void> {
    this.pendingBegin = { sql, sent: false };
  }

  private async control(sql: string): Promise<void> {
    await this.file.host.request({ op: 'control', session: this.owner, slot: this.slot, sql }, this.slot);
    if (sql.startsWith('BEGIN')) this.openGeneration = this.file.host.generation;
  }
}

function noTransaction(): Notice {
  return { code: '25P01', message: 'there is no transaction in progress' };
}

function quote(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}
