// Owns the hot path of prepared-statement renaming: a Bind is rewritten to name the statement as
// prepared on the chosen server connection, without decoding (or copying twice) its parameters.

import { FrontendCode } from './message-codes.js';
import { protocolError, type ProtocolError } from './protocol-error.js';
import { SqlState } from './sqlstate.js';

/** Portal and statement names of a Bind payload; restOffset is the first byte after the statement's NUL. */
export function readBindNames(payload: Buffer): { portal: string; statement: string; restOffset: number } | ProtocolError {
  const portalEnd = payload.indexOf(0);
  if (portalEnd === -1) return protocolError(SqlState.ProtocolViolation, 'invalid string in message');
  const statementEnd = payload.indexOf(0, portalEnd + 1);
  if (statementEnd === -1) return protocolError(SqlState.ProtocolViolation, 'invalid string in message');
  return {
    portal: payload.toString('utf8', 0, portalEnd),
    statement: payload.toString('utf8', portalEnd + 1, statementEnd),
    restOffset: statementEnd + 1,
  };
}

/** A full 'B' message naming `portal` and `statement`, followed by the original payload from restOffset. */
export function encodeBindWithStatement(payload: Buffer, portal: string, statement: string, restOffset: number): Buffer {
  const portalLen = Buffer.byteLength(portal);
  const statementLen = Buffer.byteLength(statement);
  const restLen = payload.length - restOffset;
  const length = 4 + portalLen + 1 + statementLen + 1 + restLen;
  const out = Buffer.allocUnsafe(1 + length);
  out[0] = FrontendCode.Bind;
  out.writeInt32BE(length, 1);
  let o = 5 + out.write(portal, 5, 'utf8');
  out[o++] = 0;
  o += out.write(statement, o, 'utf8');
  out[o++] = 0;
  payload.copy(out, o, restOffset);
  return out;
}
