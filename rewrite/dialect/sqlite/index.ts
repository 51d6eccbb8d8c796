// Public surface of the SQLite dialect compiler.
export { translateToSqlite } from './translate.js';
export type { SqlitePlan, SqliteSchema, SqliteTable, SqliteColumn, RunPlan } from './plan-types.js';
