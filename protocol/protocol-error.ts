// Owns the error value returned (never thrown) by the framer and the decoders: bad bytes from a
// peer are an expected event, so they come back as data carrying the SQLSTATE to report.

export type ProtocolError = { kind: 'ProtocolError'; code: string; message: string };

export function protocolError(code: string, message: string): ProtocolError {
  return { kind: 'ProtocolError', code, message };
}

/** Narrows a decoder result; every decoded message has a `kind` other than 'ProtocolError'. */
export function isProtocolError(value: unknown): value is ProtocolError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ProtocolError';
}
