// What every dialect compiler tracks while it compiles one statement: the types inferred for the $n
// parameters, the WITH queries in scope, and a counter for the aliases it invents.
import type { PgType } from './pg-types.js';
import type { RelationShape } from './scope.js';

export class CompileState {
  readonly params: (PgType | undefined)[] = [];
  /** Innermost WITH first. */
  readonly ctes: Map<string, RelationShape>[] = [];
  private aliasCounter = 0;

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
