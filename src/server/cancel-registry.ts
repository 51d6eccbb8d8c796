// BackendKeyData pgfabric hands to its clients, and the session each key belongs to, so a
// CancelRequest on a new connection reaches the backend connection actually serving that client.
// The process id carries a slot number in its top bits so that N pgfabric processes behind one load
// balancer never hand out the same id (ARCHITECTURE.md, "Scaling past one machine").
import { randomInt, timingSafeEqual } from 'node:crypto';

export type Cancellable = { cancel(): void };

export class CancelRegistry {
  private readonly sessions = new Map<number, { secret: number; target: Cancellable }>();
  private next = 1;

  constructor(private readonly slot = 0) {}

  register(target: Cancellable): { processId: number; secretKey: number } {
    let processId: number;
    do {
      processId = ((this.slot & 0x7f) << 24) | this.next;
      this.next = this.next >= 0xffffff ? 1 : this.next + 1;
    } while (this.sessions.has(processId));
    const secretKey = randomInt(0, 0x7fffffff);
    this.sessions.set(processId, { secret: secretKey, target });
    return { processId, secretKey };
  }

  unregister(processId: number): void {
    this.sessions.delete(processId);
  }

  /** True when the key matched a live session (which was then asked to cancel). */
  cancel(processId: number, secretKey: number): boolean {
    const entry = this.sessions.get(processId);
    if (!entry) return false;
    const a = Buffer.alloc(4);
    const b = Buffer.alloc(4);
    a.writeInt32BE(entry.secret | 0);
    b.writeInt32BE(secretKey | 0);
    if (!timingSafeEqual(a, b)) return false;
    entry.target.cancel();
    return true;
  }

  get size(): number {
    return this.sessions.size;
  }
}
