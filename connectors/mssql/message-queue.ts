// A session's client messages in arrival order, answered one at a time (each may wait for SQL Server),
// pausing while the client's socket drains; when the client has gone and nothing runs, the session is
// released once.
import type { SessionOp } from '../queued-session.js';

export type Op = SessionOp;

export type QueueHooks = {
  run(op: Op): Promise<void>;
  /** A fault that escaped `run` (statement errors are answered where they happen). */
  internalError(err: unknown): void;
  drained(): Promise<void>;
  /** The client is gone and nothing runs for it any more. */
  released(): void;
  /** The queue emptied. */
  idle(): void;
};

export class MessageQueue {
  private readonly ops: Op[] = [];
  private pumping = false;
  private ended = false;
  private released = false;

  constructor(private readonly hooks: QueueHooks) {}

  get idle(): boolean {
    return this.ops.length === 0 && !this.pumping;
  }

  push(op: Op): void {
    if (this.ended) return;
    this.ops.push(op);
    if (!this.pumping) void this.pump();
  }

  /** CopyData the client pipelined behind a COPY FROM STDIN (taken out of the queue by the COPY). */
  takeCopyData(): Buffer[] {
    const taken: Buffer[] = [];
    while (this.ops[0]?.k === 'copy') taken.push((this.ops.shift() as { raw: Buffer }).raw);
    return taken;
  }

  /** Another Execute is already queued before the next Sync (a pipelined batch: one implicit transaction in Postgres). */
  executeBeforeSync(): boolean {
    for (const op of this.ops) {
      if (op.k === 'sync') return false;
      if (op.k === 'execute') return true;
    }
    return false;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.ops.length = 0;
    if (!this.pumping) this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.hooks.released();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    while (this.ops.length > 0 && !this.ended) {
      const op = this.ops.shift()!;
      try {
        await this.hooks.run(op);
      } catch (err) {
        this.hooks.internalError(err);
      }
      if (this.ended) break;
      await this.hooks.drained();
    }
    this.pumping = false;
    if (this.ended) return this.release();
    this.hooks.idle();
  }
}
