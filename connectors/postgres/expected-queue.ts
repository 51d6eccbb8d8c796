// A FIFO of expected responses backed by an array with a moving head, compacted rarely, so that the
// steady state (a few entries per transaction) allocates nothing beyond the entries themselves.
import type { ExpectedResponse } from './expected-response.js';

export class ExpectedQueue {
  private items: (ExpectedResponse | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  peek(): ExpectedResponse | undefined {
    return this.items[this.head];
  }

  push(entry: ExpectedResponse): void {
    this.items.push(entry);
  }

  shift(): ExpectedResponse | undefined {
    const entry = this.items[this.head];
    if (entry === undefined) return undefined;
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return entry;
  }

  /** Removes every entry, returning them in order. */
  drain(): ExpectedResponse[] {
    const rest = this.items.slice(this.head) as ExpectedResponse[];
    this.items = [];
    this.head = 0;
    return rest;
  }
}
