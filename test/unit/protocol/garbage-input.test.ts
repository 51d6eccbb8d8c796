// Garbage in, no exception out: seeded random mutations of valid frames (bit flips, truncation,
// extension, random bytes) into every decoder. A result is either a message or a ProtocolError.
import { serialize } from 'pg-protocol';
import { describe, expect, it } from 'vitest';
import { readBindNames } from '../../../protocol/bind-statement.js';
import { decodeBackend } from '../../../protocol/backend-decoder.js';
import { encodeBackend } from '../../../protocol/backend-encoder.js';
import { FrameReader } from '../../../protocol/frame-reader.js';
import { decodeFrontend } from '../../../protocol/frontend-decoder.js';
import { decodeSaslInitialResponse } from '../../../protocol/sasl-messages.js';
import { decodeStartupPacket } from '../../../protocol/startup-packets.js';
import { seededRandom } from './wire-builder.js';

const frontendSeeds = [
  serialize.query('select 1'),
  serialize.parse({ name: 's', text: 'select $1', types: [23] }),
  serialize.bind({ statement: 's', values: ['1', null, Buffer.from([1])], binary: true }),
  serialize.execute({ portal: 'p', rows: 5 }),
  serialize.describe({ type: 'S', name: 's' }),
  serialize.close({ type: 'P', name: 'p' }),
  serialize.copyFail('x'),
  serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', 'n,,n=*,r=x'),
];
const backendSeeds = [
  encodeBackend({ kind: 'RowDescription', fields: [{ name: 'a', tableOid: 1, columnAttr: 1, typeOid: 23, typeSize: 4, typeModifier: -1, format: 0 }] }),
  encodeBackend({ kind: 'DataRow', values: [Buffer.from('1'), null] }),
  encodeBackend({ kind: 'ErrorResponse', fields: { severity: 'ERROR', code: '42601', message: 'x', detail: 'y' } }),
  encodeBackend({ kind: 'AuthenticationSASL', mechanisms: ['SCRAM-SHA-256'] }),
  encodeBackend({ kind: 'AuthenticationMD5Password', salt: Buffer.from([1, 2, 3, 4]) }),
  encodeBackend({ kind: 'NotificationResponse', processId: 1, channel: 'c', payload: 'p' }),
  encodeBackend({ kind: 'ParameterDescription', typeOids: [23] }),
  encodeBackend({ kind: 'CopyInResponse', format: 0, columnFormats: [0] }),
  encodeBackend({ kind: 'NegotiateProtocolVersion', newestMinor: 0, unrecognized: ['_pq_.x'] }),
  encodeBackend({ kind: 'ReadyForQuery', status: 'I' }),
  encodeBackend({ kind: 'BackendKeyData', processId: 1, secretKey: 2 }),
];
const startupSeeds = [serialize.startup({ user: 'u', database: 'd' }), serialize.cancel(1, 2), serialize.requestSsl()];

function mutate(seed: Buffer, rand: () => number): Buffer {
  const b = Buffer.from(seed);
  switch (Math.floor(rand() * 4)) {
    case 0:
      for (let n = 1 + Math.floor(rand() * 4); n > 0; n--) {
        const at = Math.floor(rand() * b.length);
        b[at] = (b[at] ?? 0) ^ (1 << Math.floor(rand() * 8));
      }
      return b;
    case 1:
      return b.subarray(0, Math.floor(rand() * b.length));
    case 2:
      return Buffer.concat([b, Buffer.from([Math.floor(rand() * 256), 0, 0xff])]);
    default:
      return Buffer.from(Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 256)));
  }
}

const pick = <T>(xs: T[], rand: () => number): T => xs[Math.floor(rand() * xs.length)] as T;
const valid = (r: { kind: string }): boolean => typeof r.kind === 'string';

describe('decoders on garbage', () => {
  it('never throw on 20000 mutated frames', () => {
    const rand = seededRandom(20240601);
    for (let i = 0; i < 20000; i++) {
      const f = mutate(pick(frontendSeeds, rand), rand);
      const code = f[0] ?? 0;
      const payload = f.subarray(5);
      expect(valid(decodeFrontend({ code, payload }))).toBe(true);
      expect(valid(decodeFrontend({ code: Math.floor(rand() * 256), payload }))).toBe(true);
      expect(decodeSaslInitialResponse(payload)).toBeTypeOf('object');
      expect(readBindNames(payload)).toBeTypeOf('object');
      const b = mutate(pick(backendSeeds, rand), rand);
      expect(valid(decodeBackend({ code: b[0] ?? 0, payload: b.subarray(5) }))).toBe(true);
      expect(valid(decodeBackend({ code: pick(backendSeeds, rand)[0] ?? 0, payload: b.subarray(5) }))).toBe(true);
      const s = mutate(pick(startupSeeds, rand), rand);
      expect(valid(decodeStartupPacket(s.subarray(4)))).toBe(true);
    }
  });

  it('frame reader never throws on random streams', () => {
    const rand = seededRandom(7);
    for (let i = 0; i < 2000; i++) {
      const reader = new FrameReader({ maxMessageSize: 4096, startup: rand() < 0.5 });
      for (let c = 0; c < 5; c++) {
        reader.push(mutate(pick([...frontendSeeds, ...backendSeeds], rand), rand));
        for (let f = reader.next(), n = 0; f !== null && n < 100; f = reader.next(), n++) {
          if ('kind' in f) break;
        }
      }
    }
  });
});
