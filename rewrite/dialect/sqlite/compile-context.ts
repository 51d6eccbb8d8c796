// State of one statement's compilation: the schema, the types inferred for $n parameters, the CTEs in
// scope, and a counter for the aliases the compiler invents.
import type { SqliteSchema } from './plan-types.js';
import type { PgType } from '../common/pg-types.js';
import type { RelationShape } from '../common/scope.js';

export class CompileContext {
  readonly params: (PgType | undefined)[] = [];
  /** Innermost WITH first. */
  readonly ctes: Map<string, RelationShape>[] = [];
  private aliasCounter = 0;
  /** Set when the statement changes the schema (the connector reloads it afterwards). */
  schemaChanged = false;

  constructor(readonly schema: SqliteSchema) {}

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
}
