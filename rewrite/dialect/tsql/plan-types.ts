// The plans the T-SQL compiler produces. The connector (connectors/mssql/mssql-plan.ts) declares the same
// shapes for what it consumes; rewrite/ imports nothing internal, so src/backends/mssql-translator.ts, which
// passes one to the other, is where the type checker proves they agree. Comments: see the connector's copy.

export type PgTypeRef = { readonly oid: number; readonly typmod: number; readonly typlen: number; readonly name: string };

export type ResultColumn = { readonly name: string; readonly type: PgTypeRef | null };

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

export type TsqlParam = {
  readonly type: 'Bit' | 'TinyInt' | 'SmallInt' | 'Int' | 'BigInt' | 'Decimal' | 'Float' | 'Real' | 'NVarChar' | 'VarBinary' | 'Date' | 'Time' | 'DateTime2' | 'DateTimeOffset' | 'UniqueIdentifier';
  readonly length?: number;
  readonly scale?: number;
};

export type CopyFormat = { readonly format: 'text' | 'csv'; readonly delimiter: string; readonly null: string; readonly header: boolean; readonly quote: string; readonly escape: string };

export type RunPlan = {
  readonly kind: 'run';
  readonly tsql: string;
  readonly columns: readonly ResultColumn[] | null;
  readonly paramTypes: readonly PgTypeRef[];
  readonly params: readonly TsqlParam[];
  readonly tag: TagRule;
  readonly schemaChanged: boolean;
  readonly readOnly: boolean;
};

export type MssqlPlan =
  | RunPlan
  | { readonly kind: 'transaction'; readonly action: TransactionAction; readonly tag: string }
  | { readonly kind: 'set'; readonly name: string; readonly value: string | null; readonly local: boolean; readonly tag: string }
  | { readonly kind: 'show'; readonly name: string }
  | { readonly kind: 'catalog'; readonly sql: string }
  | { readonly kind: 'copy_in'; readonly insert: string; readonly columns: readonly ResultColumn[]; readonly paramTypes: readonly PgTypeRef[]; readonly params: readonly TsqlParam[]; readonly options: CopyFormat }
  | { readonly kind: 'copy_out'; readonly query: RunPlan; readonly options: CopyFormat }
  | { readonly kind: 'noop'; readonly tag: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly position?: number };

export type MssqlSchema = {
  readonly version: number;
  readonly tables: ReadonlyMap<string, MssqlTable>;
};

export type MssqlTable = {
  readonly schema: string;
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly MssqlColumn[];
  readonly uniqueKeys: readonly (readonly string[])[];
};

export type MssqlColumn = {
  readonly name: string;
  readonly pgType: string;
  readonly notNull: boolean;
  readonly identity: boolean;
  readonly hasDefault: boolean;
};

