// Transaction-mode pool of server connections for one backend: at most `pool.max` connections, idle
// ones reused LIFO (warm caches), waiters served FIFO with a timeout (53300), connections opened on
// demand and closed after `idleTimeoutMs` unused. A connection that dies is dropped and replaced the
// next time one is needed, so a backend restart needs no intervention.
import { loginToBackend } from './backend-login.js';
import type { PostgresTarget } from './postgres-config.js';
import { BackendError } from './postgres-errors.js';
import { ServerConnection } from './server-connection.js';

export type AcquireCallback = (err: Error | null, conn: ServerConnection | null) => void;

// Waiters share one timer armed for the oldest one's deadline (FIFO, same timeout for all), instead
// of a promise and a timer each: with 400 clients on 20 connections most checkouts wait.
type Waiter = { callback: AcquireCallback; deadline: number; since: number };

/** waits / waitMsTotal: checkouts that had to wait, and how long they waited in all (served ones only). */
export type PoolStats = { total: number; idle: number; busy: number; connecting: number; waiting: number; maxWaitMs: number; connectFailures: number; waits: number; waitMsTotal: number };

export class PostgresPool {
  private readonly idle: ServerConnection[] = [];
  private readonly busy = new Set<ServerConnection>();
  private waiters: Waiter[] = [];
  private waiterHead = 0;
  private waiterTimer: NodeJS.Timeout | null = null;
  private connecting = 0;
  private waits = 0;
  private waitMsTotal = 0;
  private nextId = 1;
  private closing = false;
  private readonly reaper: NodeJS.Timeout;
  /** ParameterStatus values of the first login, announced to clients at their login. */
  private parameters: Map<string, string> | null = null;

  constructor(readonly target: PostgresTarget) {
    this.reaper = setInterval(() => this.closeIdle(), Math.max(1000, Math.min(target.pool.idleTimeoutMs, 10_000)));
    this.reaper.unref();
  }

  /** An idle connection right now, without waiting (the hot path: no promise, no timer). */
  tryAcquire(): ServerConnection | null {
    for (let conn = this.idle.pop(); conn !== undefined; conn = this.idle.pop()) {
      if (conn.closed) continue;
      this.busy.add(conn);
      return conn;
    }
    return null;
  }

  /** A connection now or when one is free; the callback may run synchronously. */
  acquire(callback: AcquireCallback): void {
    const conn = this.tryAcquire();
    if (conn) return callback(null, conn);
    if (this.closing) return callback(new BackendError('57P01', `backend "${this.target.name}" is shutting down`), null);
    const now = Date.now();
    this.waiters.push({ callback, since: now, deadline: now + this.target.pool.acquireTimeoutMs });
    if (this.waiterTimer === null) this.armWaiterTimer();
    this.grow();
  }

  private get waiting(): number {
    return this.waiters.length - this.waiterHead;
  }

  private shiftWaiter(): Waiter | undefined {
    const waiter = this.waiters[this.waiterHead];
    if (waiter === undefined) return undefined;
    this.waiterHead++;
    if (this.waiterHead === this.waiters.length) {
      this.waiters = [];
      this.waiterHead = 0;
    } else if (this.waiterHead > 1024 && this.waiterHead * 2 > this.waiters.length) {
      this.waiters = this.waiters.slice(this.waiterHead);
      this.waiterHead = 0;
    }
    return waiter;
  }

  private armWaiterTimer(): void {
    const head = this.waiters[this.waiterHead];
    if (head === undefined) return;
    this.waiterTimer = setTimeout(this.expireWaiters, Math.max(0, head.deadline - Date.now()));
  }

  private readonly expireWaiters = (): void => {
    this.waiterTimer = null;
    const now = Date.now();
    for (let head = this.waiters[this.waiterHead]; head !== undefined && head.deadline <= now; head = this.waiters[this.waiterHead]) {
      this.shiftWaiter();
      head.callback(new BackendError('53300', `no server connection to backend "${this.target.name}" became free within ${this.target.pool.acquireTimeoutMs} ms (pool.max ${this.target.pool.max})`), null);
    }
    this.armWaiterTimer();
  };

