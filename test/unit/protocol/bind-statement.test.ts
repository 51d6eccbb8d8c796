// Statement renaming in Bind without decoding parameters: names read, remainder kept byte for byte.
import { serialize } from 'pg-protocol';
import { describe, expect, it } from 'vitest';
import { encodeBindWithStatement, readBindNames } from '../../../protocol/bind-statement.js';
import { decodeFrontend } from '../../../protocol/frontend-decoder.js';

const payload = (m: Buffer): Buffer => m.subarray(5);

describe('readBindNames / encodeBindWithStatement', () => {
  const original = serialize.bind({ portal: 'p1', statement: 'client_stmt', values: ['1', null, Buffer.from([9, 0, 9])] });

  it('reads both names and where the rest starts', () => {
    const p = payload(original);
    expect(readBindNames(p)).toEqual({ portal: 'p1', statement: 'client_stmt', restOffset: 3 + 12 });
  });

  it('renames the statement and keeps the parameters intact', () => {
    const p = payload(original);
    const names = readBindNames(p);
    if ('kind' in names) throw new Error(names.message);
    const renamed = encodeBindWithStatement(p, names.portal, 'pgf_42', names.restOffset);
    expect(renamed).toEqual(serialize.bind({ portal: 'p1', statement: 'pgf_42', values: ['1', null, Buffer.from([9, 0, 9])] }));
    expect(decodeFrontend({ code: renamed[0] as number, payload: payload(renamed) })).toMatchObject({ kind: 'Bind', statement: 'pgf_42', portal: 'p1' });
  });

  it('handles unnamed portal and statement and multi-byte names', () => {
    const p = payload(serialize.bind({}));
    const names = readBindNames(p);
    expect(names).toEqual({ portal: '', statement: '', restOffset: 2 });
    if ('kind' in names) throw new Error(names.message);
    const renamed = encodeBindWithStatement(p, 'pörtal', 'stmt_é', names.restOffset);
    expect(renamed).toEqual(serialize.bind({ portal: 'pörtal', statement: 'stmt_é' }));
  });

  it('refuses a payload without the two NULs', () => {
    expect(readBindNames(Buffer.from('abc'))).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
    expect(readBindNames(Buffer.from('abc\0def'))).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
  });
});
