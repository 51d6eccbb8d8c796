// Builds many DataRow messages back to back in one growing buffer (the worker transfers the bytes to
// the main thread in one piece). Field lengths are back-filled, so strings are written once, directly.

const INITIAL_SIZE = 64 * 1024;

export class DataRowWriter {
  private buf = Buffer.allocUnsafe(INITIAL_SIZE);
  private pos = 0;
  private rowStart = 0;
  /** End offset of every finished row, so a portal can hand out rows a few at a time. */
  rowEnds: number[] = [];

  get size(): number {
    return this.pos;
  }

  beginRow(columns: number): void {
    this.ensure(7);
    this.rowStart = this.pos;
    this.buf[this.pos] = 0x44; // 'D'
    this.pos += 5;
    this.buf.writeInt16BE(columns, this.pos);
    this.pos += 2;
  }

  endRow(): void {
    this.buf.writeInt32BE(this.pos - this.rowStart - 1, this.rowStart + 1);
    this.rowEnds.push(this.pos);
  }

  null(): void {
    this.ensure(4);
    this.buf.writeInt32BE(-1, this.pos);
    this.pos += 4;
  }

  /** A UTF-8 string field (length back-filled). */
  text(s: string): void {
    this.ensure(4 + s.length * 3);
    const n = this.buf.write(s, this.pos + 4, 'utf8');
    this.buf.writeInt32BE(n, this.pos);
    this.pos += 4 + n;
  }

  /** An ASCII field that is the two prefix bytes `\x` followed by the hex of `b` (bytea text output). */
  hexBytea(b: Uint8Array): void {
    const n = 2 + b.length * 2;
    this.ensure(4 + n);
    this.buf.writeInt32BE(n, this.pos);
    this.buf[this.pos + 4] = 0x5c;
    this.buf[this.pos + 5] = 0x78;
    this.buf.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex'), this.pos + 6, 'latin1');
    this.pos += 4 + n;
  }

  bytes(b: Uint8Array): void {
    this.ensure(4 + b.length);
    this.buf.writeInt32BE(b.length, this.pos);
    this.buf.set(b, this.pos + 4);
    this.pos += 4 + b.length;
  }

  /** Reserves a fixed-size binary field and returns the offset of its first byte (write with the returned buffer). */
  fixed(length: number): number {
    this.ensure(4 + length);
    this.buf.writeInt32BE(length, this.pos);
    const at = this.pos + 4;
    this.pos = at + length;
    return at;
  }

  get buffer(): Buffer {
    return this.buf;
  }

  /** The rows written so far (a copy sized to fit) and their end offsets; the writer starts over. */
  take(): { bytes: Buffer; rowEnds: number[] } {
    // Its own ArrayBuffer (not Node's shared pool): the worker transfers it to the main thread.
    const bytes = Buffer.allocUnsafeSlow(this.pos);
    this.buf.copy(bytes, 0, 0, this.pos);
    const rowEnds = this.rowEnds;
    this.pos = 0;
    this.rowEnds = [];
    if (this.buf.length > INITIAL_SIZE * 16) this.buf = Buffer.allocUnsafe(INITIAL_SIZE);
    return { bytes, rowEnds };
  }

  /** Drops what was written (a statement failed half-way). */
  reset(): void {
    this.pos = 0;
    this.rowEnds = [];
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}
