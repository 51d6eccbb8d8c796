// What the SQL Server connector runs for one PostgreSQL statement: the T-SQL compiler (rewrite/dialect/tsql)
// turns each statement into one of these plans; the connector executes it through the mssql package and
// answers the client with Postgres messages. The compiler keeps its own copy of these shapes (rewrite/
// imports nothing internal); src/backends/mssql-translator.ts assigns one to the other, so the type checker
// keeps them in step.

/** A Postgres type as the client sees it: OID, typmod (-1 when none) and typlen for RowDescription. */
export type PgTypeRef = { readonly oid: number; readonly typmod: number; readonly typlen: number; readonly name: string };

/** A result column: `type` is the Postgres type the compiler inferred, or null when the server's column metadata decides (mssql-types.ts). */
export type ResultColumn = { readonly name: string; readonly type: PgTypeRef | null };

/** The command tag of a completed statement: `INSERT 0 n`, `UPDATE n`, `SELECT n`, or a fixed tag. */
export type TagRule =
  | { readonly kind: 'rows'; readonly command: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' | 'COPY' | 'FETCH' | 'MOVE' }
  | { readonly kind: 'fixed'; readonly tag: string };

export type TransactionAction =
  | { readonly kind: 'begin'; readonly readOnly: boolean; readonly isolation: 'read committed' | 'repeatable read' | 'serializable' | null }
  | { readonly kind: 'commit' }
  | { readonly kind: 'rollback' }
  | { readonly kind: 'savepoint'; readonly name: string }
  | { readonly kind: 'release'; readonly name: string }
  | { readonly kind: 'rollback_to'; readonly name: string };

/**
 * How a `@pN` parameter is declared to SQL Server (the mssql package's type and its length/precision):
 * `NVarChar` with length -1 is nvarchar(max).
 */
export type TsqlParam = {
  readonly type: 'Bit' | 'TinyInt' | 'SmallInt' | 'Int' | 'BigInt' | 'Decimal' | 'Float' | 'Real' | 'NVarChar' | 'VarBinary' | 'Date' | 'Time' | 'DateTime2' | 'DateTimeOffset' | 'UniqueIdentifier';
  /** NVarChar/VarBinary length (-1: max); Decimal precision; Time/DateTime2/DateTimeOffset scale. */
  readonly length?: number;
  /** Decimal scale. */
  readonly scale?: number;
};

export type CopyFormat = { readonly format: 'text' | 'csv'; readonly delimiter: string; readonly null: string; readonly header: boolean; readonly quote: string; readonly escape: string };

export type RunPlan = {
  readonly kind: 'run';
  /** One T-SQL batch; the client's $N is `@pN`. It returns at most one result set (the last statement's). */
  readonly tsql: string;
  /** RowDescription (null: the statement returns no rows). */
  readonly columns: readonly ResultColumn[] | null;
  /** The Postgres type of $i+1 (ParameterDescription, and how a text or binary Bind value is read). */
  readonly paramTypes: readonly PgTypeRef[];
  /** How @p(i+1) is declared to SQL Server. */
  readonly params: readonly TsqlParam[];
  readonly tag: TagRule;
  /** DDL: the connector reloads the schema afterwards. */
  readonly schemaChanged: boolean;
  readonly readOnly: boolean;
};

export type MssqlPlan =
  | RunPlan
  /** BEGIN/COMMIT/ROLLBACK/SAVEPOINT…: carried out with the mssql package's Transaction and SAVE/ROLLBACK TRANSACTION. */
  | { readonly kind: 'transaction'; readonly action: TransactionAction; readonly tag: string }
  /** SET name = value / RESET name (value null) / SET LOCAL; the session keeps settings itself. */
  | { readonly kind: 'set'; readonly name: string; readonly value: string | null; readonly local: boolean; readonly tag: string }
  | { readonly kind: 'show'; readonly name: string }
  /**
   * A query over pg_catalog / information_schema only (psql's \d, ORM introspection): answered by the
   * connector's catalog emulation, built from the server's INFORMATION_SCHEMA and sys.* views. `sql` is the
   * Postgres statement as the client sent it (after the tenant rules).
   */
  | { readonly kind: 'catalog'; readonly sql: string }
  /** COPY table FROM STDIN: the session parses rows and runs `insert` (one @pN per column, in `columns` order) per row. */
  | { readonly kind: 'copy_in'; readonly insert: string; readonly columns: readonly ResultColumn[]; readonly paramTypes: readonly PgTypeRef[]; readonly params: readonly TsqlParam[]; readonly options: CopyFormat }
  /** COPY (query or table) TO STDOUT: `query` returns the rows. */
  | { readonly kind: 'copy_out'; readonly query: RunPlan; readonly options: CopyFormat }
  /** A statement accepted and answered without touching the server (DISCARD, LISTEN, …). */
  | { readonly kind: 'noop'; readonly tag: string }
  | { readonly kind: 'empty' }
  /** Answered with this error, the way Postgres would (0A000 for what T-SQL cannot express, 42P01, 42703, …). */
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly position?: number };

/** The server's relations as the compiler sees them, in Postgres terms; loaded by the connector (mssql-schema-reader.ts). */
export type MssqlSchema = {
  /** Bumped on every reload: part of the compiler's cache key. */
  readonly version: number;
  /** Keyed by `schema.name` in Postgres terms: SQL Server's dbo is Postgres's public. */
  readonly tables: ReadonlyMap<string, MssqlTable>;
};

export type MssqlTable = {
  /** Postgres schema name (`public` for dbo). */
  readonly schema: string;
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly MssqlColumn[];
  /** Column names of the primary key, then of each unique constraint/index (ON CONFLICT targets). */
  readonly uniqueKeys: readonly (readonly string[])[];
};

export type MssqlColumn = {
  readonly name: string;
  /** The Postgres type as format_type() prints it (`integer`, `numeric(12,2)`, `text`, `timestamp with time zone`). */
  readonly pgType: string;
  readonly notNull: boolean;
  /** An IDENTITY column (Postgres serial/identity): INSERT leaves it out unless given. */
  readonly identity: boolean;
  readonly hasDefault: boolean;
};

/** The compiler as the connector calls it (injected by src/backends; connectors cannot import rewrite/). */
export type MssqlTranslator = (sql: string, schema: MssqlSchema) => MssqlPlan[];
