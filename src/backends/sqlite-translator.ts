// The Postgres → SQLite compiler the SQLite connectors use (rewrite/dialect/sqlite). Assigning it to the
// connector's SqliteTranslator type here is what proves the compiler's plan shapes and the connector's agree.
import type { SqliteTranslator } from '../../connectors/sqlite/sqlite-plan.js';
import { translateToSqlite } from '../../rewrite/dialect/sqlite/index.js';

const compiled: SqliteTranslator = translateToSqlite;
let override: SqliteTranslator | null = null;

/** The translator for new SQLite connectors. */
export function sqliteTranslator(): SqliteTranslator {
  return override ?? compiled;
}

/** Tests: use this translator for SQLite connectors created from now on (null: back to the compiler). */
export function useSqliteTranslator(translator: SqliteTranslator | null): void {
  override = translator;
}
