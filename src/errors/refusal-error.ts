// A tenant-rule refusal as an ErrorResponse: its SQLSTATE comes from the catalog entry `rule.<code>`.
import type { Refusal } from '../../rewrite/tenant/refusal.js';
import { ERROR_CATALOG, pgError, type ErrorCode } from './catalog.js';

export function refusalError(refusal: Refusal): Buffer {
  const code = `rule.${refusal.code}` as ErrorCode;
  return pgError(code, { message: refusal.message }, refusal.position);
}

export function refusalSqlState(refusal: Refusal): string {
  return ERROR_CATALOG[`rule.${refusal.code}` as ErrorCode].sqlState;
}
