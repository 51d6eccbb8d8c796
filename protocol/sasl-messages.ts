// Owns the payloads of the 'p' message during authentication: PasswordMessage (cleartext or md5),
// SASLInitialResponse (mechanism + optional initial response) and SASLResponse (raw SASL data).
// The type byte is the same for all of them; only the auth state says which one a 'p' carries.

import { FrontendCode } from './message-codes.js';
import { MessageWriter } from './message-writer.js';
import { PayloadReader } from './payload-reader.js';
import type { ProtocolError } from './protocol-error.js';

const w = new MessageWriter(1024);
const EMPTY = Buffer.alloc(0);

/** The payload of a 'p' sent as SASLInitialResponse; a length of -1 (no initial response) gives an empty response. */
export function decodeSaslInitialResponse(data: Buffer): { mechanism: string; response: Buffer } | ProtocolError {
  const r = new PayloadReader(data);
  const mechanism = r.cstring();
  const len = r.int32();
  const response = len === -1 ? EMPTY : r.bytes(len);
  return r.finish({ mechanism, response });
}

export function encodeSaslInitialResponse(mechanism: string, response: Buffer): Buffer {
  return w.cstring(mechanism).int32(response.length).bytes(response).finish(FrontendCode.Password);
}

export function encodeSaslResponse(response: Buffer): Buffer {
  return w.bytes(response).finish(FrontendCode.Password);
}

/** A PasswordMessage carrying a cleartext password or an 'md5...' hash. */
export function encodePasswordMessage(password: string): Buffer {
  return w.cstring(password).finish(FrontendCode.Password);
}

/** The password of a 'p' sent as PasswordMessage (a NUL-terminated string). */
export function decodePasswordMessage(data: Buffer): string | ProtocolError {
  const r = new PayloadReader(data);
  const password = r.cstring();
  return r.finish(password);
}
