export { translateToTsql } from './translate.js';
export type { MssqlPlan, MssqlSchema, MssqlTable, MssqlColumn } from './plan-types.js';
