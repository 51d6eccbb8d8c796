// The Postgres → SQLite compiler the SQLite connectors use: rewrite/dialect/sqlite's translateToSqlite,
// loaded once at start. Imported by a variable specifier while that module is being written, so a build
// without it still runs (every statement then fails with 0A000); tests may install their own translator.
import type { SqlitePlan, SqliteTranslator } from '../../connectors/sqlite/sqlite-plan.js';

const UNAVAILABLE: SqliteTranslator = (): readonly SqlitePlan[] => [
  { kind: 'error', code: '0A000', message: 'the SQLite dialect compiler is not available in this build' },
];

async function loadCompiler(): Promise<SqliteTranslator> {
  const specifier = '../../rewrite/dialect/sqlite/index.js';
  try {
    const mod = (await import(specifier)) as { translateToSqlite?: SqliteTranslator };
    if (typeof mod.translateToSqlite === 'function') return mod.translateToSqlite;
  } catch {
    // not built yet
  }
  return UNAVAILABLE;
}

const compiled = await loadCompiler();
let override: SqliteTranslator | null = null;

/** The translator for new SQLite connectors. */
export function sqliteTranslator(): SqliteTranslator {
  return override ?? compiled;
}

/** Tests: use this translator for SQLite connectors created from now on (null: back to the compiler). */
export function useSqliteTranslator(translator: SqliteTranslator | null): void {
  override = translator;
}
