// FrameReader: the same frames whatever the chunk boundaries, zero-copy inside a chunk, and the
// length limits (startup 8..10000, typed 4..maxMessageSize) with a reader that stays poisoned.
import { describe, expect, it } from 'vitest';
import { FrameReader, type Frame } from '../../../protocol/frame-reader.js';
import type { ProtocolError } from '../../../protocol/protocol-error.js';
import { cstr, i16, i32, msg, packet, seededRandom } from './wire-builder.js';

type Plain = { code: number; hex: string };

const startup = packet(i32(196608), cstr('user'), cstr('alice'), cstr('database'), cstr('app'), [0]);
const typed: Buffer[] = [
  msg('Q', cstr('select 1')),
  msg('P', cstr('s1'), cstr('select $1::int'), i16(1), i32(23)),
  msg('B', cstr(''), cstr('s1'), i16(0), i16(1), i32(1), [0x37], i16(0)),
  msg('D', [0x50], cstr('')),
  msg('E', cstr(''), i32(0)),
  msg('S'),
  msg('H'),
  msg('d', Buffer.alloc(300, 7)),
  msg('c'),
  msg('p', cstr('secret')),
  msg('X'),
];
const stream = Buffer.concat([startup, ...typed]);
const expected: Plain[] = [
  { code: 0, hex: startup.subarray(4).toString('hex') },
  ...typed.map((m) => ({ code: m[0] as number, hex: m.subarray(5).toString('hex') })),
];

function isError(x: Frame | ProtocolError | null): x is ProtocolError {
  return x !== null && 'kind' in x;
}

/** Pushes the chunks in order, draining after each push (the documented contract). */
function frames(chunks: Buffer[], maxMessageSize = 1 << 20): Plain[] {
  const reader = new FrameReader({ maxMessageSize, startup: true });
  const out: Plain[] = [];
  const raws: Buffer[] = [];
  for (const chunk of chunks) {
    reader.push(chunk);
    for (let f = reader.next(); f !== null; f = reader.next()) {
      if (isError(f)) throw new Error(f.message);
      out.push({ code: f.code, hex: f.payload.toString('hex') });
      raws.push(Buffer.from(f.raw));
    }
  }
  expect(reader.buffered).toBe(0);
  // raw frames put back together are the stream itself
  expect(Buffer.concat(raws).equals(Buffer.concat(chunks))).toBe(true);
  return out;
}

describe('FrameReader splitting', () => {
  it('frames a whole stream pushed at once', () => {
    expect(frames([stream])).toEqual(expected);
  });

  it('yields the same frames for a split at every byte position', () => {
    for (let i = 1; i < stream.length; i++) {
      expect(frames([stream.subarray(0, i), stream.subarray(i)]), `split at ${i}`).toEqual(expected);
    }
  });

  it('yields the same frames when pushed byte by byte', () => {
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(frames(bytes)).toEqual(expected);
  });

  it('yields the same frames for seeded random multi-way splits', () => {
    const rand = seededRandom(42);
    for (let round = 0; round < 200; round++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < stream.length; ) {
        const n = 1 + Math.floor(rand() * 40);
        chunks.push(stream.subarray(at, at + n));
        at += n;
      }
      expect(frames(chunks)).toEqual(expected);
    }
  });

  it('returns payloads inside one chunk without copying', () => {
    const reader = new FrameReader({ maxMessageSize: 1024 });
    const chunk = Buffer.concat([msg('Q', cstr('a')), msg('Q', cstr('b'))]);
    reader.push(chunk);
    const f = reader.next();
    if (f === null || isError(f)) throw new Error('expected a frame');
    expect(f.payload.buffer).toBe(chunk.buffer);
    expect(f.payload.byteOffset).toBe(chunk.byteOffset + 5);
  });

  it('assembles a 10 MB message arriving in 64 KB chunks', () => {
    const big = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i & 0xff;
    const whole = Buffer.concat([Buffer.from([0x64, ...i32(big.length + 4)]), big, msg('c')]);
    const reader = new FrameReader({ maxMessageSize: 11 * 1024 * 1024 });
    const got: Frame[] = [];
    for (let at = 0; at < whole.length; at += 65536) {
      reader.push(whole.subarray(at, at + 65536));
      for (let f = reader.next(); f !== null; f = reader.next()) {
        if (isError(f)) throw new Error(f.message);
        got.push(f);
      }
    }
    expect(got.map((f) => f.code)).toEqual([0x64, 0x63]);
    expect(got[0]?.payload.equals(big)).toBe(true);
    expect(got[1]?.payload.length).toBe(0);
  });

  it('counts buffered bytes and expects a startup packet again after SSLRequest', () => {
    const reader = new FrameReader({ maxMessageSize: 1024, startup: true });
    const ssl = packet(i32(80877103));
    reader.push(ssl.subarray(0, 5));
    expect(reader.next()).toBeNull();
    expect(reader.buffered).toBe(5);
    reader.push(ssl.subarray(5));
    expect(reader.next()).toMatchObject({ code: 0 });
    expect(reader.buffered).toBe(0);
    reader.expectStartup();
    reader.push(Buffer.concat([startup, msg('Q', cstr('x'))]));
    expect(reader.next()).toMatchObject({ code: 0 });
    expect(reader.next()).toMatchObject({ code: 0x51 });
    expect(reader.next()).toBeNull();
  });

  it('gives the whole message as raw, zero-copy inside a chunk', () => {
    const reader = new FrameReader({ maxMessageSize: 1024 });
    const chunk = Buffer.concat([msg('S'), msg('Q', cstr('a'))]);
    reader.push(chunk);
    const sync = reader.next();
    const query = reader.next();
    if (sync === null || isError(sync) || query === null || isError(query)) throw new Error('expected frames');
    expect(sync.raw).toEqual(msg('S'));
    expect(sync.payload.length).toBe(0);
    expect(query.raw).toEqual(msg('Q', cstr('a')));
    expect(query.raw.buffer).toBe(chunk.buffer);
  });

  it('hands over unread bytes with takeBuffered', () => {
    const reader = new FrameReader({ maxMessageSize: 1024 });
    const rest = Buffer.concat([msg('D', i16(0)), msg('C', cstr('SEL'))]);
    reader.push(Buffer.concat([msg('Z', [0x49]), rest.subarray(0, 4)]));
    reader.push(rest.subarray(4, 9));
    reader.push(rest.subarray(9));
    expect(reader.next()).toMatchObject({ code: 0x5a });
    expect(reader.takeBuffered()).toEqual(rest);
    expect(reader.buffered).toBe(0);
    expect(reader.next()).toBeNull();
    expect(reader.takeBuffered()).toHaveLength(0);
  });

  it('treats typed messages as typed by default', () => {
    const reader = new FrameReader({ maxMessageSize: 1024 });
    reader.push(msg('Z', [0x49]));
    expect(reader.next()).toEqual({ code: 0x5a, payload: Buffer.from('I') });
  });
});

