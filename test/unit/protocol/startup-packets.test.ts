// Startup-phase packets: decoding what node-postgres sends, our encoders against its bytes, and the
// refusals Postgres makes (unknown request codes, bad layout, protocol major != 3).
import { serialize } from 'pg-protocol';
import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../../protocol/frame-reader.js';
import {
  decodeStartupPacket,
  encodeCancelRequest,
  encodeSSLRequest,
  encodeStartupMessage,
} from '../../../protocol/startup-packets.js';
import { cstr, i32, packet } from './wire-builder.js';

const body = (p: Buffer): Buffer => p.subarray(4);

describe('decodeStartupPacket', () => {
  it("decodes node-postgres's StartupMessage", () => {
    const bytes = serialize.startup({ user: 'alice', database: 'app', application_name: 'psql' });
    expect(decodeStartupPacket(body(bytes))).toEqual({
      kind: 'StartupMessage',
      majorVersion: 3,
      minorVersion: 0,
      params: { user: 'alice', database: 'app', application_name: 'psql', client_encoding: 'UTF8' },
    });
  });

  it('decodes SSLRequest, GSSENCRequest and CancelRequest', () => {
    expect(decodeStartupPacket(body(serialize.requestSsl()))).toEqual({ kind: 'SSLRequest' });
    expect(decodeStartupPacket(body(packet(i32(80877104))))).toEqual({ kind: 'GSSENCRequest' });
    expect(decodeStartupPacket(body(serialize.cancel(1234, -99)))).toEqual({ kind: 'CancelRequest', processId: 1234, secretKey: -99 });
  });

  it('keeps the minor version and a parameter named __proto__ as data', () => {
    const bytes = packet(i32((3 << 16) | 2), cstr('user'), cstr('u'), cstr('__proto__'), cstr('x'), [0]);
    const decoded = decodeStartupPacket(body(bytes));
    expect(decoded).toMatchObject({ kind: 'StartupMessage', majorVersion: 3, minorVersion: 2 });
    if (decoded.kind !== 'StartupMessage') throw new Error('expected StartupMessage');
    expect(Object.keys(decoded.params)).toEqual(['user', '__proto__']);
    expect(decoded.params['__proto__']).toBe('x');
  });

  it('refuses protocol 2.0 with 0A000 and unknown request codes with 08P01', () => {
    expect(decodeStartupPacket(body(packet(i32(2 << 16), [0])))).toMatchObject({ kind: 'ProtocolError', code: '0A000' });
    expect(decodeStartupPacket(body(packet(i32((1234 << 16) | 9999))))).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
  });

  it('refuses bad layouts with 08P01', () => {
    const bad = [
      packet(i32(196608)), // no terminator
      packet(i32(196608), cstr('user'), cstr('u')), // no terminator after the pairs
      packet(i32(196608), cstr('user'), [0x75]), // value without NUL
      packet(i32(196608), cstr('user')), // name without value
      packet(i32(196608), [0], [1]), // bytes after the terminator
      packet(i32(80877103), [0]), // SSLRequest with extra bytes
      packet(i32(80877102), i32(1)), // short CancelRequest
      Buffer.from([0, 0, 0, 6, 0, 3]), // shorter than a request code
    ];
    for (const b of bad) expect(decodeStartupPacket(body(b))).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
  });
});

describe('startup encoders', () => {
  it("write node-postgres's bytes", () => {
    const params = { user: 'alice', database: 'app' };
    expect(encodeStartupMessage({ ...params, client_encoding: 'UTF8' })).toEqual(serialize.startup(params));
    expect(encodeSSLRequest()).toEqual(serialize.requestSsl());
    expect(encodeCancelRequest(77, -5)).toEqual(serialize.cancel(77, -5));
  });

  it('round-trip through the frame reader', () => {
    const reader = new FrameReader({ maxMessageSize: 100, startup: true });
    reader.push(encodeStartupMessage({ user: 'bob', options: '-c search_path=x' }));
    const frame = reader.next();
    if (frame === null || 'kind' in frame) throw new Error('expected a frame');
    expect(decodeStartupPacket(frame.payload)).toEqual({
      kind: 'StartupMessage',
      majorVersion: 3,
      minorVersion: 0,
      params: { user: 'bob', options: '-c search_path=x' },
    });
  });
});
