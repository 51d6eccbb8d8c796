// One session's transaction with Postgres's states — idle, implicit (a multi-statement Query, committed
// at its end), explicit (BEGIN … COMMIT) and aborted (after an error, until ROLLBACK or ROLLBACK TO) — over
// the mssql package's Transaction, which pins one pooled connection from BEGIN to the end. SQL Server
// itself would carry on after most errors; the aborted state is kept here, as Postgres does.
import mssql from 'mssql';
import { PgFailure } from '../sqlite/pg-failure.js';
import type { SessionSettings } from '../sqlite/sqlite-settings.js';
import type { MssqlBackend } from './mssql-backend.js';
import type { TransactionAction } from './mssql-plan.js';

export type TxState = 'idle' | 'implicit' | 'explicit' | 'aborted';
export type Notice = { code: string; message: string };
type Begin = Extract<TransactionAction, { kind: 'begin' }>;

const ISOLATION: Readonly<Record<string, number>> = {
  'read committed': mssql.ISOLATION_LEVEL.READ_COMMITTED,
  'repeatable read': mssql.ISOLATION_LEVEL.REPEATABLE_READ,
  serializable: mssql.ISOLATION_LEVEL.SERIALIZABLE,
};

export const ABORTED = 'current transaction is aborted, commands ignored until end of transaction block';

export class SessionTransaction {
  state: TxState = 'idle';
  readOnly = false;
  private tx: mssql.Transaction | null = null;
  /** SQL Server ended the transaction itself (a deadlock victim, XACT_ABORT, a lost connection). */
  private serverEnded = false;
  /** Postgres savepoint names, innermost last; on the server they are pgf_sp<depth> (SQL Server allows 32 characters). */
  private savepoints: string[] = [];
  /** BEGIN asked for an isolation level other than READ COMMITTED, which stays on the connection after the transaction. */
  private isolationChanged = false;

  constructor(
    private readonly backend: MssqlBackend,
    private readonly settings: SessionSettings,
  ) {}

  get status(): 'I' | 'T' | 'E' {
    return this.state === 'explicit' ? 'T' : this.state === 'aborted' ? 'E' : 'I';
  }

  /** A server transaction is open: statements run on its connection. */
  get open(): boolean {
    return this.tx !== null && !this.serverEnded;
  }

  /** A request on the transaction's connection, or on any pooled one outside a transaction. */
  async request(): Promise<mssql.Request> {
    if (this.tx && !this.serverEnded) return new mssql.Request(this.tx);
    if (this.tx && this.serverEnded) throw new PgFailure('25P02', 'the SQL Server transaction was ended by the server; only ROLLBACK can end it here');
    return (await this.backend.connect()).request();
  }

  /** Before the first statement of a multi-statement Query: Postgres runs them in one implicit transaction. */
  async beginImplicit(): Promise<void> {
    if (this.state !== 'idle') return;
    await this.open_(null);
    this.state = 'implicit';
  }

  async begin(a: Begin): Promise<Notice | null> {
    if (this.state === 'explicit' || this.state === 'aborted') return { code: '25001', message: 'there is already a transaction in progress' };
    if (this.state === 'implicit') {
      this.state = 'explicit';
      this.readOnly = a.readOnly;
      return null;
    }
    await this.open_(a.isolation);
    this.state = 'explicit';
    this.readOnly = a.readOnly;
    return null;
  }

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
    await this.control(`SAVE TRANSACTION ${serverName(this.savepoints.length)}`);
    this.savepoints.push(name);
  }

  /** SQL Server has no RELEASE: the savepoint (and those after it) are only forgotten here. */
  release(name: string): void {
    if (this.state !== 'explicit') throw new PgFailure('25P01', 'RELEASE SAVEPOINT can only be used in transaction blocks');
    const at = this.savepoints.lastIndexOf(name);
    if (at < 0) throw new PgFailure('3B001', `savepoint "${name}" does not exist`);
    this.savepoints.length = at;
  }

  async rollbackTo(name: string): Promise<void> {
    if (this.state !== 'explicit' && this.state !== 'aborted') throw new PgFailure('25P01', 'ROLLBACK TO SAVEPOINT can only be used in transaction blocks');
    const at = this.savepoints.lastIndexOf(name);
    if (at < 0) throw new PgFailure('3B001', `savepoint "${name}" does not exist`);
    if (this.serverEnded) throw new PgFailure('25P02', 'the SQL Server transaction was rolled back by the server (a deadlock or a fatal error); only ROLLBACK can end it');
    await this.control(`ROLLBACK TRANSACTION ${serverName(at)}`);
    this.savepoints.length = at + 1;
    this.state = 'explicit';
  }

  /** A statement failed: an explicit transaction is aborted, an implicit one rolled back at once. */
  async failed(): Promise<void> {
    if (this.state === 'explicit') this.state = 'aborted';
    else if (this.state === 'implicit') await this.finish(false);
  }

  /** End of a Query or Sync: an implicit transaction commits. */
  async endImplicit(): Promise<[string, string][]> {
    if (this.state !== 'implicit') return [];
    return this.finish(true);
  }

  /** The client left: roll back whatever is open. */
  async abandon(): Promise<void> {
    if (this.state !== 'idle') await this.finish(false).catch(() => undefined);
  }

  private async open_(isolation: Begin['isolation']): Promise<void> {
    const pool = await this.backend.connect();
    const tx = new mssql.Transaction(pool);
    // Emitted with `true` when the server rolled the transaction back on its own.
    tx.on('rollback', (aborted: boolean) => {
      if (aborted && this.tx === tx) this.serverEnded = true;
    });
    await tx.begin(isolation ? ISOLATION[isolation] : undefined);
    this.isolationChanged = isolation !== null && isolation !== 'read committed';
    this.tx = tx;
    this.serverEnded = false;
    this.savepoints = [];
    this.settings.transactionStarted();
  }

  private async finish(commit: boolean): Promise<[string, string][]> {
    const tx = this.tx;
    const live = tx !== null && !this.serverEnded;
    // The level set by BEGIN outlives the transaction on its pooled connection: the next borrower gets the default.
    if (live && this.isolationChanged) await this.control('SET TRANSACTION ISOLATION LEVEL READ COMMITTED').catch(() => undefined);
    try {
      if (live) await (commit ? tx.commit() : tx.rollback());
    } catch (err) {
      // ROLLBACK always ends the transaction, as in Postgres: a rollback that fails (the connection was lost)
      // has nothing left to undo. A failed COMMIT leaves nothing committed; the client hears why.
      if (!commit) return this.reset(false);
      await tx!.rollback().catch(() => undefined);
      this.reset(false);
      throw err;
    }
    return this.reset(commit);
  }

  private reset(committed: boolean): [string, string][] {
    this.tx = null;
    this.serverEnded = false;
    this.isolationChanged = false;
    this.state = 'idle';
    this.readOnly = false;
    this.savepoints = [];
    return this.settings.transactionEnded(committed);
  }

  private async control(tsql: string): Promise<void> {
    const req = await this.request();
    await req.batch(tsql);
  }
}

function serverName(depth: number): string {
  return `pgf_sp${depth}`;
}

function noTransaction(): Notice {
  return { code: '25P01', message: 'there is no transaction in progress' };
}
