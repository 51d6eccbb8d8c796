// Entry point: Postgres SQL (already checked by the tenant rules) → one MssqlPlan per statement. A statement
// T-SQL cannot express becomes an 'error' plan (0A000 naming the construct), answered in order like any other.
import type { MssqlPlan, MssqlSchema } from './plan-types.js';

export function translateToTsql(_sql: string, _schema: MssqlSchema): MssqlPlan[] {
  return [{ kind: 'error', code: '0A000', message: 'the T-SQL compiler is being written' }];
}
