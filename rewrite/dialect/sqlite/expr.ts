// A compiled expression: its SQLite text, its Postgres type, and what Postgres would call the column it
// makes (FigureColname). Untyped literals and parameters stay open until their context gives them a type.
import type { PgType } from '../common/pg-types.js';

export type Expr = {
  readonly sql: string;
  readonly type: PgType;
  /** The output column name Postgres gives this expression (`?column?` when none). */
  readonly name: string;
  /** A string literal not yet typed ('…' in SQL): coerced by context, as Postgres resolves `unknown`. */
  readonly unknownText?: string;
  /** A `$n` parameter whose type is not known yet. */
  readonly param?: number;
  /** The SQL NULL literal. */
  readonly isNull?: boolean;
  /** An integer literal (for LIMIT, positions, typmods). */
  readonly intValue?: number;
};

export const NO_NAME = '?column?';

export function expr(sql: string, type: PgType, name: string = NO_NAME): Expr {
  return { sql, type, name };
}
