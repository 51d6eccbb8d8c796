// Owns encoding of typed frontend (client -> server) messages into full wire messages (type byte
// and length included). Used when pgfabric talks to a Postgres backend as a client.

import type { FrontendMessage } from './frontend-messages.js';
import { FrontendCode } from './message-codes.js';
import { MessageWriter } from './message-writer.js';

const w = new MessageWriter();

type Of<K extends FrontendMessage['kind']> = Extract<FrontendMessage, { kind: K }>;

export function encodeFrontend(msg: FrontendMessage): Buffer {
  try {
    return encode(msg);
  } catch (e) {
    w.reset(); // a half-written message must not prefix the next one
    throw e;
  }
}

function encode(msg: FrontendMessage): Buffer {
  switch (msg.kind) {
    case 'Query':
      return w.cstring(msg.sql).finish(FrontendCode.Query);
    case 'Parse':
      return encodeParse(msg);
    case 'Bind':
      return encodeBind(msg);
    case 'Describe':
      return w.int8(msg.target.charCodeAt(0)).cstring(msg.name).finish(FrontendCode.Describe);
    case 'Execute':
      return w.cstring(msg.portal).int32(msg.maxRows).finish(FrontendCode.Execute);
    case 'Close':
      return w.int8(msg.target.charCodeAt(0)).cstring(msg.name).finish(FrontendCode.Close);
    case 'Sync':
      return w.finish(FrontendCode.Sync);
    case 'Flush':
      return w.finish(FrontendCode.Flush);
    case 'Terminate':
      return w.finish(FrontendCode.Terminate);
    case 'CopyData':
      return w.bytes(msg.data).finish(FrontendCode.CopyData);
    case 'CopyDone':
      return w.finish(FrontendCode.CopyDone);
    case 'CopyFail':
      return w.cstring(msg.message).finish(FrontendCode.CopyFail);
    case 'PasswordMessage':
      return w.bytes(msg.data).finish(FrontendCode.Password);
    case 'FunctionCall':
      return w.bytes(msg.payload).finish(FrontendCode.FunctionCall);
  }
}

function encodeParse(msg: Of<'Parse'>): Buffer {
  w.cstring(msg.name).cstring(msg.sql).int16(msg.paramTypes.length);
  for (const oid of msg.paramTypes) w.int32(oid);
  return w.finish(FrontendCode.Parse);
}

function encodeBind(msg: Of<'Bind'>): Buffer {
  w.cstring(msg.portal).cstring(msg.statement);
  w.int16(msg.paramFormats.length);
  for (const f of msg.paramFormats) w.int16(f);
  w.int16(msg.params.length);
  for (const v of msg.params) {
    if (v === null) w.int32(-1);
    else w.int32(v.length).bytes(v);
  }
  w.int16(msg.resultFormats.length);
  for (const f of msg.resultFormats) w.int16(f);
  return w.finish(FrontendCode.Bind);
}
