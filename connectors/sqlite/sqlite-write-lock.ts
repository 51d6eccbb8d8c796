// The one writer a SQLite file allows, as a FIFO queue in the main thread (SQLite's own busy handling is
// off: busy_timeout 0). A session holds the lock from its first write (or BEGIN) to COMMIT/ROLLBACK;
// others wait their turn, or give up after their lock timeout with 55P03.

type Waiter = { owner: number; grant: () => void; timer: NodeJS.Timeout | null };

export class LockTimeoutError extends Error {
  readonly code = '55P03';
  constructor() {
    super('canceling statement due to lock timeout');
  }
}

export class SqliteWriteLock {
  private holder: number | null = null;
  private readonly queue: Waiter[] = [];

  get heldBy(): number | null {
    return this.holder;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves when `owner` holds the lock; rejects with LockTimeoutError after timeoutMs (0: wait forever). */
  acquire(owner: number, timeoutMs: number): Promise<void> {
    if (this.holder === owner) return Promise.resolve();
    if (this.holder === null && this.queue.length === 0) {
      this.holder = owner;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { owner, grant: resolve, timer: null };
      if (timeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new LockTimeoutError());
        }, timeoutMs);
      }
      this.queue.push(waiter);
    });
  }

  /** Leaves the queue without the lock (a session that ends while waiting). */
  abandon(owner: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const w = this.queue[i]!;
      if (w.owner !== owner) continue;
      if (w.timer) clearTimeout(w.timer);
      this.queue.splice(i, 1);
    }
  }

  release(owner: number): void {
    if (this.holder !== owner) return;
    this.grantNext();
  }

  /** The worker restarted: nobody's transaction survives, so nobody holds the lock. */
  reset(): void {
    this.grantNext();
  }

  /** The lock passes to the first waiter, or is free. */
  private grantNext(): void {
    this.holder = null;
    const next = this.queue.shift();
    if (!next) return;
    if (next.timer) clearTimeout(next.timer);
    this.holder = next.owner;
    next.grant();
  }
}
