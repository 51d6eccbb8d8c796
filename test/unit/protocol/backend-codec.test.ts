// Backend codec against pg-protocol: every message kind node-postgres knows, encoded by us, parses
// with its Parser to the same values; and every kind survives our own decode(encode(m)).
import { Parser } from 'pg-protocol/dist/parser.js';
import { describe, expect, it } from 'vitest';
import { decodeBackend } from '../../../protocol/backend-decoder.js';
import { encodeBackend, errorResponse } from '../../../protocol/backend-encoder.js';
import type { BackendMessage } from '../../../protocol/backend-messages.js';
import type { Frame } from '../../../protocol/frame-reader.js';
import { cstr, i16, i32, msg } from './wire-builder.js';

type Parsed = Record<string, unknown>;

function pgParse(bytes: Buffer): Parsed[] {
  const out: Parsed[] = [];
  new Parser().parse(bytes, (m) => out.push(m as unknown as Parsed));
  return out;
}

function frameOf(message: Buffer): Pick<Frame, 'code' | 'payload'> {
  expect(message.readInt32BE(1)).toBe(message.length - 1);
  return { code: message[0] as number, payload: message.subarray(5) };
}

const field = { name: 'id', tableOid: 16384, columnAttr: 1, typeOid: 23, typeSize: 4, typeModifier: -1, format: 0 };
const errorFields = {
  severity: 'ERROR',
  severityNonLocalized: 'ERROR',
  code: '42P01',
  message: 'relation "nope" does not exist',
  detail: 'some detail',
  hint: 'some hint',
  position: '15',
  where: 'somewhere',
  schema: 'public',
  table: 'nope',
  column: 'c',
  dataType: 'int4',
  constraint: 'pk',
  file: 'parse_relation.c',
  line: '1392',
  routine: 'parserOpenTable',
};

