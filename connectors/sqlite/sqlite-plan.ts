// What the SQLite connector runs for one PostgreSQL statement: the dialect compiler (rewrite/dialect/sqlite)
// turns each statement into one of these plans; the connector executes it in the file's worker and
// answers the client with Postgres messages. The compiler has its own copy of these shapes (rewrite/
// imports nothing internal); src/backends/registry.ts wires the two together, so the type checker keeps
// them in step.

/** A Postgres type as the client sees it: OID, typmod (-1 when none) and typlen for RowDescription. */
export type PgTypeRef = { readonly oid: number; readonly typmod: number; readonly typlen: number; readonly name: string };

export type ResultColumn = { readonly name: string; readonly type: PgTypeRef };

/** The command tag of a completed statement: `INSERT 0 n`, `UPDATE n`, `SELECT n`, or a fixed tag. */
export type TagRule =
  | { readonly kind: 'rows'; readonly command: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' | 'COPY' | 'FETCH' | 'MOVE' }
  | { readonly kind: 'fixed'; readonly tag: string };

export type TransactionAction =
  | { readonly kind: 'begin'; readonly readOnly: boolean }
  | { readonly kind: 'commit' }
  | { readonly kind: 'rollback' }
  | { readonly kind: 'savepoint'; readonly name: string }
  | { readonly kind: 'release'; readonly name: string }
  | { readonly kind: 'rollback_to'; readonly name: string };

export type CopyFormat = { readonly format: 'text' | 'csv'; readonly delimiter: string; readonly null: string; readonly header: boolean; readonly quote: string; readonly escape: string };

export type SqlitePlan =
  /**
   * SQLite statements run in order in one implicit savepoint (all or nothing); `?NNN` placeholders are the
   * client's $NNN. Only the last statement may return rows; `columns` describes them (null: no rows, so no
   * RowDescription). `paramTypes[i]` is the inferred type of $i+1 (ParameterDescription, and how a text or
   * binary Bind value is converted before binding). `schemaChanged`: DDL, reload the schema afterwards.
   */
  | { readonly kind: 'run'; readonly sqlite: readonly string[]; readonly columns: readonly ResultColumn[] | null; readonly paramTypes: readonly PgTypeRef[]; readonly tag: TagRule; readonly schemaChanged: boolean; readonly readOnly: boolean }
  | { readonly kind: 'transaction'; readonly action: TransactionAction; readonly tag: string }
  /** SET name = value / RESET name (value null) / SET LOCAL; the session keeps settings itself. */
  | { readonly kind: 'set'; readonly name: string; readonly value: string | null; readonly local: boolean; readonly tag: string }
  | { readonly kind: 'show'; readonly name: string }
  /** COPY table FROM STDIN: rows are parsed by the session and inserted with `insert` (one `?n` per column, in `columns` order). */
  | { readonly kind: 'copy_in'; readonly insert: string; readonly columns: readonly ResultColumn[]; readonly options: CopyFormat }
  /** COPY (query or table) TO STDOUT: `query` is a 'run' plan returning the rows. */
  | { readonly kind: 'copy_out'; readonly query: SqlitePlan & { kind: 'run' }; readonly options: CopyFormat }
  /** A statement accepted and answered without touching the file (DISCARD, LISTEN, …). */
  | { readonly kind: 'noop'; readonly tag: string }
  | { readonly kind: 'empty' }
  /** Answered with this error, the way Postgres would (0A000 for what SQLite cannot express, 42P01, 42703, …). */
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly position?: number };

/** The schema the compiler resolves names and infers types against; loaded by the connector from the file. */
export type SqliteSchema = {
  /** Bumped on every reload: part of the compiler's cache key. */
  readonly version: number;
  readonly tables: ReadonlyMap<string, SqliteTable>;
};

export type SqliteTable = {
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly SqliteColumn[];
};

export type SqliteColumn = {
  readonly name: string;
  /** The Postgres type as declared, normalised by the compiler (`integer`, `numeric(12,2)`, `timestamp with time zone`, `text[]`). */
  readonly pgType: string;
  readonly notNull: boolean;
  /** The Postgres default expression text as declared (`nextval('t_id_seq')`, `now()`), or null. */
  readonly defaultExpr: string | null;
};

/** Statement text (already checked by the tenant rules) → plans, one per statement. Pure; cached by the caller. */
export type SqliteTranslator = (sql: string, schema: SqliteSchema) => readonly SqlitePlan[];
