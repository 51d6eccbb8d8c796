// Owns preallocated frames for the messages a proxy sends most often (postgres.js's habit): built
// once at module load, written as is, never re-encoded. They are shared: never mutate them.

import { BackendCode } from './message-codes.js';

function bare(code: number): Buffer {
  return Buffer.from([code, 0, 0, 0, 4]);
}

function ready(status: number): Buffer {
  return Buffer.from([BackendCode.ReadyForQuery, 0, 0, 0, 5, status]);
}

export const ParseCompleteFrame: Buffer = bare(BackendCode.ParseComplete);
export const BindCompleteFrame: Buffer = bare(BackendCode.BindComplete);
export const CloseCompleteFrame: Buffer = bare(BackendCode.CloseComplete);
export const NoDataFrame: Buffer = bare(BackendCode.NoData);
export const EmptyQueryResponseFrame: Buffer = bare(BackendCode.EmptyQueryResponse);
export const PortalSuspendedFrame: Buffer = bare(BackendCode.PortalSuspended);
export const CopyDoneFrame: Buffer = bare(BackendCode.CopyDone);
export const AuthenticationOkFrame: Buffer = Buffer.from([BackendCode.Authentication, 0, 0, 0, 8, 0, 0, 0, 0]);

const readyIdle = ready(0x49);
const readyInTransaction = ready(0x54);
const readyFailed = ready(0x45);

/** One of three preallocated ReadyForQuery frames. */
export function readyForQueryFrame(status: 'I' | 'T' | 'E'): Buffer {
  return status === 'I' ? readyIdle : status === 'T' ? readyInTransaction : readyFailed;
}

/** The one-byte answers to SSLRequest (and GSSENCRequest: 'N' refuses it the same way). */
export const SSLAcceptByte: Buffer = Buffer.from('S', 'latin1');
export const SSLRefuseByte: Buffer = Buffer.from('N', 'latin1');
