// What a client session observes of its own request cycles, outside the protocol path: the metrics
// record it adds to, the slow-query log, and the tenant's idle and idle-in-transaction timeouts.
// A cycle runs from a Query or Sync to the ReadyForQuery that answers it.
import type { Logger } from 'pino';
import { FrontendCode } from '../../protocol/message-codes.js';
import { redactedStatement, statementFingerprint } from '../../rewrite/parser/pg-parser.js';
import type { ClientMetrics } from '../observability/metrics.js';

const READY_IDLE = 0x49;

export type ObservedClient = {
  readonly tenant: string;
  readonly user: string;
  readonly logger: Logger;
  /** limits.slowQueryMs of the current config (0 = off). */
  slowQueryMs(): number;
  /** The SQL the current request runs, for the slow-query log. */
  lastSql(): string;
  /** Ends the connection after an idle timeout; `inTransaction` says which one. */
  idleTimeout(inTransaction: boolean): void;
};

export class RequestObserver {
  private running = false;
  private startedAt = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: ObservedClient,
    private readonly metrics: ClientMetrics,
    private readonly idleLimits: { readonly idle: number; readonly inTransaction: number },
  ) {}

  /** Every query-phase frame: counts statements, starts the cycle clock, stops the idle clock. `retry`: already seen once. */
  frame(code: number, retry: boolean): void {
    if (this.idleTimer !== null) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    if (retry) return;
    if (code === FrontendCode.Query || code === FrontendCode.Execute) this.metrics.query();
    if ((code === FrontendCode.Query || code === FrontendCode.Sync) && !this.running) {
      this.running = true;
      this.startedAt = performance.now();
    }
  }

  requestDone(status: number): void {
    const ms = this.running ? performance.now() - this.startedAt : null;
    this.metrics.requestDone(status, ms === null ? null : ms / 1000);
    if (ms !== null) this.logIfSlow(ms);
    this.running = false;
    this.armIdleTimer(status);
  }

  /** The session is ready (login done): the idle clock starts. */
  started(): void {
    this.armIdleTimer(READY_IDLE);
  }

  stop(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** The slow-query log: fingerprint and literal-free text, never values or parameters. */
  private logIfSlow(ms: number): void {
    const threshold = this.client.slowQueryMs();
    if (threshold <= 0 || ms < threshold) return;
    const sql = this.client.lastSql();
    this.client.logger.warn(
      { slowQuery: true, tenant: this.client.tenant, user: this.client.user, durationMs: Math.round(ms), fingerprint: statementFingerprint(sql), statement: redactedStatement(sql) },
      'slow query',
    );
  }

  /** Starts the idle or idle-in-transaction clock after a ReadyForQuery, when the tenant has one. */
  private armIdleTimer(status: number): void {
    const inTransaction = status !== READY_IDLE;
    const limit = inTransaction ? this.idleLimits.inTransaction : this.idleLimits.idle;
    if (limit <= 0) return;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.running) this.client.idleTimeout(inTransaction);
    }, limit);
    this.idleTimer.unref();
  }
}
