// Every connection gets two attached in-memory databases, pg_catalog and information_schema, holding the
// emulated catalog tables the compiler reads. The file-dependent rows are rebuilt before a statement that
// reads the catalog whenever the file's schema changed since the last build; the build's key is stored in
// the attached database itself, so a rolled-back build (inside a rolled-back transaction) is redone.
import type Database from 'better-sqlite3';
import { readModel, type ModelRelation } from './catalog-model.js';
import { catalogRows, type Row } from './catalog-rows.js';
import { columnNames, HIDDEN_COLUMNS, INFORMATION_SCHEMA_SPECS, PG_CATALOG_SPECS } from './catalog-specs.js';
import { PGF_SEQUENCES_DDL, sequenceClassRows, sequenceRows } from './catalog-sequences.js';
import { staticRows, VIEWS } from './catalog-static.js';

const DYNAMIC = ['pg_class', 'pg_attribute', 'pg_attrdef', 'pg_index', 'pg_constraint', 'pgf_sequences'];

export function attachCatalog(db: Database.Database): void {
  db.exec("ATTACH DATABASE ':memory:' AS pg_catalog; ATTACH DATABASE ':memory:' AS information_schema");
  db.exec(PGF_SEQUENCES_DDL);
  for (const [name, spec] of Object.entries(PG_CATALOG_SPECS)) {
    const view = VIEWS[name];
    if (view) db.exec(`CREATE VIEW pg_catalog.${name} (${columnNames(spec).join(', ')}) AS ${view}`);
    else db.exec(`CREATE TABLE pg_catalog.${name} (${spec}${HIDDEN_COLUMNS[name] ? ', ' + HIDDEN_COLUMNS[name] : ''})`);
  }
  for (const [name, spec] of Object.entries(INFORMATION_SCHEMA_SPECS)) db.exec(`CREATE TABLE information_schema.${name} (${spec})`);
  db.exec('CREATE TABLE pg_catalog.pgf_state (key TEXT)');
  insertRows(db, 'pg_catalog', staticRows());
}

/** How the catalog learns the database's relations: from the file's own schema, or (a mirror of another server's schema) adjusted by its owner. */
export type ModelReader = (db: Database.Database) => ModelRelation[];

/** Rebuilds the file-dependent catalog rows when `sql` reads the catalog and the schema changed since the last build. */
export function refreshCatalog(db: Database.Database, sql: readonly string[], read: ModelReader = readModel): void {
  if (!sql.some((s) => s.includes('"pg_catalog".') || s.includes('"information_schema".'))) return;
  const nested = db.inTransaction;
  db.exec(nested ? 'SAVEPOINT pgf_catalog' : 'BEGIN');
  try {
    const database = String(setting(db, 'pgfabric.database') ?? setting(db, 'database') ?? 'main');
    const user = String(setting(db, 'session_authorization') ?? 'postgres');
    const key = `${String(db.pragma('main.schema_version', { simple: true }))}|${metadataChecksum(db)}|${database}|${user}`;
    const stored = db.prepare('SELECT key FROM pg_catalog.pgf_state').pluck().get() as string | undefined;
    if (stored !== key) rebuild(db, key, database, user, read);
    db.exec(nested ? 'RELEASE pgf_catalog' : 'COMMIT');
  } catch (err) {
    db.exec(nested ? 'ROLLBACK TO pgf_catalog; RELEASE pgf_catalog' : 'ROLLBACK');
    throw err;
  }
}

function setting(db: Database.Database, name: string): unknown {
  return db.prepare('SELECT pgf_setting(?, 1)').pluck().get(name);
}

/** DDL that only edits _pgfabric_columns (ALTER COLUMN … SET DEFAULT) leaves schema_version alone. */
function metadataChecksum(db: Database.Database): string {
  const row = db.prepare("SELECT count(*) || ':' || total(length(pg_type) + not_null * 7 + length(coalesce(default_expr, '')) * 13 + position) FROM main._pgfabric_columns").pluck().get();
  // CREATE/DROP SEQUENCE, nextval and setval only write _pgfabric_sequences (pg_sequences and pg_class show them).
  let seqs: unknown = '';
  try {
    seqs = db.prepare("SELECT count(*) || ':' || total(length(name) * 7 + value + called * 3 + increment * 11) FROM main._pgfabric_sequences").pluck().get();
  } catch {
    seqs = '';
  }
  return `${String(row)}|${String(seqs)}`;
}

function rebuild(db: Database.Database, key: string, database: string, user: string, read: ModelReader): void {
  for (const name of DYNAMIC) db.exec(`DELETE FROM pg_catalog.${name}`);
  for (const name of Object.keys(INFORMATION_SCHEMA_SPECS)) db.exec(`DELETE FROM information_schema.${name}`);
  const model = read(db);
  const rows = catalogRows(model, database, user);
  const sequences = sequenceRows(db, model);
  rows['pg_class']!.push(...sequenceClassRows(sequences));
  const pg: Record<string, Row[]> = { pgf_sequences: sequences };
  const info: Record<string, Row[]> = {};
  for (const [name, list] of Object.entries(rows)) (name in PG_CATALOG_SPECS ? pg : info)[name] = list;
  insertRows(db, 'pg_catalog', pg);
  insertRows(db, 'information_schema', info);
  db.exec('DELETE FROM pg_catalog.pgf_state');
  db.prepare('INSERT INTO pg_catalog.pgf_state (key) VALUES (?)').run(key);
}

function insertRows(db: Database.Database, schema: string, tables: Record<string, Row[]>): void {
  for (const [table, rows] of Object.entries(tables)) {
    const statements = new Map<string, Database.Statement>();
    for (const row of rows) {
      const columns = Object.keys(row);
      const sig = columns.join(',');
      let stmt = statements.get(sig);
      if (!stmt) {
        stmt = db.prepare(`INSERT INTO ${schema}.${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`);
        statements.set(sig, stmt);
      }
      stmt.run(row);
    }
  }
}
