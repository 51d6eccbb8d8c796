// The shape of one tenant rule. Rules run in the order of rule-registry.ts over the analyser's facts;
// a checking rule throws a refusal (refuse()), a rewriting rule changes the tree through the facts.
import type { RuleCode } from '../tenant/refusal.js';
import type { StatementFacts } from '../tenant/statement-facts.js';
import type { SchemaLevel, TenantContext } from '../tenant/tenant-context.js';

export type RuleOutput = {
  /** 1-based parameter numbers whose bound value must equal the tenant id (checked at Bind). */
  readonly paramChecks: number[];
  readonly warnings: string[];
  /** Set by a rule that changed the tree. */
  changed: boolean;
};

export interface TenantRule {
  readonly name: string;
  readonly code: RuleCode;
  apply(facts: StatementFacts, ctx: TenantContext, out: RuleOutput): void;
}

const LEVELS: Record<SchemaLevel, number> = { none: 0, read: 1, write: 2, ddl: 3 };

export function levelAtLeast(have: SchemaLevel, need: SchemaLevel): boolean {
  return LEVELS[have] >= LEVELS[need];
}

/** The role's level on a schema; "*" covers unlisted schemas. System catalogs are readable unless a role says otherwise. */
export function schemaLevel(ctx: TenantContext, schema: string): SchemaLevel {
  const own = ctx.schemas[schema];
  if (own) return own;
  if (schema === 'pg_catalog' || schema === 'information_schema') return 'read';
  return ctx.schemas['*'] ?? 'none';
}
