// What stops a session's running statement: a cancel request, statement_timeout, or the client leaving.
// The worker is told through the session's cancel flag (pgf_* functions and the hang watchdog read it), and a
// wait on the main thread (for the write lock) is rejected at once with 57014.
import { PgFailure } from './pg-failure.js';
import type { SqliteWorkerHost } from './sqlite-worker-host.js';

const USER_CANCEL = 'canceling statement due to user request';

export class StatementInterrupts {
  private timer: NodeJS.Timeout | null = null;
  private interruptWait: ((f: PgFailure) => void) | null = null;

  constructor(
    private readonly host: SqliteWorkerHost,
    private readonly slot: number,
  ) {}

  /** A statement starts: a cancel left over from before is forgotten; statement_timeout (ms, 0: none) runs. */
  start(timeoutMs: number): void {
    this.host.clearCancel(this.slot);
    if (timeoutMs <= 0) return;
    this.timer = setTimeout(() => {
      this.host.cancel(this.slot, 'timeout');
      this.interruptWait?.(new PgFailure('57014', 'canceling statement due to statement timeout'));
    }, timeoutMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A cancel request; `restartIfHung` false when the client left (its leaving must not abort others' transactions). */
  cancel(restartIfHung = true): void {
    this.host.cancel(this.slot, 'user', restartIfHung);
    this.interruptWait?.(new PgFailure('57014', USER_CANCEL));
  }

  /** `p`, unless a cancel or the timeout comes first. */
  interruptible<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.interruptWait = reject;
      p.then(resolve, reject).finally(() => (this.interruptWait = null));
    });
  }
}
