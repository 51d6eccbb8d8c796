// Owns framing: cutting a byte stream into messages, incrementally, whatever the chunk boundaries.
// It only reads headers (type byte and length) and never looks inside a payload; decoding is done
// on demand by the decoders. Bad lengths come back as a ProtocolError, never as an exception, and
// leave the reader poisoned: once framing is lost, nothing after it can be trusted.
//
// Zero-copy: a frame that lies inside one pushed chunk is returned as a subarray of that chunk (the
// only allocations are the small frame object and the payload view; `raw` is built only when read).
// A frame spanning chunks is copied once, header included, into a fresh Buffer after all its bytes
// have arrived: chunks are only queued until then, so a 10 MB message in 64 KB chunks costs one
// copy, not one per chunk.
//
// Contract for callers: consume (decode, forward or copy) each frame before the next push(). A
// payload may alias a pushed chunk, so a caller that reuses or mutates its chunk buffers would see
// it change, and a retained small payload keeps its whole chunk alive.

import { protocolError, type ProtocolError } from './protocol-error.js';
import { SqlState } from './sqlstate.js';

/**
 * code 0 = a startup-phase packet (no type byte); payload excludes the type byte and the length.
 * raw is the whole message as received (header included), for forwarding it unchanged; it is a
 * view made on demand, so frames that are only decoded never pay for it.
 */
export type Frame = { code: number; payload: Buffer; readonly raw: Buffer };

/** The header always sits right before the payload in the same memory, so raw is one view away. */
class ReadFrame implements Frame {
  constructor(
    public code: number,
    public payload: Buffer,
  ) {}

  get raw(): Buffer {
    const header = this.code === 0 ? 4 : 5;
    const p = this.payload;
    return Buffer.from(p.buffer, p.byteOffset - header, p.length + header);
  }
}

/** Postgres's MAX_STARTUP_PACKET_LENGTH; a startup packet is at least length + request code. */
const STARTUP_MIN_LENGTH = 8;
const STARTUP_MAX_LENGTH = 10000;
const EMPTY = Buffer.alloc(0);

export class FrameReader {
  private readonly maxMessageSize: number;
  private startup: boolean;
  private chunks: Buffer[] = [];
  private first = 0;
  private head = 0;
  private total = 0;
  private poison: ProtocolError | null = null;

  constructor(opts: { maxMessageSize: number; startup?: boolean }) {
    this.maxMessageSize = opts.maxMessageSize;
    this.startup = opts.startup ?? false;
  }

  push(chunk: Buffer): void {
    if (this.poison !== null || chunk.length === 0) return;
    if (this.first > 64) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** The next complete frame; null when more bytes are needed; a ProtocolError once framing is lost. */
  next(): Frame | ProtocolError | null {
    if (this.poison !== null) return this.poison;
    const startup = this.startup;
    const headerSize = startup ? 4 : 5;
    if (this.total < headerSize) return null;
    const chunk = this.chunks[this.first] as Buffer;
    const inChunk = chunk.length - this.head;
    let code = 0;
    let length: number;
    if (inChunk >= headerSize) {
      if (!startup) code = chunk[this.head] as number;
      length = chunk.readInt32BE(this.head + headerSize - 4);
    } else {
      if (!startup) code = this.peekByte(0);
      const o = headerSize - 4;
      length = ((this.peekByte(o) << 24) | (this.peekByte(o + 1) << 16) | (this.peekByte(o + 2) << 8) | this.peekByte(o + 3)) | 0;
    }
    const bad = startup ? this.checkStartupLength(length) : this.checkLength(length, code);
    if (bad !== null) return this.fail(bad);
    const frameSize = startup ? length : length + 1;
    if (this.total < frameSize) return null;
    let payload: Buffer;
    if (inChunk >= frameSize) {
      payload = chunk.subarray(this.head + headerSize, this.head + frameSize);
      this.head += frameSize;
      this.total -= frameSize;
      if (this.head === chunk.length) this.dropFirst();
    } else {
      payload = this.take(frameSize).subarray(headerSize);
    }
    this.startup = false;
    return new ReadFrame(code, payload);
  }

  /** The next packet is a startup-phase packet again (after SSLRequest/GSSENCRequest answered). */
  expectStartup(): void {
    this.startup = true;
  }

  /** Bytes buffered but not yet returned as frames (must be 0 before a TLS upgrade). */
  get buffered(): number {
    return this.total;
  }

  /** Hands over the unread bytes as one Buffer and empties the reader (e.g. what follows a login). */
  takeBuffered(): Buffer {
    return this.take(this.total);
  }

  private checkStartupLength(length: number): ProtocolError | null {
    if (length >= STARTUP_MIN_LENGTH && length <= STARTUP_MAX_LENGTH) return null;
    return protocolError(SqlState.ProtocolViolation, `invalid length of startup packet: ${length}`);
  }

  private checkLength(length: number, code: number): ProtocolError | null {
    // No message type is 0, and Frame.code 0 means a startup packet: refuse it rather than mix them up.
    if (code === 0) return protocolError(SqlState.ProtocolViolation, 'invalid message type 0');
    if (length < 4) return protocolError(SqlState.ProtocolViolation, `invalid message length: ${length}`);
    if (length <= this.maxMessageSize) return null;
    return protocolError(
      SqlState.ProgramLimitExceeded,
      `message of ${length} bytes exceeds the maximum of ${this.maxMessageSize} bytes`,
    );
  }

  private fail(error: ProtocolError): ProtocolError {
    this.poison = error;
    this.chunks = [];
    this.first = 0;
    this.head = 0;
    this.total = 0;
    return error;
  }

  /** Byte `i` positions after the read position, possibly in a later chunk (headers only). */
  private peekByte(i: number): number {
    let pos = this.head + i;
    for (let c = this.first; c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as Buffer;
      if (pos < chunk.length) return chunk[pos] as number;
      pos -= chunk.length;
    }
    return 0;
  }

  private take(n: number): Buffer {
    if (n === 0) return EMPTY;
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    while (written < n) {
      const chunk = this.chunks[this.first] as Buffer;
      const step = Math.min(n - written, chunk.length - this.head);
      chunk.copy(out, written, this.head, this.head + step);
      written += step;
      this.head += step;
      this.total -= step;
      if (this.head === chunk.length) this.dropFirst();
    }
    return out;
  }

  private dropFirst(): void {
    this.head = 0;
    this.chunks[this.first++] = EMPTY; // let the consumed chunk be collected
    if (this.first === this.chunks.length) {
      this.chunks.length = 0;
      this.first = 0;
    }
  }
}
