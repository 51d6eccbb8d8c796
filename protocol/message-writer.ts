// Owns message serialisation: a writer that reserves the 5-byte header (type byte + int32 length),
// takes the body, then back-fills code and length in finish() (pg-protocol's habit, so the length
// is never computed twice). Messages are bump-allocated one after another in one slab: finish()
// returns a subarray and the next message starts right after it, so encoding a message costs no
// allocation beyond the returned Buffer object until the slab is full. A finished message is never
// written to again, so returned Buffers stay valid for as long as the caller keeps them.
//
// Integers are written by bit pattern: int16/int32 accept both the signed and the unsigned range
// (an OID of 4294967295 and a typmod of -1 are both fine). Encoders trust their input; the only
// thing fixed up is a NUL inside a C string, which would otherwise end the field early.

const HEADER = 5;
/** Below this much room left in the slab, the next message starts in a fresh slab. */
const MIN_ROOM = 64;

export class MessageWriter {
  private buf: Buffer;
  private start = 0;
  private offset = HEADER;

  constructor(private readonly slabSize = 16384) {
    this.buf = Buffer.allocUnsafe(slabSize);
  }

  int8(n: number): this {
    this.ensure(1);
    this.buf[this.offset++] = n & 0xff;
    return this;
  }

  int16(n: number): this {
    this.ensure(2);
    const b = this.buf;
    b[this.offset++] = (n >>> 8) & 0xff;
    b[this.offset++] = n & 0xff;
    return this;
  }

  int32(n: number): this {
    this.ensure(4);
    const b = this.buf;
    b[this.offset++] = (n >>> 24) & 0xff;
    b[this.offset++] = (n >>> 16) & 0xff;
    b[this.offset++] = (n >>> 8) & 0xff;
    b[this.offset++] = n & 0xff;
    return this;
  }

  /** A NUL-terminated string. NULs inside `s` are dropped: a Postgres string cannot hold one. */
  cstring(s: string): this {
    if (s.indexOf('\0') !== -1) s = s.replaceAll('\0', '');
    this.string(s);
    this.ensure(1);
    this.buf[this.offset++] = 0;
    return this;
  }

  /** A UTF-8 string without terminator. */
  string(s: string): this {
    // s.length * 3 bounds the UTF-8 size, which saves a Buffer.byteLength pass for small strings.
    if (this.offset + s.length * 3 > this.buf.length) this.ensure(Buffer.byteLength(s));
    this.offset += this.buf.write(s, this.offset, 'utf8');
    return this;
  }

  bytes(b: Buffer): this {
    this.ensure(b.length);
    b.copy(this.buf, this.offset);
    this.offset += b.length;
    return this;
  }

  /** Back-fills type byte and length and returns the message (header included); starts the next one. */
  finish(code: number): Buffer {
    const start = this.start;
    this.buf[start] = code;
    return this.seal(start);
  }

  /** As finish(), for packets without a type byte (startup phase): the result starts at the length. */
  finishUntyped(): Buffer {
    return this.seal(this.start + 1);
  }

  /** Drops the message being written (after an encoder failed half-way). */
  reset(): void {
    this.offset = this.start + HEADER;
  }

  private seal(from: number): Buffer {
    const b = this.buf;
    const start = this.start;
    const end = this.offset;
    const len = end - start - 1;
    b[start + 1] = (len >>> 24) & 0xff;
    b[start + 2] = (len >>> 16) & 0xff;
    b[start + 3] = (len >>> 8) & 0xff;
    b[start + 4] = len & 0xff;
    const out = b.subarray(from, end);
    // A slab grown for a huge message is not reused, so small messages do not pin it in memory.
    if (b.length > this.slabSize * 4 || end + HEADER + MIN_ROOM > b.length) {
      this.buf = Buffer.allocUnsafe(this.slabSize);
      this.start = 0;
    } else {
      this.start = end;
    }
    this.offset = this.start + HEADER;
    return out;
  }

  private ensure(n: number): void {
    if (this.offset + n <= this.buf.length) return;
    const used = this.offset - this.start;
    const next = Buffer.allocUnsafe(Math.max(this.slabSize, (used + n) * 2));
    this.buf.copy(next, 0, this.start, this.offset);
    this.buf = next;
    this.start = 0;
    this.offset = used;
  }
}