  release(conn: ServerConnection): void {
    this.busy.delete(conn);
    if (conn.closed) {
      this.grow();
      return;
    }
    conn.router.attach(null);
    const waiter = this.shiftWaiter();
    if (waiter) {
      this.busy.add(conn);
      this.waits++;
      this.waitMsTotal += Date.now() - waiter.since;
      // Not synchronously: release runs inside the previous holder's ReadyForQuery, and any bytes after it
      // in the same chunk must not reach the next client.
      queueMicrotask(() => waiter.callback(null, conn));
      return;
    }
    if (this.closing) {
      conn.terminate();
      return;
    }
    conn.lastReleasedAt = Date.now();
    this.idle.push(conn);
  }

  /** Drops a connection that can no longer be trusted (dead, desynchronised, mid-transaction client gone). */
  discard(conn: ServerConnection, reason: string): void {
    this.busy.delete(conn);
    conn.destroy(reason);
    this.grow();
  }

  /** Server parameters for client logins; logs in once if no connection has been made yet. */
  async serverParameters(): Promise<Map<string, string>> {
    if (this.parameters) return this.parameters;
    const conn = await new Promise<ServerConnection>((resolve, reject) => this.acquire((err, c) => (err || !c ? reject(err) : resolve(c))));
    this.release(conn);
    if (!this.parameters) throw new BackendError('08001', `backend "${this.target.name}" sent no parameters`);
    return this.parameters;
  }

  /** Backend logins that failed since the pool was created (a counter, for metrics). */
  private connectFailures = 0;

  stats(): PoolStats {
    const now = Date.now();
    const oldest = this.waiters[this.waiterHead];
    return {
      total: this.idle.length + this.busy.size + this.connecting,
      idle: this.idle.length,
      busy: this.busy.size,
      connecting: this.connecting,
      waiting: this.waiting,
      maxWaitMs: oldest ? now - oldest.since : 0,
      connectFailures: this.connectFailures,
      waits: this.waits,
      waitMsTotal: this.waitMsTotal,
    };
  }

  /** Stops lending; closes idle connections now and busy ones as they come back. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.reaper);
    if (this.waiterTimer) clearTimeout(this.waiterTimer);
    for (let waiter = this.shiftWaiter(); waiter !== undefined; waiter = this.shiftWaiter()) {
      waiter.callback(new BackendError('57P01', `backend "${this.target.name}" is shutting down`), null);
    }
    for (const conn of this.idle.splice(0)) conn.terminate();
  }

  /** Opens connections while there are more waiters than connections on the way. */
  private grow(): void {
    while (!this.closing && this.waiting > this.connecting && this.idle.length + this.busy.size + this.connecting < this.target.pool.max) {
      this.connecting++;
      loginToBackend(this.target).then(
        (login) => {
          this.connecting--;
          if (!this.parameters) this.parameters = login.parameters;
          const conn = new ServerConnection(login, this.nextId++, this.target.pool.maxPreparedStatements);
          conn.onClose((c) => this.forget(c));
          this.busy.add(conn);
          this.release(conn);
        },
        (err: Error) => {
          this.connecting--;
          this.connectFailures++;
          // Nothing else can serve the waiters soon: tell them now rather than at their timeout.
          if (this.busy.size === 0 && this.idle.length === 0) this.rejectWaiters(err);
        },
      );
    }
  }

  private rejectWaiters(err: Error): void {
    for (let n = this.waiting - this.connecting; n > 0; n--) this.shiftWaiter()?.callback(err, null);
  }

  private forget(conn: ServerConnection): void {
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
  }

  private closeIdle(): void {
    const cutoff = Date.now() - this.target.pool.idleTimeoutMs;
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const conn = this.idle[i]!;
      if (conn.lastReleasedAt < cutoff) {
        this.idle.splice(i, 1);
        conn.terminate();
      }
    }
  }
}
