// Owns the typed shape of frontend (client -> server) messages of protocol 3.0. Each message has
// a literal `kind`, spelled as in the Postgres protocol docs, so TypeScript narrows on it.

export type FrontendMessage =
  | { kind: 'Query'; sql: string }
  | { kind: 'Parse'; name: string; sql: string; paramTypes: number[] }
  | {
      kind: 'Bind';
      portal: string;
      statement: string;
      paramFormats: number[];
      params: (Buffer | null)[];
      resultFormats: number[];
    }
  | { kind: 'Describe'; target: 'S' | 'P'; name: string }
  | { kind: 'Execute'; portal: string; maxRows: number }
  | { kind: 'Close'; target: 'S' | 'P'; name: string }
  | { kind: 'Sync' }
  | { kind: 'Flush' }
  | { kind: 'Terminate' }
  | { kind: 'CopyData'; data: Buffer }
  | { kind: 'CopyDone' }
  | { kind: 'CopyFail'; message: string }
  /** 'p': PasswordMessage, SASLInitialResponse or SASLResponse; which one depends on the auth state. */
  | { kind: 'PasswordMessage'; data: Buffer }
  | { kind: 'FunctionCall'; payload: Buffer };

export type FrontendMessageKind = FrontendMessage['kind'];
