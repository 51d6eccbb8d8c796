// State of one statement's T-SQL compilation: the shared state (common/compile-state.ts), the schema, and what
// the T-SQL needs besides: hoisted WITH queries, lock hints, the parameters' text, schema edits.
import { CompileState } from '../common/compile-state.js';
import type { MssqlSchema, MssqlTable } from './plan-types.js';

export class TsqlContext extends CompileState {
  /** How a typed parameter is written where it is used (a numeric one is sent as text and cast: see coercion.ts). */
  readonly paramText = new Map<number, string>();
  /** WITH queries, hoisted to the statement (T-SQL allows WITH only at the top of a statement). */
  readonly cteDefinitions: string[] = [];
  /** FOR UPDATE / FOR SHARE of the query being compiled: table hints on its base tables. */
  lockHints: string | null = null;
  /** A recursive WITH query: the statement needs OPTION (MAXRECURSION 0) (SQL Server stops at 100 levels). */
  recursive = false;
  /** The UNION ALL of the recursive WITH query being compiled: its members are cast to exactly the same T-SQL types. */
  exactMembers: unknown = null;
  /** Inside an aggregate's arguments (Postgres refuses a nested aggregate: 42803). */
  inAggregate = false;
  /** Tables this statement creates (or drops: null), so the statements after it in the same query see them. */
  readonly schemaEdits: { key: string; table: MssqlTable | null }[] = [];

  constructor(readonly schema: MssqlSchema) {
    super();
  }

  /** `WITH …` for the statement's hoisted CTEs ('' when none). */
  withPrefix(): string {
    return this.cteDefinitions.length ? `WITH ${this.cteDefinitions.join(', ')} ` : '';
  }

  /** The WITH prefix, for a statement that places it itself (inside a TRY block): runPlan then adds none. */
  takeWithPrefix(): string {
    const prefix = this.withPrefix();
    this.cteDefinitions.length = 0;
    return prefix;
  }

  /** A table by Postgres name (`public` when unqualified). */
  table(schema: string | null, name: string): MssqlTable | undefined {
    return this.schema.tables.get(`${schema ?? 'public'}.${name}`);
  }
}
