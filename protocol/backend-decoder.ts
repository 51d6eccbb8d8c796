// Owns decoding of backend (server -> client) frames into typed messages, bounds-checked like the
// frontend decoder: malformed payloads give a 08P01 ProtocolError, never an exception. Byte fields
// (DataRow values, CopyData, SASL data) are subarrays of the frame payload.

import type { BackendMessage, ErrorFields, RowField } from './backend-messages.js';
import { errorFieldName } from './error-field-names.js';
import type { Frame } from './frame-reader.js';
import { AuthCode, BackendCode } from './message-codes.js';
import { PayloadReader } from './payload-reader.js';
import { protocolError, type ProtocolError } from './protocol-error.js';
import { SqlState } from './sqlstate.js';

type Result = BackendMessage | ProtocolError;

export function decodeBackend(frame: Pick<Frame, 'code' | 'payload'>): Result {
  const p = frame.payload;
  switch (frame.code) {
    case BackendCode.Authentication: return decodeAuthentication(p);
    case BackendCode.ParameterStatus: return decodeParameterStatus(p);
    case BackendCode.BackendKeyData: return decodeBackendKeyData(p);
    case BackendCode.ReadyForQuery: return decodeReadyForQuery(p);
    case BackendCode.RowDescription: return decodeRowDescription(p);
    case BackendCode.DataRow: return decodeDataRow(p);
    case BackendCode.CommandComplete: return decodeCommandComplete(p);
    case BackendCode.ErrorResponse: return decodeErrorLike(p, 'ErrorResponse');
    case BackendCode.NoticeResponse: return decodeErrorLike(p, 'NoticeResponse');
    case BackendCode.NotificationResponse: return decodeNotification(p);
    case BackendCode.ParameterDescription: return decodeParameterDescription(p);
    case BackendCode.CopyInResponse: return decodeCopyResponse(p, 'CopyInResponse');
    case BackendCode.CopyOutResponse: return decodeCopyResponse(p, 'CopyOutResponse');
    case BackendCode.CopyBothResponse: return decodeCopyResponse(p, 'CopyBothResponse');
    case BackendCode.CopyData: return { kind: 'CopyData', data: p };
    case BackendCode.NegotiateProtocolVersion: return decodeNegotiate(p);
    case BackendCode.EmptyQueryResponse: return empty(p, EMPTY_QUERY);
    case BackendCode.ParseComplete: return empty(p, PARSE_COMPLETE);
    case BackendCode.BindComplete: return empty(p, BIND_COMPLETE);
    case BackendCode.CloseComplete: return empty(p, CLOSE_COMPLETE);
    case BackendCode.NoData: return empty(p, NO_DATA);
    case BackendCode.PortalSuspended: return empty(p, PORTAL_SUSPENDED);
    case BackendCode.CopyDone: return empty(p, COPY_DONE);
    default:
      // FunctionCallResponse ('V') included: the fast-path function call is not part of BackendMessage.
      return protocolError(SqlState.ProtocolViolation, `unsupported backend message type ${frame.code}`);
  }
}

// Messages without fields are shared; they are never mutated.
const EMPTY_QUERY: BackendMessage = { kind: 'EmptyQueryResponse' };
const PARSE_COMPLETE: BackendMessage = { kind: 'ParseComplete' };
const BIND_COMPLETE: BackendMessage = { kind: 'BindComplete' };
const CLOSE_COMPLETE: BackendMessage = { kind: 'CloseComplete' };
const NO_DATA: BackendMessage = { kind: 'NoData' };
const PORTAL_SUSPENDED: BackendMessage = { kind: 'PortalSuspended' };
const COPY_DONE: BackendMessage = { kind: 'CopyDone' };
const AUTH_OK: BackendMessage = { kind: 'AuthenticationOk' };
const AUTH_CLEARTEXT: BackendMessage = { kind: 'AuthenticationCleartextPassword' };

function empty(p: Buffer, msg: BackendMessage): Result {
  return p.length === 0 ? msg : protocolError(SqlState.ProtocolViolation, 'invalid message format');
}

function decodeAuthentication(p: Buffer): Result {
  const r = new PayloadReader(p);
  const method = r.int32();
  switch (method) {
    case AuthCode.Ok: return r.finish(AUTH_OK);
    case AuthCode.CleartextPassword: return r.finish(AUTH_CLEARTEXT);
    case AuthCode.MD5Password: return r.finish({ kind: 'AuthenticationMD5Password', salt: r.bytes(4) });
    case AuthCode.SASL: return decodeSaslMechanisms(r);
    case AuthCode.SASLContinue: return r.finish({ kind: 'AuthenticationSASLContinue', data: r.rest() });
    case AuthCode.SASLFinal: return r.finish({ kind: 'AuthenticationSASLFinal', data: r.rest() });
    default:
      // Kerberos, GSS, SSPI: reported, not decoded (pgfabric does not speak them); GSS data is skipped.
      r.rest();
      return r.finish({ kind: 'AuthenticationOther', method });
  }
}

