// What stops a session's running statement: a cancel request or statement_timeout. The running mssql
// request is cancelled (tedious sends an ATTENTION; SQL Server stops the batch and the request fails with
// ECANCEL), and the failure is reported as Postgres reports it: 57014 with the reason.
import type mssql from 'mssql';
import { PgFailure } from '../sqlite/pg-failure.js';

const MESSAGES = { user: 'canceling statement due to user request', timeout: 'canceling statement due to statement timeout' } as const;

export class StatementInterrupts {
  private timer: NodeJS.Timeout | null = null;
  private active = false;
  private reason: keyof typeof MESSAGES | null = null;
  private request: mssql.Request | null = null;

  /** A statement starts: statement_timeout (ms, 0: none) runs from here. */
  start(timeoutMs: number): void {
    this.active = true;
    this.reason = null;
    if (timeoutMs > 0) this.timer = setTimeout(() => this.fire('timeout'), timeoutMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.active = false;
    this.request = null;
  }

  /** A cancel request from the client (ignored when nothing runs, as in Postgres). */
  cancel(): void {
    this.fire('user');
  }

  /** The statement's request is about to run (a cancel that came first stops it at once). */
  running(req: mssql.Request): void {
    this.request = req;
    if (this.reason) req.cancel();
  }

  /** Throws when the statement was interrupted (between requests of one statement, e.g. COPY batches). */
  check(): void {
    if (this.reason) throw new PgFailure('57014', MESSAGES[this.reason]);
  }

  /** An error of the running statement, as the client sees it when an interrupt caused it. */
  failureOf(err: unknown): unknown {
    const code = (err as { code?: unknown } | null)?.code;
    if (this.reason && (code === 'ECANCEL' || code === 'EABORT' || code === 'EREQUEST' || code === 'ETIMEOUT')) return new PgFailure('57014', MESSAGES[this.reason]);
    return err;
  }

  private fire(reason: keyof typeof MESSAGES): void {
    if (!this.active || this.reason) return;
    this.reason = reason;
    this.request?.cancel();
  }
}