const oracle: { m: BackendMessage; expected: Parsed }[] = [
  { m: { kind: 'AuthenticationOk' }, expected: { name: 'authenticationOk' } },
  { m: { kind: 'AuthenticationCleartextPassword' }, expected: { name: 'authenticationCleartextPassword' } },
  { m: { kind: 'AuthenticationMD5Password', salt: Buffer.from([1, 2, 3, 4]) }, expected: { name: 'authenticationMD5Password', salt: Buffer.from([1, 2, 3, 4]) } },
  { m: { kind: 'AuthenticationSASL', mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'] }, expected: { name: 'authenticationSASL', mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'] } },
  { m: { kind: 'AuthenticationSASLContinue', data: Buffer.from('r=abc,s=c2FsdA==,i=4096') }, expected: { name: 'authenticationSASLContinue', data: 'r=abc,s=c2FsdA==,i=4096' } },
  { m: { kind: 'AuthenticationSASLFinal', data: Buffer.from('v=c2ln') }, expected: { name: 'authenticationSASLFinal', data: 'v=c2ln' } },
  { m: { kind: 'ParameterStatus', name: 'server_version', value: '16.2' }, expected: { name: 'parameterStatus', parameterName: 'server_version', parameterValue: '16.2' } },
  { m: { kind: 'BackendKeyData', processId: 4242, secretKey: -123456 }, expected: { name: 'backendKeyData', processID: 4242, secretKey: -123456 } },
  { m: { kind: 'ReadyForQuery', status: 'T' }, expected: { name: 'readyForQuery', status: 'T' } },
  {
    m: { kind: 'RowDescription', fields: [field, { ...field, name: 'ü', tableOid: 0, columnAttr: 0, typeOid: 4294967295, typeSize: -1, typeModifier: 36, format: 1 }] },
    expected: {
      name: 'rowDescription',
      fieldCount: 2,
      fields: [
        { name: 'id', tableID: 16384, columnID: 1, dataTypeID: 23, dataTypeSize: 4, dataTypeModifier: -1, format: 'text' },
        { name: 'ü', tableID: 0, columnID: 0, dataTypeID: 4294967295, dataTypeSize: -1, dataTypeModifier: 36, format: 'binary' },
      ],
    },
  },
  { m: { kind: 'DataRow', values: [Buffer.from('1'), null, Buffer.alloc(0), Buffer.from('héllo')] }, expected: { name: 'dataRow', fields: ['1', null, '', 'héllo'] } },
  { m: { kind: 'CommandComplete', tag: 'INSERT 0 1' }, expected: { name: 'commandComplete', text: 'INSERT 0 1' } },
  { m: { kind: 'EmptyQueryResponse' }, expected: { name: 'emptyQuery' } },
  {
    m: { kind: 'ErrorResponse', fields: errorFields },
    // pg-protocol keeps neither V nor an enumerable `message` (DatabaseError is an Error): checked apart.
    expected: (({ severityNonLocalized: _v, message: _m, ...rest }) => ({ name: 'error', ...rest }))(errorFields),
  },
  { m: { kind: 'NoticeResponse', fields: { severity: 'NOTICE', code: '00000', message: 'hi' } }, expected: { name: 'notice', severity: 'NOTICE', code: '00000', message: 'hi' } },
  { m: { kind: 'NotificationResponse', processId: 7, channel: 'chan', payload: 'data' }, expected: { name: 'notification', processId: 7, channel: 'chan', payload: 'data' } },
  { m: { kind: 'ParseComplete' }, expected: { name: 'parseComplete' } },
  { m: { kind: 'BindComplete' }, expected: { name: 'bindComplete' } },
  { m: { kind: 'CloseComplete' }, expected: { name: 'closeComplete' } },
  { m: { kind: 'NoData' }, expected: { name: 'noData' } },
  { m: { kind: 'PortalSuspended' }, expected: { name: 'portalSuspended' } },
  { m: { kind: 'ParameterDescription', typeOids: [23, 25, 3000000000] }, expected: { name: 'parameterDescription', parameterCount: 3, dataTypeIDs: [23, 25, 3000000000] } },
  { m: { kind: 'CopyInResponse', format: 0, columnFormats: [0, 0] }, expected: { name: 'copyInResponse', binary: false, columnTypes: [0, 0] } },
  { m: { kind: 'CopyOutResponse', format: 1, columnFormats: [1] }, expected: { name: 'copyOutResponse', binary: true, columnTypes: [1] } },
  { m: { kind: 'CopyBothResponse', format: 0, columnFormats: [] }, expected: { name: 'replicationStart' } },
  { m: { kind: 'CopyData', data: Buffer.from([0, 1, 2]) }, expected: { name: 'copyData', chunk: Buffer.from([0, 1, 2]) } },
  { m: { kind: 'CopyDone' }, expected: { name: 'copyDone' } },
];

const ownOnly: BackendMessage[] = [
  { kind: 'AuthenticationOther', method: 7 },
  { kind: 'NegotiateProtocolVersion', newestMinor: 0, unrecognized: ['_pq_.foo', '_pq_.bar'] },
  { kind: 'ErrorResponse', fields: { severity: 'FATAL', code: '28P01', message: 'x', Z: 'unknown field kept' } },
  { kind: 'DataRow', values: [] },
  { kind: 'RowDescription', fields: [] },
];

describe('encodeBackend against pg-protocol Parser', () => {
  for (const { m, expected } of oracle) {
    it(`encodes ${m.kind} as node-postgres reads it`, () => {
      const bytes = encodeBackend(m);
      const parsed = pgParse(bytes);
      expect(parsed).toHaveLength(1);
      expect(parsed[0]).toMatchObject({ ...expected, length: bytes.length - 1 });
      if (m.kind === 'ErrorResponse') expect(parsed[0]?.message).toBe(m.fields.message);
    });
  }

  it('parses a whole stream of every kind in one go', () => {
    const stream = Buffer.concat(oracle.map((c) => encodeBackend(c.m)));
    expect(pgParse(stream).map((p) => p.name)).toEqual(oracle.map((c) => c.expected.name));
  });
});

