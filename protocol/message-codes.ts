// Owns the one-byte type codes of PostgreSQL v3 messages, per direction. The same letter means
// different messages in each direction ('D' is Describe from the client, DataRow from the server),
// so the two tables are kept apart and a frame is only meaningful together with its direction.

export const FrontendCode = {
  Query: 0x51, // 'Q'
  Parse: 0x50, // 'P'
  Bind: 0x42, // 'B'
  Describe: 0x44, // 'D'
  Execute: 0x45, // 'E'
  Sync: 0x53, // 'S'
  Flush: 0x48, // 'H'
  Close: 0x43, // 'C'
  Terminate: 0x58, // 'X'
  CopyData: 0x64, // 'd'
  CopyDone: 0x63, // 'c'
  CopyFail: 0x66, // 'f'
  Password: 0x70, // 'p': PasswordMessage, SASLInitialResponse, SASLResponse, GSSResponse
  FunctionCall: 0x46, // 'F'
} as const;
export type FrontendCodeValue = (typeof FrontendCode)[keyof typeof FrontendCode];

export const BackendCode = {
  Authentication: 0x52, // 'R'
  ParameterStatus: 0x53, // 'S'
  BackendKeyData: 0x4b, // 'K'
  ReadyForQuery: 0x5a, // 'Z'
  RowDescription: 0x54, // 'T'
  DataRow: 0x44, // 'D'
  CommandComplete: 0x43, // 'C'
  EmptyQueryResponse: 0x49, // 'I'
  ErrorResponse: 0x45, // 'E'
  NoticeResponse: 0x4e, // 'N'
  NotificationResponse: 0x41, // 'A'
  ParseComplete: 0x31, // '1'
  BindComplete: 0x32, // '2'
  CloseComplete: 0x33, // '3'
  NoData: 0x6e, // 'n'
  ParameterDescription: 0x74, // 't'
  PortalSuspended: 0x73, // 's'
  CopyInResponse: 0x47, // 'G'
  CopyOutResponse: 0x48, // 'H'
  CopyBothResponse: 0x57, // 'W'
  CopyData: 0x64, // 'd'
  CopyDone: 0x63, // 'c'
  NegotiateProtocolVersion: 0x76, // 'v'
  FunctionCallResponse: 0x56, // 'V'
} as const;
export type BackendCodeValue = (typeof BackendCode)[keyof typeof BackendCode];

/** Sub-codes of the 'R' Authentication message (the int32 that follows the length). */
export const AuthCode = {
  Ok: 0,
  KerberosV5: 2,
  CleartextPassword: 3,
  MD5Password: 5,
  GSS: 7,
  GSSContinue: 8,
  SSPI: 9,
  SASL: 10,
  SASLContinue: 11,
  SASLFinal: 12,
} as const;

/** Request codes of the packets sent before the first typed message (no type byte). */
export const StartupCode = {
  ProtocolVersion3: 196608, // 3 << 16 | 0
  CancelRequest: 80877102, // 1234 << 16 | 5678
  SSLRequest: 80877103, // 1234 << 16 | 5679
  GSSENCRequest: 80877104, // 1234 << 16 | 5680
} as const;
