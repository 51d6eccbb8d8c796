// Messages between the main thread (SqliteWorkerHost) and a file's worker thread (sqlite-worker.ts).
import type { PgErrorFields } from './sqlite-errors.js';
import type { StorageValue } from './sqlite-types.js';

export type WorkerInit = {
  readonly file: string;
  /** One Int32 per session slot: 0 = run, 1 = cancel (user request), 2 = cancel (statement timeout). */
  readonly cancelFlags: SharedArrayBuffer;
  /** [0]: id of the request the worker is running (0: idle); lets the host tell a hang from a queue. */
  readonly running: SharedArrayBuffer;
};

/** How the statements of one exec are made atomic. */
export type ExecWrap = 'none' | 'savepoint' | 'transaction';

export type ResultShape = { readonly oids: readonly number[]; readonly binary: readonly boolean[] };

export type WorkerRequest =
  | { readonly op: 'init'; readonly id: number }
  | {
      readonly op: 'exec';
      readonly id: number;
      readonly session: number;
      readonly slot: number;
      readonly sql: readonly string[];
      readonly params: readonly StorageValue[];
      readonly result: ResultShape | null;
      readonly wrap: ExecWrap;
      /** BEGIN the session deferred to its first statement (one thread hop fewer per transaction), run first. */
      readonly begin: string | null;
      /** Session settings changed since the last request (pgf_setting reads them). */
      readonly settings: Readonly<Record<string, string>> | null;
    }
  /** Transaction control on the session's connection (BEGIN IMMEDIATE, COMMIT, SAVEPOINT "a", …). */
  | { readonly op: 'control'; readonly id: number; readonly session: number; readonly slot: number; readonly sql: string }
  /** One statement run once per row (COPY FROM STDIN), all or nothing. */
  | { readonly op: 'batch'; readonly id: number; readonly session: number; readonly slot: number; readonly sql: string; readonly rows: readonly (readonly StorageValue[])[] }
  | { readonly op: 'schema'; readonly id: number }
  | { readonly op: 'close'; readonly id: number; readonly session: number };

export type ExecResult = { readonly rows: Buffer | null; readonly rowEnds: readonly number[]; readonly rowCount: number; readonly changes: number };

export type SchemaRows = readonly { name: string; kind: 'table' | 'view'; columns: { name: string; pgType: string; notNull: boolean; defaultExpr: string | null }[] }[];

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly exec?: ExecResult; readonly schema?: SchemaRows; readonly inTransaction?: boolean }
  /** inTransaction (exec requests): whether the session's connection is in a transaction afterwards. */
  | { readonly id: number; readonly ok: false; readonly error: PgErrorFields; readonly inTransaction?: boolean };
