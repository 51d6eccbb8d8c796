// What a SQL Server database holds, in the terms the catalog needs: relations with their columns (SQL
// Server types, as sys.columns describes them), keys, foreign keys, indexes and checks. Built by
// mssql-schema-reader.ts from sys.* rows; the compiler's MssqlSchema and the SQLite mirror come from it.

export type ReferentialAction = 'NO ACTION' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export type ServerColumn = {
  readonly name: string;
  /** The system type name (`nvarchar`, `decimal`, `datetimeoffset`; alias types resolved to their base type). */
  readonly typeName: string;
  /** Characters for character types, bytes for binary ones; -1 for (max); null where it means nothing. */
  readonly maxLength: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  readonly nullable: boolean;
  /** The default constraint's definition as SQL Server keeps it (`((0))`, `(getdate())`, `(N'x')`), or null. */
  readonly defaultDefinition: string | null;
  readonly identity: boolean;
  /** A computed column: the server fills it, so INSERT leaves it out. */
  readonly computed: boolean;
};

export type ServerKey = { readonly name: string; readonly columns: readonly string[] };

export type ServerForeignKey = {
  readonly name: string;
  readonly columns: readonly string[];
  /** Postgres schema name of the referenced table (dbo → public). */
  readonly refSchema: string;
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onUpdate: ReferentialAction;
  readonly onDelete: ReferentialAction;
};

/** An index that backs no PRIMARY KEY or UNIQUE constraint (those are the table's keys). */
export type ServerIndex = { readonly name: string; readonly columns: readonly string[]; readonly unique: boolean };

export type ServerCheck = { readonly name: string; /** T-SQL, as SQL Server keeps it: `([qty]>(0))`. */ readonly definition: string; readonly column: string | null };

export type ServerTable = {
  /** Postgres schema name: SQL Server's dbo is public; other schemas keep their names. */
  readonly schema: string;
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly ServerColumn[];
  readonly primaryKey: ServerKey | null;
  readonly uniqueConstraints: readonly ServerKey[];
  readonly foreignKeys: readonly ServerForeignKey[];
  readonly indexes: readonly ServerIndex[];
  readonly checks: readonly ServerCheck[];
};

export type ServerModel = { readonly tables: readonly ServerTable[] };

/** SQL Server schema → Postgres schema. */
export function pgSchemaName(serverSchema: string): string {
  return serverSchema.toLowerCase() === 'dbo' ? 'public' : serverSchema;
}
