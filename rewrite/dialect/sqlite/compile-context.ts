// State of one statement's SQLite compilation: the shared state (common/compile-state.ts) and the schema.
import type { SqliteSchema } from './plan-types.js';
import { CompileState } from '../common/compile-state.js';

export class CompileContext extends CompileState {
  /** Set when the statement changes the schema (the connector reloads it afterwards). */
  schemaChanged = false;

  constructor(readonly schema: SqliteSchema) {
    super();
  }
}
