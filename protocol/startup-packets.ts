// Owns the packets of the startup phase, which carry no type byte: StartupMessage, SSLRequest,
// GSSENCRequest and CancelRequest. They are told apart by the int32 request code after the length.

import { StartupCode } from './message-codes.js';
import { MessageWriter } from './message-writer.js';
import { PayloadReader } from './payload-reader.js';
import { protocolError, type ProtocolError } from './protocol-error.js';
import { SqlState } from './sqlstate.js';

export type StartupPacket =
  | { kind: 'SSLRequest' }
  | { kind: 'GSSENCRequest' }
  | { kind: 'CancelRequest'; processId: number; secretKey: number }
  | { kind: 'StartupMessage'; majorVersion: number; minorVersion: number; params: Record<string, string> };

const writer = new MessageWriter(1024);

/** Decodes a startup-phase frame payload (the bytes after the length). */
export function decodeStartupPacket(payload: Buffer): StartupPacket | ProtocolError {
  if (payload.length < 4) return protocolError(SqlState.ProtocolViolation, 'invalid length of startup packet');
  const code = payload.readInt32BE(0);
  switch (code) {
    case StartupCode.SSLRequest:
      return exactly(payload, 4, { kind: 'SSLRequest' });
    case StartupCode.GSSENCRequest:
      return exactly(payload, 4, { kind: 'GSSENCRequest' });
    case StartupCode.CancelRequest:
      if (payload.length !== 12) return protocolError(SqlState.ProtocolViolation, 'invalid length of cancel request');
      return { kind: 'CancelRequest', processId: payload.readInt32BE(4), secretKey: payload.readInt32BE(8) };
    default:
      return decodeStartupMessage(payload, code);
  }
}

function exactly(payload: Buffer, size: number, packet: StartupPacket): StartupPacket | ProtocolError {
  if (payload.length === size) return packet;
  return protocolError(SqlState.ProtocolViolation, `invalid length of ${packet.kind}`);
}

function decodeStartupMessage(payload: Buffer, code: number): StartupPacket | ProtocolError {
  const majorVersion = code >>> 16;
  const minorVersion = code & 0xffff;
  if (majorVersion === 1234) {
    return protocolError(SqlState.ProtocolViolation, `unsupported frontend protocol request code ${minorVersion}`);
  }
  if (majorVersion !== 3) {
    return protocolError(
      SqlState.FeatureNotSupported,
      `unsupported frontend protocol ${majorVersion}.${minorVersion}: server supports 3.0 to 3.0`,
    );
  }
  // A null-prototype object, so that a parameter called "__proto__" is kept as data.
  const params = Object.create(null) as Record<string, string>;
  const r = new PayloadReader(payload, 4);
  for (;;) {
    if (r.remaining === 0) {
      return protocolError(SqlState.ProtocolViolation, 'invalid startup packet layout: expected terminator as last byte');
    }
    const name = r.cstring();
    if (name === '' || r.error !== null) break;
    params[name] = r.cstring();
  }
  return r.finish({ kind: 'StartupMessage', majorVersion, minorVersion, params });
}

/** A full StartupMessage packet (length included), protocol 3.0. */
export function encodeStartupMessage(params: Record<string, string>): Buffer {
  writer.int32(StartupCode.ProtocolVersion3);
  for (const [name, value] of Object.entries(params)) writer.cstring(name).cstring(value);
  writer.int8(0);
  return writer.finishUntyped();
}

export function encodeSSLRequest(): Buffer {
  return codePacket(StartupCode.SSLRequest);
}

export function encodeGSSENCRequest(): Buffer {
  return codePacket(StartupCode.GSSENCRequest);
}

export function encodeCancelRequest(processId: number, secretKey: number): Buffer {
  const b = Buffer.allocUnsafe(16);
  b.writeInt32BE(16, 0);
  b.writeInt32BE(StartupCode.CancelRequest, 4);
  b.writeInt32BE(processId | 0, 8);
  b.writeInt32BE(secretKey | 0, 12);
  return b;
}

function codePacket(code: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(code, 4);
  return b;
}
