// State of one statement's compilation: the schema, the types inferred for $n parameters, the CTEs in scope.
import type { PgType } from '../common/pg-types.js';
import type { RelationShape } from '../common/scope.js';
import type { MssqlSchema, MssqlTable } from './plan-types.js';

export class TsqlContext {
  readonly params: (PgType | undefined)[] = [];
  /** How a typed parameter is written where it is used (a numeric one is sent as text and cast: see coercion.ts). */
  readonly paramText = new Map<number, string>();
  /** Innermost WITH first. */
  readonly ctes: Map<string, RelationShape>[] = [];
  /** WITH queries, hoisted to the statement (T-SQL allows WITH only at the top of a statement). */
  readonly cteDefinitions: string[] = [];
  /** FOR UPDATE / FOR SHARE of the query being compiled: table hints on its base tables. */
  lockHints: string | null = null;
  /** A recursive WITH query: the statement needs OPTION (MAXRECURSION 0) (SQL Server stops at 100 levels). */
  recursive = false;
  /** Inside an aggregate's arguments (Postgres refuses a nested aggregate: 42803). */
  inAggregate = false;
  /** Tables this statement creates (or drops: null), so the statements after it in the same query see them. */
  readonly schemaEdits: { key: string; table: MssqlTable | null }[] = [];
  private aliasCounter = 0;

  constructor(readonly schema: MssqlSchema) {}

  paramType(n: number): PgType | undefined {
    return this.params[n - 1];
  }

  setParamType(n: number, type: PgType): void {
    if (this.params[n - 1] === undefined) this.params[n - 1] = type;
  }

  freshAlias(prefix = 'pgf'): string {
    this.aliasCounter += 1;
    return `${prefix}_${this.aliasCounter}`;
  }

  cte(name: string): RelationShape | undefined {
    for (const level of this.ctes) {
      const hit = level.get(name);
      if (hit) return hit;
    }
    return undefined;
  }

  /** `WITH …` for the statement's hoisted CTEs ('' when none). */
  withPrefix(): string {
    return this.cteDefinitions.length ? `WITH ${this.cteDefinitions.join(', ')} ` : '';
  }

  /** A table by Postgres name (`public` when unqualified). */
  table(schema: string | null, name: string): MssqlTable | undefined {
    return this.schema.tables.get(`${schema ?? 'public'}.${name}`);
  }
}
