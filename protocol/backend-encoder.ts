// Owns encoding of typed backend (server -> client) messages into full wire messages, used when
// pgfabric answers clients itself (non-Postgres backends, errors, auth). The hottest constant
// messages also exist preallocated in constant-frames.ts.

import type { BackendMessage, ErrorFields } from './backend-messages.js';
import { errorFieldCode } from './error-field-names.js';
import { AuthCode, BackendCode } from './message-codes.js';
import { MessageWriter } from './message-writer.js';

const w = new MessageWriter();

type Of<K extends BackendMessage['kind']> = Extract<BackendMessage, { kind: K }>;

export function encodeBackend(msg: BackendMessage): Buffer {
  try {
    return encode(msg);
  } catch (e) {
    w.reset(); // a half-written message must not prefix the next one
    throw e;
  }
}

function encode(msg: BackendMessage): Buffer {
  switch (msg.kind) {
    case 'AuthenticationOk': return auth(AuthCode.Ok);
    case 'AuthenticationCleartextPassword': return auth(AuthCode.CleartextPassword);
    case 'AuthenticationMD5Password': return w.int32(AuthCode.MD5Password).bytes(msg.salt).finish(BackendCode.Authentication);
    case 'AuthenticationSASL': return encodeSaslMechanisms(msg.mechanisms);
    case 'AuthenticationSASLContinue': return w.int32(AuthCode.SASLContinue).bytes(msg.data).finish(BackendCode.Authentication);
    case 'AuthenticationSASLFinal': return w.int32(AuthCode.SASLFinal).bytes(msg.data).finish(BackendCode.Authentication);
    case 'AuthenticationOther': return auth(msg.method);
    case 'ParameterStatus': return w.cstring(msg.name).cstring(msg.value).finish(BackendCode.ParameterStatus);
    case 'BackendKeyData': return w.int32(msg.processId).int32(msg.secretKey).finish(BackendCode.BackendKeyData);
    case 'ReadyForQuery': return w.int8(msg.status.charCodeAt(0)).finish(BackendCode.ReadyForQuery);
    case 'RowDescription': return encodeRowDescription(msg);
    case 'DataRow': return encodeDataRow(msg.values);
    case 'CommandComplete': return w.cstring(msg.tag).finish(BackendCode.CommandComplete);
    case 'EmptyQueryResponse': return w.finish(BackendCode.EmptyQueryResponse);
    case 'ErrorResponse': return encodeFields(msg.fields, BackendCode.ErrorResponse);
    case 'NoticeResponse': return encodeFields(msg.fields, BackendCode.NoticeResponse);
    case 'NotificationResponse': return w.int32(msg.processId).cstring(msg.channel).cstring(msg.payload).finish(BackendCode.NotificationResponse);
    case 'ParseComplete': return w.finish(BackendCode.ParseComplete);
    case 'BindComplete': return w.finish(BackendCode.BindComplete);
    case 'CloseComplete': return w.finish(BackendCode.CloseComplete);
    case 'NoData': return w.finish(BackendCode.NoData);
    case 'PortalSuspended': return w.finish(BackendCode.PortalSuspended);
    case 'ParameterDescription': return encodeParameterDescription(msg.typeOids);
    case 'CopyInResponse': return encodeCopyResponse(msg, BackendCode.CopyInResponse);
    case 'CopyOutResponse': return encodeCopyResponse(msg, BackendCode.CopyOutResponse);
    case 'CopyBothResponse': return encodeCopyResponse(msg, BackendCode.CopyBothResponse);
    case 'CopyData': return w.bytes(msg.data).finish(BackendCode.CopyData);
    case 'CopyDone': return w.finish(BackendCode.CopyDone);
    case 'NegotiateProtocolVersion': return encodeNegotiate(msg);
  }
}

/**
 * An ErrorResponse as Postgres writes it: S, V (same as S), C, M, then D and H when given.
 * The one way pgfabric reports its own errors to a client.
 */
export function errorResponse(fields: {
  severity: 'ERROR' | 'FATAL' | 'PANIC';
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  /** 1-based character position in the statement ('P'). */
  position?: string;
}): Buffer {
  w.int8(0x53).cstring(fields.severity);
  w.int8(0x56).cstring(fields.severity);
  w.int8(0x43).cstring(fields.code);
  w.int8(0x4d).cstring(fields.message);
  if (fields.detail !== undefined) w.int8(0x44).cstring(fields.detail);
  if (fields.hint !== undefined) w.int8(0x48).cstring(fields.hint);
  if (fields.position !== undefined) w.int8(0x50).cstring(fields.position);
  return w.int8(0).finish(BackendCode.ErrorResponse);
}

function auth(method: number): Buffer {
  return w.int32(method).finish(BackendCode.Authentication);
}

function encodeSaslMechanisms(mechanisms: string[]): Buffer {
  w.int32(AuthCode.SASL);
  for (const m of mechanisms) w.cstring(m);
  return w.int8(0).finish(BackendCode.Authentication);
}

function encodeRowDescription(msg: Of<'RowDescription'>): Buffer {
  w.int16(msg.fields.length);
  for (const f of msg.fields) {
    w.cstring(f.name).int32(f.tableOid).int16(f.columnAttr).int32(f.typeOid);
    w.int16(f.typeSize).int32(f.typeModifier).int16(f.format);
  }
  return w.finish(BackendCode.RowDescription);
}

function encodeDataRow(values: (Buffer | null)[]): Buffer {
  w.int16(values.length);
  for (const v of values) {
    if (v === null) w.int32(-1);
    else w.int32(v.length).bytes(v);
  }
  return w.finish(BackendCode.DataRow);
}

/** Fields in the object's key order; keys that are neither a known name nor a free letter are skipped. */
function encodeFields(fields: ErrorFields, code: number): Buffer {
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    const fieldCode = errorFieldCode(name);
    if (value === undefined || fieldCode === undefined) continue;
    w.int8(fieldCode).cstring(value);
  }
  return w.int8(0).finish(code);
}

function encodeParameterDescription(typeOids: number[]): Buffer {
  w.int16(typeOids.length);
  for (const oid of typeOids) w.int32(oid);
  return w.finish(BackendCode.ParameterDescription);
}

function encodeCopyResponse(msg: Of<'CopyInResponse' | 'CopyOutResponse' | 'CopyBothResponse'>, code: number): Buffer {
  w.int8(msg.format).int16(msg.columnFormats.length);
  for (const f of msg.columnFormats) w.int16(f);
  return w.finish(code);
}

function encodeNegotiate(msg: Of<'NegotiateProtocolVersion'>): Buffer {
  w.int32(msg.newestMinor).int32(msg.unrecognized.length);
  for (const name of msg.unrecognized) w.cstring(name);
  return w.finish(BackendCode.NegotiateProtocolVersion);
}
