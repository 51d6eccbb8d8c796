// A compiled expression: its T-SQL text, its Postgres type, and whether the text is a T-SQL predicate
// (a search condition: `a > 1`) or a value. T-SQL has no boolean values: a bit is 1/0, and a predicate can
// only stand where a condition is expected, so each side converts at the boundary (asCondition/asValue).
import { T, type PgType } from '../common/pg-types.js';

export type TExpr = {
  readonly sql: string;
  readonly type: PgType;
  /** The output column name Postgres gives this expression (`?column?` when none). */
  readonly name: string;
  /** The text is a search condition, not a value. */
  readonly predicate?: boolean;
  /** Known never NULL (literals, NOT NULL columns of inner relations): lets `||` use CONCAT and ORDER BY skip the NULLS placement. */
  readonly notNull?: boolean;
  /** A string literal not yet typed: takes the type its context asks for, as Postgres resolves `unknown`. */
  readonly unknownText?: string;
  /** A `$n` parameter whose type is not known yet. */
  readonly param?: number;
  readonly isNull?: boolean;
  /** An interval literal's parts ([DATEADD unit, amount]): only date arithmetic can use one. */
  readonly interval?: readonly (readonly [string, number])[];
  /** An integer literal (LIMIT, positions). */
  readonly intValue?: number;
};

export const NO_NAME = '?column?';

export function texpr(sql: string, type: PgType, name: string = NO_NAME, extra: Partial<TExpr> = {}): TExpr {
  return { sql, type, name, ...extra };
}

export function predicate(sql: string, name: string = NO_NAME): TExpr {
  return { sql, type: T('bool'), name, predicate: true };
}

/** A boolean expression where T-SQL wants a condition: a bit value b becomes `b = 1`. */
export function asCondition(e: TExpr): string {
  if (e.predicate) return e.sql;
  if (e.isNull) return '1 = 0';
  return `${e.sql} = 1`;
}

/** An expression where T-SQL wants a value: a condition c becomes a bit, NULL when c is unknown (as Postgres's three-valued bool). */
export function asValue(e: TExpr): string {
  if (!e.predicate) return e.sql;
  if (e.sql === '1 = 1') return 'CAST(1 AS bit)';
  if (e.sql === '1 = 0') return 'CAST(0 AS bit)';
  return `CAST(CASE WHEN ${e.sql} THEN 1 WHEN NOT (${e.sql}) THEN 0 END AS bit)`;
}
