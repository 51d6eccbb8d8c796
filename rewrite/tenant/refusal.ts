// A statement the rules will not let through. `code` names the rule (mapped once to a SQLSTATE in
// src/errors/catalog.ts); the message names the rule and the relation, for the client.

export const RULE_CODES = [
  'syntax_error',
  'statement_not_allowed',
  'unsupported',
  'schema_permission',
  'append_only',
  'function_not_allowed',
  'system_relation',
  'view_hides_tenant',
  'cross_schema_join',
  'tenant_column_write',
  'truncate_tenant_table',
  'unknown_relation',
  'verifier',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

export type Refusal = {
  readonly code: RuleCode;
  /** The rule's name as users see it in messages and logs. */
  readonly rule: string;
  readonly message: string;
  readonly relation?: string;
  /** 1-based character position in the statement, when known. */
  readonly position?: number;
};

export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** A refusal whose message ends by naming its rule, as every refusal's must. */
export function refusalOf(code: RuleCode, rule: string, message: string, relation?: string): Refusal {
  return { code, rule, message: `${message} (rule: ${rule})`, ...(relation ? { relation } : {}) };
}

export function refuse(code: RuleCode, rule: string, message: string, relation?: string): never {
  throw new RefusalError(refusalOf(code, rule, message, relation));
}
