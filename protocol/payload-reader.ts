// Owns bounds-checked reading of one message payload. Reads never throw: past the end they return
// a neutral value and remember the first problem, and the decoder turns that into one 08P01 error
// in finish(). Error texts are Postgres's own (pqformat.c), so clients see familiar messages.

import { protocolError, type ProtocolError } from './protocol-error.js';
import { SqlState } from './sqlstate.js';

const EMPTY = Buffer.alloc(0);

export class PayloadReader {
  offset: number;
  error: string | null = null;

  constructor(
    readonly buf: Buffer,
    offset = 0,
  ) {
    this.offset = offset;
  }

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  int8(): number {
    if (!this.has(1)) return 0;
    return this.buf[this.offset++] ?? 0;
  }

  int16(): number {
    if (!this.has(2)) return 0;
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    if (!this.has(4)) return 0;
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  uint32(): number {
    if (!this.has(4)) return 0;
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  cstring(): string {
    if (this.error !== null) return '';
    const end = this.buf.indexOf(0, this.offset);
    if (end === -1) {
      this.fail('invalid string in message');
      return '';
    }
    const s = this.buf.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return s;
  }

  /** `n` bytes as a subarray of the payload (no copy). */
  bytes(n: number): Buffer {
    if (n < 0) {
      this.fail('invalid message format');
      return EMPTY;
    }
    if (!this.has(n)) return EMPTY;
    const b = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }

  rest(): Buffer {
    return this.bytes(this.remaining);
  }

  /** A count read from the wire, checked against the bytes left (each item takes >= minItemSize). */
  count(n: number, minItemSize: number): number {
    if (n < 0 || n * minItemSize > this.remaining) {
      this.fail(n < 0 ? 'invalid message format' : 'insufficient data left in message');
      return 0;
    }
    return n;
  }

  fail(message: string): void {
    if (this.error === null) this.error = message;
  }

  /** `value` when everything read was there and nothing is left over, else the first problem. */
  finish<T>(value: T): T | ProtocolError {
    if (this.error !== null) return protocolError(SqlState.ProtocolViolation, this.error);
    if (this.offset !== this.buf.length) return protocolError(SqlState.ProtocolViolation, 'invalid message format');
    return value;
  }

  private has(n: number): boolean {
    if (this.error !== null) return false;
    if (this.offset + n > this.buf.length) {
      this.fail('insufficient data left in message');
      return false;
    }
    return true;
  }
}
