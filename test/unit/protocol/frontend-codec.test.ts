// Frontend codec against pg-protocol: what node-postgres serialises decodes to the same values, and
// our encoder writes the same bytes where both can express the message.
import { serialize } from 'pg-protocol';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../protocol/frame-reader.js';
import { decodeFrontend } from '../../../protocol/frontend-decoder.js';
import { encodeFrontend } from '../../../protocol/frontend-encoder.js';
import type { FrontendMessage } from '../../../protocol/frontend-messages.js';
import { cstr, i16, i32, msg } from './wire-builder.js';

function frameOf(message: Buffer): Pick<Frame, 'code' | 'payload'> {
  expect(message.readInt32BE(1)).toBe(message.length - 1);
  return { code: message[0] as number, payload: message.subarray(5) };
}

const blob = Buffer.from([0, 1, 2, 255]);
const cases: { name: string; bytes: Buffer; expected: FrontendMessage }[] = [
  { name: 'Query', bytes: serialize.query('select * from t where a = \'é\''), expected: { kind: 'Query', sql: "select * from t where a = 'é'" } },
  { name: 'Query empty', bytes: serialize.query(''), expected: { kind: 'Query', sql: '' } },
  {
    name: 'Parse',
    bytes: serialize.parse({ name: 'stmt_1', text: 'select $1, $2', types: [23, 25] }),
    expected: { kind: 'Parse', name: 'stmt_1', sql: 'select $1, $2', paramTypes: [23, 25] },
  },
  { name: 'Parse unnamed', bytes: serialize.parse({ text: 'select 1' }), expected: { kind: 'Parse', name: '', sql: 'select 1', paramTypes: [] } },
  {
    name: 'Bind',
    bytes: serialize.bind({ portal: 'p1', statement: 'stmt_1', values: ['42', null, blob], binary: true }),
    expected: {
      kind: 'Bind',
      portal: 'p1',
      statement: 'stmt_1',
      paramFormats: [0, 0, 1],
      params: [Buffer.from('42'), null, blob],
      resultFormats: [1],
    },
  },
  {
    name: 'Bind no values',
    bytes: serialize.bind({}),
    expected: { kind: 'Bind', portal: '', statement: '', paramFormats: [], params: [], resultFormats: [0] },
  },
  { name: 'Execute', bytes: serialize.execute({ portal: 'p1', rows: 100 }), expected: { kind: 'Execute', portal: 'p1', maxRows: 100 } },
  { name: 'Execute default', bytes: serialize.execute(), expected: { kind: 'Execute', portal: '', maxRows: 0 } },
  { name: 'Describe S', bytes: serialize.describe({ type: 'S', name: 'stmt_1' }), expected: { kind: 'Describe', target: 'S', name: 'stmt_1' } },
  { name: 'Describe P', bytes: serialize.describe({ type: 'P' }), expected: { kind: 'Describe', target: 'P', name: '' } },
  { name: 'Close S', bytes: serialize.close({ type: 'S', name: 'stmt_1' }), expected: { kind: 'Close', target: 'S', name: 'stmt_1' } },
  { name: 'Close P', bytes: serialize.close({ type: 'P', name: 'p1' }), expected: { kind: 'Close', target: 'P', name: 'p1' } },
  { name: 'Sync', bytes: serialize.sync(), expected: { kind: 'Sync' } },
  { name: 'Flush', bytes: serialize.flush(), expected: { kind: 'Flush' } },
  { name: 'Terminate', bytes: serialize.end(), expected: { kind: 'Terminate' } },
  { name: 'CopyData', bytes: serialize.copyData(Buffer.from('1\t2\n')), expected: { kind: 'CopyData', data: Buffer.from('1\t2\n') } },
  { name: 'CopyDone', bytes: serialize.copyDone(), expected: { kind: 'CopyDone' } },
  { name: 'CopyFail', bytes: serialize.copyFail('aborted by user'), expected: { kind: 'CopyFail', message: 'aborted by user' } },
  { name: 'PasswordMessage', bytes: serialize.password('md5abc'), expected: { kind: 'PasswordMessage', data: Buffer.from('md5abc\0') } },
  {
    name: 'SASLResponse',
    bytes: serialize.sendSCRAMClientFinalMessage('c=biws,r=abc,p=xyz'),
    expected: { kind: 'PasswordMessage', data: Buffer.from('c=biws,r=abc,p=xyz') },
  },
];

describe('decodeFrontend against pg-protocol serialize', () => {
  for (const c of cases) {
    it(`decodes ${c.name}`, () => {
      expect(decodeFrontend(frameOf(c.bytes))).toEqual(c.expected);
    });
    it(`encodes ${c.name} to pg-protocol's bytes`, () => {
      expect(encodeFrontend(c.expected).toString('hex')).toBe(c.bytes.toString('hex'));
    });
  }

  it('round-trips messages pg-protocol cannot express (OIDs above 2^31, FunctionCall, negative maxRows)', () => {
    const messages: FrontendMessage[] = [
      { kind: 'Parse', name: 'x', sql: 'select $1', paramTypes: [4294967295, 0] },
      { kind: 'Bind', portal: '', statement: 'x', paramFormats: [1], params: [Buffer.alloc(0), null], resultFormats: [0, 1, 0] },
      { kind: 'FunctionCall', payload: Buffer.from([0, 0, 4, 0]) },
      { kind: 'Execute', portal: '', maxRows: -1 },
    ];
    for (const m of messages) expect(decodeFrontend(frameOf(encodeFrontend(m)))).toEqual(m);
  });

  it('keeps encoded messages valid while more are encoded', () => {
    const first = encodeFrontend({ kind: 'Query', sql: 'select 1' });
    const copy = Buffer.from(first);
    for (let i = 0; i < 2000; i++) encodeFrontend({ kind: 'Query', sql: `select ${i}` });
    expect(first.equals(copy)).toBe(true);
  });
});

describe('decodeFrontend refuses malformed payloads with 08P01', () => {
  const bad: [string, Buffer][] = [
    ['Query without NUL', msg('Q', Buffer.from('select 1'))],
    ['Query with trailing bytes', msg('Q', cstr('select 1'), [1])],
    ['Parse truncated OID list', msg('P', cstr(''), cstr('select $1'), i16(2), i32(23))],
    ['Parse negative count', msg('P', cstr(''), cstr('select 1'), i16(-1))],
    ['Bind negative parameter length', msg('B', cstr(''), cstr(''), i16(0), i16(1), i32(-2), i16(0))],
    ['Bind parameter longer than the message', msg('B', cstr(''), cstr(''), i16(0), i16(1), i32(50), [1, 2], i16(0))],
    ['Bind missing result formats', msg('B', cstr(''), cstr(''), i16(0), i16(0))],
    ['Bind huge format count', msg('B', cstr(''), cstr(''), i16(32767))],
    ['Describe bad target', msg('D', [0x58], cstr('x'))],
    ['Describe empty', msg('D')],
    ['Execute truncated', msg('E', cstr(''), [0, 0])],
    ['Sync with payload', msg('S', [0])],
    ['CopyFail without NUL', msg('f', Buffer.from('x'))],
    ['unknown type', msg('Z', [0x49])],
  ];
  for (const [name, bytes] of bad) {
    it(name, () => {
      expect(decodeFrontend(frameOf(bytes))).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
    });
  }

  it('refuses a startup-phase frame (code 0)', () => {
    expect(decodeFrontend({ code: 0, payload: Buffer.alloc(4) })).toMatchObject({ kind: 'ProtocolError' });
  });
});
