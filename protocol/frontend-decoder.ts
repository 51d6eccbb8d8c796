// Owns decoding of frontend (client -> server) frames into typed messages. Every field is bounds
// checked: truncated or overlong payloads, negative counts and missing NULs give a 08P01
// ProtocolError, never an exception. Byte fields (Bind parameters, CopyData) are subarrays of the
// frame payload, not copies.

import type { Frame } from './frame-reader.js';
import type { FrontendMessage } from './frontend-messages.js';
import { FrontendCode } from './message-codes.js';
import { PayloadReader } from './payload-reader.js';
import { protocolError, type ProtocolError } from './protocol-error.js';
import { SqlState } from './sqlstate.js';

type Result = FrontendMessage | ProtocolError;

export function decodeFrontend(frame: Pick<Frame, 'code' | 'payload'>): Result {
  const p = frame.payload;
  switch (frame.code) {
    case FrontendCode.Query:
      return decodeQuery(p);
    case FrontendCode.Parse:
      return decodeParse(p);
    case FrontendCode.Bind:
      return decodeBind(p);
    case FrontendCode.Describe:
      return decodeTargeted(p, 'Describe');
    case FrontendCode.Execute:
      return decodeExecute(p);
    case FrontendCode.Close:
      return decodeTargeted(p, 'Close');
    case FrontendCode.Sync:
      return empty(p, SYNC);
    case FrontendCode.Flush:
      return empty(p, FLUSH);
    case FrontendCode.Terminate:
      return empty(p, TERMINATE);
    case FrontendCode.CopyData:
      return { kind: 'CopyData', data: p };
    case FrontendCode.CopyDone:
      return empty(p, COPY_DONE);
    case FrontendCode.CopyFail:
      return decodeCopyFail(p);
    case FrontendCode.Password:
      return { kind: 'PasswordMessage', data: p };
    case FrontendCode.FunctionCall:
      return { kind: 'FunctionCall', payload: p };
    default:
      return protocolError(SqlState.ProtocolViolation, `invalid frontend message type ${frame.code}`);
  }
}

// Messages without fields are shared; they are never mutated.
const SYNC: FrontendMessage = { kind: 'Sync' };
const FLUSH: FrontendMessage = { kind: 'Flush' };
const TERMINATE: FrontendMessage = { kind: 'Terminate' };
const COPY_DONE: FrontendMessage = { kind: 'CopyDone' };

function empty(p: Buffer, msg: FrontendMessage): Result {
  return p.length === 0 ? msg : protocolError(SqlState.ProtocolViolation, 'invalid message format');
}

function decodeQuery(p: Buffer): Result {
  const r = new PayloadReader(p);
  const sql = r.cstring();
  return r.finish({ kind: 'Query', sql });
}

function decodeCopyFail(p: Buffer): Result {
  const r = new PayloadReader(p);
  const message = r.cstring();
  return r.finish({ kind: 'CopyFail', message });
}

function decodeParse(p: Buffer): Result {
  const r = new PayloadReader(p);
  const name = r.cstring();
  const sql = r.cstring();
  const n = r.count(r.int16(), 4);
  const paramTypes = new Array<number>(n);
  for (let i = 0; i < n; i++) paramTypes[i] = r.uint32();
  return r.finish({ kind: 'Parse', name, sql, paramTypes });
}

function decodeBind(p: Buffer): Result {
  const r = new PayloadReader(p);
  const portal = r.cstring();
  const statement = r.cstring();
  const paramFormats = readInt16s(r);
  const n = r.count(r.int16(), 4);
  const params = new Array<Buffer | null>(n);
  for (let i = 0; i < n; i++) {
    const len = r.int32();
    params[i] = len === -1 ? null : r.bytes(len);
  }
  const resultFormats = readInt16s(r);
  return r.finish({ kind: 'Bind', portal, statement, paramFormats, params, resultFormats });
}

function readInt16s(r: PayloadReader): number[] {
  const n = r.count(r.int16(), 2);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.int16();
  return out;
}

function decodeTargeted(p: Buffer, kind: 'Describe' | 'Close'): Result {
  const r = new PayloadReader(p);
  const t = r.int8();
  const name = r.cstring();
  if (r.error === null && t !== 0x53 && t !== 0x50) {
    const what = kind === 'Describe' ? 'DESCRIBE' : 'CLOSE';
    return protocolError(SqlState.ProtocolViolation, `invalid ${what} message subtype ${t}`);
  }
  return r.finish({ kind, target: t === 0x53 ? 'S' : 'P', name });
}

function decodeExecute(p: Buffer): Result {
  const r = new PayloadReader(p);
  const portal = r.cstring();
  const maxRows = r.int32();
  return r.finish({ kind: 'Execute', portal, maxRows });
}
