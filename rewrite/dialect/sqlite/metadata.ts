// The statements that keep `_pgfabric_columns` (each column's Postgres type, NOT NULL and default, as
// declared) and `_pgfabric_sequences` in step with the DDL the compiler runs.
import type { SqliteColumn } from './plan-types.js';
import { literal } from './sql-text.js';

export function insertColumns(table: string, columns: readonly SqliteColumn[], firstPosition = 1): string[] {
  if (columns.length === 0) return [];
  const rows = columns.map((c, i) => `(${literal(table)}, ${literal(c.name)}, ${firstPosition + i}, ${literal(c.pgType)}, ${c.notNull ? 1 : 0}, ${c.defaultExpr === null ? 'NULL' : literal(c.defaultExpr)})`);
  return [`INSERT INTO _pgfabric_columns (table_name, column_name, position, pg_type, not_null, default_expr) VALUES ${rows.join(', ')}`];
}

export type CheckConstraint = { readonly name: string; readonly column: string | null; readonly definition: string };

export function insertChecks(table: string, checks: readonly CheckConstraint[]): string[] {
  if (checks.length === 0) return [];
  const rows = checks.map((c) => `(${literal(table)}, ${literal(c.name)}, ${c.column === null ? 'NULL' : literal(c.column)}, ${literal(c.definition)})`);
  return [`INSERT INTO _pgfabric_checks (table_name, name, column_name, definition) VALUES ${rows.join(', ')}`];
}

export function deleteChecks(table: string): string {
  return `DELETE FROM _pgfabric_checks WHERE table_name = ${literal(table)}`;
}

/** A view's Postgres definition, as pg_get_viewdef prints it (one line, not pretty-printed). */
export function saveViewDefinition(name: string, definition: string): string {
  return `INSERT OR REPLACE INTO _pgfabric_views (name, definition) VALUES (${literal(name)}, ${literal(definition)})`;
}

export function deleteViewDefinition(name: string): string {
  return `DELETE FROM _pgfabric_views WHERE name = ${literal(name)}`;
}

export function deleteColumns(table: string, column?: string): string {
  return `DELETE FROM _pgfabric_columns WHERE table_name = ${literal(table)}${column === undefined ? '' : ` AND column_name = ${literal(column)}`}`;
}

export function setDefault(table: string, column: string, defaultExpr: string | null): string {
  return `UPDATE _pgfabric_columns SET default_expr = ${defaultExpr === null ? 'NULL' : literal(defaultExpr)} WHERE table_name = ${literal(table)} AND column_name = ${literal(column)}`;
}

export function renameTable(from: string, to: string): string[] {
  return [
    `UPDATE _pgfabric_columns SET table_name = ${literal(to)} WHERE table_name = ${literal(from)}`,
    `UPDATE _pgfabric_checks SET table_name = ${literal(to)} WHERE table_name = ${literal(from)}`,
  ];
}

export function renameColumn(table: string, from: string, to: string): string {
  return `UPDATE _pgfabric_columns SET column_name = ${literal(to)} WHERE table_name = ${literal(table)} AND column_name = ${literal(from)}`;
}

export function createSequence(name: string, start: number, increment: number): string {
  return `INSERT OR IGNORE INTO _pgfabric_sequences (name, value, increment, called) VALUES (${literal(name)}, ${start}, ${increment}, 0)`;
}

export function dropSequence(name: string): string {
  return `DELETE FROM _pgfabric_sequences WHERE name = ${literal(name)}`;
}
