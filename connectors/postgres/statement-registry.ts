// Protocol-level prepared statements shared by every client of one backend (PgBouncer >= 1.21 style).
// A client's "S1" maps to a server-wide name derived from (SQL text, parameter types), so clients that
// prepare the same statement share it, and any pooled server connection can be given it on demand.
import { encodeFrontend } from '../../protocol/frontend-encoder.js';

const MAX_SHARED_STATEMENTS = 50_000;

export type SharedStatement = {
  /** The name used on server connections. */
  readonly serverName: string;
  /** A ready Parse message for that name, sent when a server connection does not have it yet. */
  readonly parseFrame: Buffer;
  /** Set once the server accepted this Parse on some connection: a client's later Parse of it can be answered without one. */
  verified: boolean;
};

export class StatementRegistry {
  private readonly byKey = new Map<string, SharedStatement>();
  private counter = 0;

  constructor(private readonly prefix = 'pgf_') {}

  intern(sql: string, paramTypes: readonly number[]): SharedStatement {
    const key = paramTypes.length === 0 ? sql : sql + '\u0000' + paramTypes.join(',');
    let statement = this.byKey.get(key);
    if (statement === undefined) {
      // Bounded: forgetting an old entry only means the same SQL gets a new name if prepared again.
      if (this.byKey.size >= MAX_SHARED_STATEMENTS) this.byKey.delete(this.byKey.keys().next().value as string);
      const serverName = this.prefix + (this.counter++).toString(36);
      const parseFrame = encodeFrontend({ kind: 'Parse', name: serverName, sql, paramTypes: [...paramTypes] });
      statement = { serverName, parseFrame, verified: false };
      this.byKey.set(key, statement);
    }
    return statement;
  }

  get size(): number {
    return this.byKey.size;
  }
}