function decodeSaslMechanisms(r: PayloadReader): Result {
  const mechanisms: string[] = [];
  for (;;) {
    const m = r.cstring();
    if (m === '' || r.error !== null) break;
    mechanisms.push(m);
  }
  return r.finish({ kind: 'AuthenticationSASL', mechanisms });
}

function decodeParameterStatus(p: Buffer): Result {
  const r = new PayloadReader(p);
  const name = r.cstring();
  const value = r.cstring();
  return r.finish({ kind: 'ParameterStatus', name, value });
}

function decodeBackendKeyData(p: Buffer): Result {
  const r = new PayloadReader(p);
  const processId = r.int32();
  const secretKey = r.int32();
  return r.finish({ kind: 'BackendKeyData', processId, secretKey });
}

function decodeReadyForQuery(p: Buffer): Result {
  const s = p.length === 1 ? p[0] : undefined;
  if (s === 0x49) return { kind: 'ReadyForQuery', status: 'I' };
  if (s === 0x54) return { kind: 'ReadyForQuery', status: 'T' };
  if (s === 0x45) return { kind: 'ReadyForQuery', status: 'E' };
  return protocolError(SqlState.ProtocolViolation, 'invalid ReadyForQuery message');
}

function decodeRowDescription(p: Buffer): Result {
  const r = new PayloadReader(p);
  const n = r.count(r.int16(), 19);
  const fields = new Array<RowField>(n);
  for (let i = 0; i < n && r.error === null; i++) {
    fields[i] = {
      name: r.cstring(),
      tableOid: r.uint32(),
      columnAttr: r.int16(),
      typeOid: r.uint32(),
      typeSize: r.int16(),
      typeModifier: r.int32(),
      format: r.int16(),
    };
  }
  return r.finish({ kind: 'RowDescription', fields });
}

function decodeDataRow(p: Buffer): Result {
  const r = new PayloadReader(p);
  const n = r.count(r.int16(), 4);
  const values = new Array<Buffer | null>(n);
  for (let i = 0; i < n; i++) {
    const len = r.int32();
    values[i] = len === -1 ? null : r.bytes(len);
  }
  return r.finish({ kind: 'DataRow', values });
}

function decodeCommandComplete(p: Buffer): Result {
  const r = new PayloadReader(p);
  const tag = r.cstring();
  return r.finish({ kind: 'CommandComplete', tag });
}

function decodeErrorLike(p: Buffer, kind: 'ErrorResponse' | 'NoticeResponse'): Result {
  const r = new PayloadReader(p);
  // Null prototype: field names come from the peer. Keys keep wire order, so a re-encode is identical.
  const fields = Object.create(null) as Record<string, string>;
  for (;;) {
    const code = r.int8();
    if (code === 0 || r.error !== null) break;
    fields[errorFieldName(code)] = r.cstring();
  }
  // Mandatory fields default to '' when a (non-conforming) server leaves them out.
  fields.severity ??= '';
  fields.code ??= '';
  fields.message ??= '';
  return r.finish({ kind, fields: fields as ErrorFields });
}

function decodeNotification(p: Buffer): Result {
  const r = new PayloadReader(p);
  const processId = r.int32();
  const channel = r.cstring();
  const payload = r.cstring();
  return r.finish({ kind: 'NotificationResponse', processId, channel, payload });
}

function decodeParameterDescription(p: Buffer): Result {
  const r = new PayloadReader(p);
  const n = r.count(r.int16(), 4);
  const typeOids = new Array<number>(n);
  for (let i = 0; i < n; i++) typeOids[i] = r.uint32();
  return r.finish({ kind: 'ParameterDescription', typeOids });
}

function decodeCopyResponse(p: Buffer, kind: 'CopyInResponse' | 'CopyOutResponse' | 'CopyBothResponse'): Result {
  const r = new PayloadReader(p);
  const format = r.int8();
  const n = r.count(r.int16(), 2);
  const columnFormats = new Array<number>(n);
  for (let i = 0; i < n; i++) columnFormats[i] = r.int16();
  return r.finish({ kind, format, columnFormats });
}

function decodeNegotiate(p: Buffer): Result {
  const r = new PayloadReader(p);
  const newestMinor = r.int32();
  const n = r.count(r.int32(), 1);
  const unrecognized = new Array<string>(n);
  for (let i = 0; i < n; i++) unrecognized[i] = r.cstring();
  return r.finish({ kind: 'NegotiateProtocolVersion', newestMinor, unrecognized });
}