describe('decodeBackend(encodeBackend(m))', () => {
  for (const m of [...oracle.map((c) => c.m), ...ownOnly]) {
    it(`round-trips ${m.kind}`, () => {
      const bytes = encodeBackend(m);
      expect(decodeBackend(frameOf(bytes))).toEqual(m);
      const again = decodeBackend(frameOf(bytes));
      if (again.kind === 'ProtocolError') throw new Error(again.message);
      expect(encodeBackend(again).equals(bytes)).toBe(true);
    });
  }

  it('matches the naive builder byte for byte', () => {
    expect(encodeBackend({ kind: 'DataRow', values: [Buffer.from('ab'), null] })).toEqual(msg('D', i16(2), i32(2), [0x61, 0x62], i32(-1)));
    expect(encodeBackend({ kind: 'AuthenticationSASL', mechanisms: ['SCRAM-SHA-256'] })).toEqual(msg('R', i32(10), cstr('SCRAM-SHA-256'), [0]));
  });

  it('drops NULs inside strings instead of cutting the field short', () => {
    const bytes = encodeBackend({ kind: 'CommandComplete', tag: 'SELECT\0 1' });
    expect(decodeBackend(frameOf(bytes))).toEqual({ kind: 'CommandComplete', tag: 'SELECT 1' });
  });
});

describe('errorResponse', () => {
  it('writes S, V, C, M, D, H and the terminator, in that order', () => {
    const bytes = errorResponse({ severity: 'FATAL', code: '28P01', message: 'password authentication failed', detail: 'd', hint: 'h' });
    const expected = msg('E', [0x53], cstr('FATAL'), [0x56], cstr('FATAL'), [0x43], cstr('28P01'), [0x4d], cstr('password authentication failed'), [0x44], cstr('d'), [0x48], cstr('h'), [0]);
    expect(bytes).toEqual(expected);
    expect(pgParse(bytes)[0]).toMatchObject({ name: 'error', severity: 'FATAL', code: '28P01', message: 'password authentication failed', detail: 'd', hint: 'h' });
  });

  it('leaves out D and H when not given', () => {
    const bytes = errorResponse({ severity: 'ERROR', code: '0A000', message: 'no' });
    expect(bytes).toEqual(msg('E', [0x53], cstr('ERROR'), [0x56], cstr('ERROR'), [0x43], cstr('0A000'), [0x4d], cstr('no'), [0]));
  });
});

describe('decodeBackend refuses malformed payloads with 08P01', () => {
  const bad: [string, Buffer][] = [
    ['ReadyForQuery with a bad status', msg('Z', [0x58])],
    ['ReadyForQuery too long', msg('Z', [0x49, 0x49])],
    ['DataRow value past the end', msg('D', i16(1), i32(10), [1])],
    ['DataRow negative count', msg('D', i16(-3))],
    ['DataRow length -2', msg('D', i16(1), i32(-2))],
    ['RowDescription truncated', msg('T', i16(1), cstr('id'), i32(0))],
    ['ErrorResponse without terminator', msg('E', [0x53], cstr('ERROR'))],
    ['ErrorResponse field without NUL', msg('E', [0x53], Buffer.from('ERROR'))],
    ['AuthenticationMD5Password short salt', msg('R', i32(5), [1, 2])],
    ['AuthenticationOk with trailing bytes', msg('R', i32(0), [0])],
    ['BackendKeyData short', msg('K', i32(1))],
    ['ParseComplete with a payload', msg('1', [0])],
    ['NegotiateProtocolVersion overlong count', msg('v', i32(0), i32(1000))],
    ['FunctionCallResponse (not decoded)', msg('V', i32(-1))],
    ['unknown type', msg('?')],
  ];
  for (const [name, bytes] of bad) {
    it(name, () => {
      expect(decodeBackend(frameOf(bytes))).toMatchObject({ kind: 'ProtocolError', code: '08P01' });
    });
  }

  it('keeps the mandatory error fields as empty strings when a server leaves them out', () => {
    expect(decodeBackend(frameOf(msg('N', [0x4d], cstr('hello'), [0])))).toEqual({
      kind: 'NoticeResponse',
      fields: { severity: '', code: '', message: 'hello' },
    });
  });
});
