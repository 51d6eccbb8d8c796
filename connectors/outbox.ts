// Coalesces the messages written to one socket during a tick into a single write (postgres.js's habit),
// without going through the stream's cork/writev path: a batch of one buffer is written as it is, a
// batch of several is concatenated once. Returns the socket's backpressure signal.
export type WritableSink = { write(bytes: Uint8Array): boolean; readonly destroyed: boolean };

export class Outbox {
  private pending: Buffer[] = [];
  private size = 0;
  private scheduled = false;
  private full = false;

  constructor(private readonly sink: WritableSink) {}

  /** Queues bytes for this tick; false when the socket reported a full buffer on the last flush. */
  write(bytes: Buffer): boolean {
    this.pending.push(bytes);
    this.size += bytes.length;
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flush);
    }
    return !this.full;
  }

  readonly flush = (): void => {
    this.scheduled = false;
    const pending = this.pending;
    if (pending.length === 0) return;
    const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, this.size);
    this.pending = [];
    this.size = 0;
    if (!this.sink.destroyed) this.full = !this.sink.write(bytes);
  };

  /** The socket drained: writes are welcome again. */
  drained(): void {
    this.full = false;
  }
}
