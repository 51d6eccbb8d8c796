// What the catalog shows of a SQLite file, read from its own schema: relations and their columns (Postgres
// types from _pgfabric_columns), indexes, and the constraints Postgres would have made (primary key, unique,
// foreign keys), named as Postgres names them by default.
import type Database from 'better-sqlite3';
import { readSchema } from '../sqlite-schema-reader.js';
import { objectOid } from './catalog-oids.js';

export type ModelColumn = { name: string; attnum: number; pgType: string; notNull: boolean; defaultExpr: string | null };
export type ModelIndex = { oid: number; name: string; columns: string[]; unique: boolean; primary: boolean; constraint: 'p' | 'u' | null };
export type ModelForeignKey = { oid: number; name: string; columns: string[]; refTable: string; refColumns: string[]; onUpdate: string; onDelete: string };
export type ModelCheck = { oid: number; name: string; column: string | null; definition: string };
export type ModelRelation = {
  oid: number;
  name: string;
  kind: 'table' | 'view';
  columns: ModelColumn[];
  indexes: ModelIndex[];
  foreignKeys: ModelForeignKey[];
  checks: ModelCheck[];
  /** Views: the Postgres definition the compiler kept (null for views made before it did). */
  viewDefinition: string | null;
};

type InfoRow = { name: string; pk: number };
type IndexListRow = { name: string; unique: number; origin: string; partial: number };
type IndexInfoRow = { name: string | null };
type FkRow = { id: number; seq: number; table: string; from: string; to: string | null; on_update: string; on_delete: string };

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export function readModel(db: Database.Database): ModelRelation[] {
  const relations = readSchema(db).map((r) => ({
    oid: objectOid('class', r.name),
    name: r.name,
    kind: r.kind,
    columns: r.columns.map((c, i) => ({ name: c.name, attnum: i + 1, pgType: c.pgType, notNull: c.notNull, defaultExpr: c.defaultExpr })),
    indexes: [] as ModelIndex[],
    foreignKeys: [] as ModelForeignKey[],
    checks: [] as ModelCheck[],
    viewDefinition: null as string | null,
  }));
  const byName = new Map(relations.map((r) => [r.name, r]));
  for (const r of relations) {
    if (r.kind !== 'table') continue;
    const info = db.prepare(`PRAGMA table_info(${q(r.name)})`).all() as InfoRow[];
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const autoincrement = /\bAUTOINCREMENT\b/i.test(tableSql(db, r.name));
    for (const c of r.columns) {
      if (pk.includes(c.name)) c.notNull = true;
      // A serial primary key is an INTEGER PRIMARY KEY AUTOINCREMENT: show the default Postgres gives it.
      if (autoincrement && pk.length === 1 && pk[0] === c.name && c.defaultExpr === null) c.defaultExpr = `nextval('${r.name}_${c.name}_seq'::regclass)`;
    }
    const list = db.prepare(`PRAGMA index_list(${q(r.name)})`).all() as IndexListRow[];
    let hasPkIndex = false;
    for (const ix of list) {
      const columns = (db.prepare(`PRAGMA index_info(${q(ix.name)})`).all() as IndexInfoRow[]).map((c) => c.name ?? '?');
      const primary = ix.origin === 'pk';
      hasPkIndex ||= primary;
      const name = primary ? `${r.name}_pkey` : ix.origin === 'u' ? `${r.name}_${columns.join('_')}_key` : ix.name;
      r.indexes.push({ oid: objectOid('class', name), name, columns, unique: ix.unique !== 0, primary, constraint: primary ? 'p' : ix.origin === 'u' ? 'u' : null });
    }
    // An INTEGER PRIMARY KEY is the rowid: SQLite lists no index for it, Postgres has one.
    if (pk.length > 0 && !hasPkIndex) {
      const name = `${r.name}_pkey`;
      r.indexes.push({ oid: objectOid('class', name), name, columns: pk, unique: true, primary: true, constraint: 'p' });
    }
  }
  for (const r of relations) {
    if (r.kind !== 'table') continue;
    const rows = db.prepare(`PRAGMA foreign_key_list(${q(r.name)})`).all() as FkRow[];
    const groups = new Map<number, FkRow[]>();
    for (const row of rows) groups.set(row.id, [...(groups.get(row.id) ?? []), row]);
    for (const group of [...groups.values()].reverse()) {
      group.sort((a, b) => a.seq - b.seq);
      const first = group[0]!;
      const columns = group.map((g) => g.from);
      const refPk = byName.get(first.table)?.indexes.find((i) => i.primary)?.columns ?? [];
      const refColumns = group.map((g, i) => g.to ?? refPk[i] ?? '?');
      const name = `${r.name}_${columns.join('_')}_fkey`;
      r.foreignKeys.push({ oid: objectOid('con', r.name + '.' + name), name, columns, refTable: first.table, refColumns, onUpdate: first.on_update, onDelete: first.on_delete });
    }
  }
  for (const v of readViewDefinitions(db)) {
    const r = byName.get(v.name);
    if (r) r.viewDefinition = v.definition;
  }
  for (const c of readChecks(db)) {
    byName.get(c.table_name)?.checks.push({ oid: objectOid('con', `${c.table_name}.${c.name}`), name: c.name, column: c.column_name, definition: c.definition });
  }
  return relations;
}

function readViewDefinitions(db: Database.Database): { name: string; definition: string }[] {
  try {
    return db.prepare('SELECT name, definition FROM _pgfabric_views').all() as { name: string; definition: string }[];
  } catch {
    return [];
  }
}

type CheckRow = { table_name: string; name: string; column_name: string | null; definition: string };

/** CHECK constraints as the compiler named and printed them (a file from before _pgfabric_checks has none). */
function readChecks(db: Database.Database): CheckRow[] {
  try {
    return db.prepare('SELECT table_name, name, column_name, definition FROM _pgfabric_checks ORDER BY table_name, name').all() as CheckRow[];
  } catch {
    return [];
  }
}

function tableSql(db: Database.Database, name: string): string {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) as { sql: string | null } | undefined;
  return row?.sql ?? '';
}

/** The index that backs a foreign key's referenced columns (Postgres's conindid). */
export function referencedIndex(relations: readonly ModelRelation[], fk: ModelForeignKey): ModelIndex | undefined {
  const target = relations.find((r) => r.name === fk.refTable);
  return target?.indexes.find((i) => i.unique && i.columns.join(',') === fk.refColumns.join(','));
}
