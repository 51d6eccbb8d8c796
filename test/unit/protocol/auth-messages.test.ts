// The 'p' message family (password, SASLInitialResponse, SASLResponse) against node-postgres's
// bytes, and the md5 password hash against an independent computation.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { serialize } from 'pg-protocol';
import { describe, expect, it } from 'vitest';
import { md5PasswordHash } from '../../../protocol/md5-password.js';
import {
  decodePasswordMessage,
  decodeSaslInitialResponse,
  encodePasswordMessage,
  encodeSaslInitialResponse,
  encodeSaslResponse,
} from '../../../protocol/sasl-messages.js';
import { cstr, i32 } from './wire-builder.js';

const payload = (m: Buffer): Buffer => m.subarray(5);
// node-postgres's own client-side hash, as an independent implementation (untyped CommonJS).
const pgCrypto = createRequire(import.meta.url)('pg/lib/crypto/utils.js') as {
  postgresMd5PasswordHash(user: string, password: string, salt: Buffer): Promise<string>;
};

describe('SASL and password messages', () => {
  it('encode the same bytes as pg-protocol', () => {
    const first = 'n,,n=*,r=abcdef';
    expect(encodeSaslInitialResponse('SCRAM-SHA-256', Buffer.from(first))).toEqual(serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', first));
    expect(encodeSaslResponse(Buffer.from('c=biws,r=x,p=y'))).toEqual(serialize.sendSCRAMClientFinalMessage('c=biws,r=x,p=y'));
    expect(encodePasswordMessage('md5deadbeef')).toEqual(serialize.password('md5deadbeef'));
  });

  it("decode node-postgres's SASLInitialResponse and password", () => {
    const m = serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', 'n,,n=*,r=abc');
    expect(decodeSaslInitialResponse(payload(m))).toEqual({ mechanism: 'SCRAM-SHA-256', response: Buffer.from('n,,n=*,r=abc') });
    expect(decodePasswordMessage(payload(serialize.password('s3cret')))).toBe('s3cret');
  });

  it('accept a SASLInitialResponse without initial response (length -1)', () => {
    const data = Buffer.from([...cstr('SCRAM-SHA-256'), ...i32(-1)]);
    expect(decodeSaslInitialResponse(data)).toEqual({ mechanism: 'SCRAM-SHA-256', response: Buffer.alloc(0) });
  });

  it('refuse malformed SASLInitialResponse payloads', () => {
    const bad = [
      Buffer.from('SCRAM-SHA-256'),
      Buffer.from([...cstr('SCRAM-SHA-256'), ...i32(10), 1, 2]),
      Buffer.from([...cstr('SCRAM-SHA-256'), ...i32(-2)]),
      Buffer.from([...cstr('SCRAM-SHA-256'), ...i32(1), 1, 2]),
    ];
    for (const b of bad) expect(decodeSaslInitialResponse(b)).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
  });
});

describe('md5PasswordHash', () => {
  it('matches md5(md5(password + user) + salt) computed independently', () => {
    const salt = Buffer.from([0x01, 0x02, 0x03, 0x04]);
    const inner = createHash('md5').update('secretpostgres').digest('hex');
    const expected = 'md5' + createHash('md5').update(Buffer.concat([Buffer.from(inner), salt])).digest('hex');
    expect(md5PasswordHash('postgres', 'secret', salt)).toBe(expected);
    expect(md5PasswordHash('postgres', 'secret', salt)).toMatch(/^md5[0-9a-f]{32}$/);
  });

  it("matches node-postgres's own md5 hash and a fixed known value", async () => {
    const salt = Buffer.from([0x01, 0x02, 0x03, 0x04]);
    expect(await pgCrypto.postgresMd5PasswordHash('postgres', 'secret', salt)).toBe(md5PasswordHash('postgres', 'secret', salt));
    expect(md5PasswordHash('postgres', 'secret', salt)).toBe('md5bb41a296aab6baccb36ff243a562abff');
  });
});
