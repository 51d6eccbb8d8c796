// The catalog of a SQL Server tenant (psql's \d, ORM introspection): an in-memory SQLite MIRROR of the
// server's schema, answering `catalog` plans on the main thread (catalog queries are small).
import type { SqliteTranslator } from '../../sqlite/sqlite-plan.js';
import type { ServerModel } from './server-model.js';

/** A result column as RowDescription needs it. */
export type CatalogColumn = { name: string; oid: number; typmod: number; typlen: number };
/** Rows in Postgres text form (NULL as null) and the command tag (`SELECT n`). */
export type CatalogResult = { columns: CatalogColumn[]; rows: (string | null)[][]; tag: string };
/** What Describe answers: the result columns and the parameter type OIDs. */
export type CatalogDescription = { columns: CatalogColumn[]; paramTypes: number[] };
export type CatalogFailure = { error: { code: string; message: string } };

export class MssqlCatalog {
  constructor(private readonly translator: SqliteTranslator) {}

  /** (Re)builds the mirror from the server's model. */
  load(model: ServerModel): void {
    void model;
    void this.translator;
  }

  describe(sql: string): CatalogDescription | CatalogFailure {
    void sql;
    return { error: { code: '0A000', message: 'the SQL Server catalog is not built yet' } };
  }

  /** `params`: the $N values in Postgres text form. `settings`: the session's settings by lower-case name (user, database, search_path). */
  run(sql: string, params: readonly (string | null)[], settings?: ReadonlyMap<string, string>): CatalogResult | CatalogFailure {
    void sql;
    void params;
    void settings;
    return { error: { code: '0A000', message: 'the SQL Server catalog is not built yet' } };
  }

  close(): void {}
}
