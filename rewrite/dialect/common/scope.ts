// Name resolution for column references: the relations of each FROM clause (innermost query first, then
// the queries it is nested in, for correlated subqueries), each with its column names and types.
import { ambiguousColumn, CompileError, undefinedColumn } from './compile-error.js';
import type { PgType } from './pg-types.js';

export type ShapeColumn = { readonly name: string; readonly type: PgType; readonly notNull?: boolean };
export type RelationShape = { readonly columns: readonly ShapeColumn[] };

export type ScopeItem = {
  /** The name a query uses for it (alias or relation name). */
  readonly refname: string;
  /** The name the emitted SQL uses (the same, quoted, unless the compiler renamed it). */
  readonly sqlName: string;
  readonly columns: readonly ShapeColumn[];
  /** The SQLite column names when they differ from the Postgres ones (a table function's `value`, renamed subquery outputs). */
  readonly sqlColumns?: readonly string[];
  /** Columns that are expressions over the item's SQLite columns (a LATERAL unnest's subscripts). */
  readonly sqlExprs?: readonly (string | null)[];
  /** JOIN … USING / NATURAL: columns merged; an unqualified reference takes the left one. */
  readonly hidden?: ReadonlySet<string>;
  /** Set on the first relation of a USING join's right side: the USING columns and where its left side starts in the scope. */
  readonly using?: { readonly columns: readonly string[]; readonly leftStart: number };
  /** On the nullable side of an outer join: its columns may be NULL whatever their constraints say. */
  readonly nullable?: boolean;
  /** How the dialect quotes a column name (SQLite's "x" when absent; T-SQL gives [x]). */
  readonly quote?: (name: string) => string;
};

export type ResolvedColumn = { sql: string; type: PgType; name: string; notNull: boolean };

export class Scope {
  readonly items: ScopeItem[] = [];
  /** Output columns of the SELECT (ORDER BY and GROUP BY may name them). */
  outputs: { name: string; type: PgType; sql: string }[] = [];
  /** True while compiling an aggregate's arguments or a clause where aggregates are not allowed. */
  inAggregate = false;

  constructor(readonly parent: Scope | null) {}

  add(item: ScopeItem): void {
    this.items.push(item);
  }

  /** `[qualifier.]column` → its dialect reference and type, searching outward. */
  resolve(qualifier: string | null, column: string): ResolvedColumn {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const found = scope.find(qualifier, column);
      if (found) return found;
    }
    throw undefinedColumn(qualifier ? `${qualifier}.${column}` : `"${column}"`);
  }

  /** Every relation named `qualifier` (for `t.*`), searching outward. */
  item(qualifier: string): ScopeItem | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const hit = scope.items.find((i) => i.refname === qualifier);
      if (hit) return hit;
    }
    return undefined;
  }

  private find(qualifier: string | null, column: string): ResolvedColumn | null {
    let found: ResolvedColumn | null = null;
    for (const item of this.items) {
      if (qualifier !== null && item.refname !== qualifier) continue;
      if (qualifier === null && item.hidden?.has(column)) continue;
      const index = item.columns.findIndex((c) => c.name === column);
      if (index < 0) continue;
      if (found) throw ambiguousColumn(column);
      found = { sql: columnSql(item, index), type: item.columns[index]!.type, name: column, notNull: item.columns[index]!.notNull === true && !item.nullable };
    }
    if (qualifier !== null && !found && this.items.some((i) => i.refname === qualifier)) {
      throw new CompileError('42703', `column ${qualifier}.${column} does not exist`);
    }
    return found;
  }
}

export function columnSql(item: ScopeItem, index: number): string {
  const computed = item.sqlExprs?.[index];
  if (computed) return computed;
  return `${item.sqlName}.${(item.quote ?? doubleQuoted)(item.sqlColumns?.[index] ?? item.columns[index]!.name)}`;
}

function doubleQuoted(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}
