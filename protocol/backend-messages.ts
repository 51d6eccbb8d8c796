// Owns the typed shape of backend (server -> client) messages of protocol 3.0, each with a literal
// `kind` spelled as in the Postgres protocol docs.

/**
 * Fields of ErrorResponse / NoticeResponse keyed by readable names (see error-field-names.ts);
 * a field code without a known name is kept under its single letter.
 */
export type ErrorFields = {
  severity: string;
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  position?: string;
  [field: string]: string | undefined;
};

export type RowField = {
  name: string;
  tableOid: number;
  columnAttr: number;
  typeOid: number;
  typeSize: number;
  typeModifier: number;
  format: number;
};

export type BackendMessage =
  | { kind: 'AuthenticationOk' }
  | { kind: 'AuthenticationCleartextPassword' }
  | { kind: 'AuthenticationMD5Password'; salt: Buffer }
  | { kind: 'AuthenticationSASL'; mechanisms: string[] }
  | { kind: 'AuthenticationSASLContinue'; data: Buffer }
  | { kind: 'AuthenticationSASLFinal'; data: Buffer }
  | { kind: 'AuthenticationOther'; method: number }
  | { kind: 'ParameterStatus'; name: string; value: string }
  | { kind: 'BackendKeyData'; processId: number; secretKey: number }
  | { kind: 'ReadyForQuery'; status: 'I' | 'T' | 'E' }
  | { kind: 'RowDescription'; fields: RowField[] }
  | { kind: 'DataRow'; values: (Buffer | null)[] }
  | { kind: 'CommandComplete'; tag: string }
  | { kind: 'EmptyQueryResponse' }
  | { kind: 'ErrorResponse'; fields: ErrorFields }
  | { kind: 'NoticeResponse'; fields: ErrorFields }
  | { kind: 'NotificationResponse'; processId: number; channel: string; payload: string }
  | { kind: 'ParseComplete' }
  | { kind: 'BindComplete' }
  | { kind: 'CloseComplete' }
  | { kind: 'NoData' }
  | { kind: 'PortalSuspended' }
  | { kind: 'ParameterDescription'; typeOids: number[] }
  | { kind: 'CopyInResponse' | 'CopyOutResponse' | 'CopyBothResponse'; format: number; columnFormats: number[] }
  | { kind: 'CopyData'; data: Buffer }
  | { kind: 'CopyDone' }
  | { kind: 'NegotiateProtocolVersion'; newestMinor: number; unrecognized: string[] };

export type BackendMessageKind = BackendMessage['kind'];
