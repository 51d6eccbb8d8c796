// The catalog model of the mirror: the SQLite connector reads the mirror's tables (columns with the
// Postgres types the compiler normalised) and names keys as Postgres would by default; here the server's
// model puts back what the mirror cannot keep: constraint and index names as SQL Server has them, views
// (mirrored as tables), defaults as Postgres would show them, and CHECKs the DDL could not carry.
import type Database from 'better-sqlite3';
import { readModel, type ModelCheck, type ModelForeignKey, type ModelIndex, type ModelRelation } from '../../sqlite/catalog/catalog-model.js';
import { objectOid } from '../../sqlite/catalog/catalog-oids.js';
import { checkExpression, defaultDisplay, mirroredTables, stripParens } from './mirror-ddl.js';
import type { ServerModel, ServerTable } from './server-model.js';

export function mirrorModelReader(model: ServerModel): (db: Database.Database) => ModelRelation[] {
  return (db) => adjustModel(readModel(db), model);
}

export function adjustModel(relations: ModelRelation[], model: ServerModel): ModelRelation[] {
  const server = new Map(mirroredTables(model).map((t) => [t.name, t]));
  const present = new Set(relations.map((r) => r.name));
  // Index names are unique per table on SQL Server, per schema in Postgres: a repeated name hashes with its table.
  const taken = new Set(relations.map((r) => r.name));
  for (const r of relations) {
    const t = server.get(r.name);
    if (!t) continue;
    r.kind = t.kind;
    for (const c of r.columns) {
      const sc = t.columns.find((x) => x.name === c.name);
      // A view's columns have no constraints or defaults of their own in Postgres.
      if (t.kind === 'view') c.notNull = false;
      c.defaultExpr = sc && t.kind === 'table' ? defaultDisplay(t.name, sc) : null;
    }
    r.indexes = t.kind === 'table' ? indexesOf(t, taken) : [];
    r.foreignKeys = t.kind === 'table' ? t.foreignKeys.filter((fk) => fk.refSchema === 'public' && present.has(fk.refTable)).map((fk): ModelForeignKey => ({
      oid: objectOid('con', `${t.name}.${fk.name}`), name: fk.name, columns: [...fk.columns], refTable: fk.refTable, refColumns: [...fk.refColumns], onUpdate: fk.onUpdate, onDelete: fk.onDelete,
    })) : [];
    r.checks = t.kind === 'table' ? checksOf(t, r.checks) : [];
  }
  return relations;
}

function indexesOf(t: ServerTable, taken: Set<string>): ModelIndex[] {
  const out: ModelIndex[] = [];
  const add = (name: string, columns: readonly string[], unique: boolean, primary: boolean, constraint: 'p' | 'u' | null): void => {
    const key = taken.has(name) ? `${t.name}.${name}` : name;
    taken.add(name);
    out.push({ oid: objectOid('class', key), name, columns: [...columns], unique, primary, constraint });
  };
  if (t.primaryKey) add(t.primaryKey.name, t.primaryKey.columns, true, true, 'p');
  for (const u of t.uniqueConstraints) add(u.name, u.columns, true, false, 'u');
  for (const ix of t.indexes) add(ix.name, ix.columns, ix.unique, false, null);
  return out;
}

/** The compiler's printing of the CHECKs the DDL carried; the others as their T-SQL, so they are not hidden. */
function checksOf(t: ServerTable, compiled: readonly ModelCheck[]): ModelCheck[] {
  return t.checks.map((c) => {
    const mirrored = compiled.find((m) => m.name === c.name);
    if (mirrored) return mirrored;
    const expr = checkExpression(c.definition) ?? stripParens(c.definition);
    return { oid: objectOid('con', `${t.name}.${c.name}`), name: c.name, column: c.column, definition: `CHECK (${expr})` };
  });
}