describe('FrameReader limits', () => {
  function firstResult(bytes: Buffer, opts: { maxMessageSize: number; startup?: boolean }): Frame | ProtocolError | null {
    const reader = new FrameReader(opts);
    reader.push(bytes);
    return reader.next();
  }

  it('accepts a startup packet of 10000 bytes and refuses 10001', () => {
    const ok = Buffer.alloc(10000);
    ok.writeInt32BE(10000, 0);
    expect(firstResult(ok, { maxMessageSize: 100, startup: true })).toMatchObject({ code: 0 });
    const tooBig = Buffer.alloc(10001);
    tooBig.writeInt32BE(10001, 0);
    expect(firstResult(tooBig, { maxMessageSize: 1 << 20, startup: true })).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
  });

  it('refuses a startup packet shorter than 8 bytes, as soon as the length is known', () => {
    expect(firstResult(Buffer.from(i32(7)), { maxMessageSize: 100, startup: true })).toMatchObject({ code: '08P01' });
  });

  it('refuses a typed length below 4, and a negative one', () => {
    expect(firstResult(Buffer.from([0x51, ...i32(3)]), { maxMessageSize: 100 })).toMatchObject({ code: '08P01' });
    expect(firstResult(Buffer.from([0x51, ...i32(-1)]), { maxMessageSize: 100 })).toMatchObject({ code: '08P01' });
  });

  it('honours maxMessageSize (length field included) with 54000 above it', () => {
    expect(firstResult(msg('d', Buffer.alloc(96)), { maxMessageSize: 100 })).toMatchObject({ code: 0x64 });
    expect(firstResult(msg('d', Buffer.alloc(97)), { maxMessageSize: 100 })).toMatchObject({ kind: 'ProtocolError', code: '54000' });
  });

  it('refuses an oversized message from its header alone, before the body arrives', () => {
    expect(firstResult(Buffer.from([0x64, ...i32(1 << 30)]), { maxMessageSize: 1 << 20 })).toMatchObject({ code: '54000' });
  });

  it('refuses message type 0 (code 0 is reserved for startup packets)', () => {
    expect(firstResult(Buffer.from([0, ...i32(4)]), { maxMessageSize: 100 })).toMatchObject({ code: '08P01' });
  });

  it('stays poisoned after an error and drops what is pushed afterwards', () => {
    const reader = new FrameReader({ maxMessageSize: 100 });
    reader.push(Buffer.from([0x51, ...i32(2), 1, 2, 3]));
    const first = reader.next();
    expect(first).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
    reader.push(msg('S'));
    expect(reader.next()).toBe(first);
    expect(reader.buffered).toBe(0);
  });

  it('finds a bad length whose header is split across chunks', () => {
    const reader = new FrameReader({ maxMessageSize: 100 });
    for (const b of [0x51, ...i32(2)]) reader.push(Buffer.from([b]));
    expect(reader.next()).toMatchObject({ code: '08P01' });
  });
});
