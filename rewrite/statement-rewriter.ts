// The rewrite hook every Query and Parse goes through: the tenant rules (parse, analyse, check,
// rewrite, verify) behind an LRU keyed by (context, SQL text). A hit costs one map lookup: no parse,
// no allocation. Session effects (SET/RESET/LISTEN…) are classified once per miss and cached alongside.
import { LruCache } from './cache/lru-cache.js';
import { sessionEffects, type SessionEffect } from './classify/session-effects.js';
import type { Refusal } from './tenant/refusal.js';
import type { TenantContext } from './tenant/tenant-context.js';
import { rewriteForTenant, type RewriteOutput } from './tenant/tenant-rewriter.js';

export type RewriteContext = {
  /** Identifies everything the rewrite depends on besides the SQL text (tenant, role, search_path, catalog version). */
  readonly cacheKey: string;
  readonly tenant: TenantContext;
};

export type RewriteResult = RewriteOutput & {
  readonly effects: readonly SessionEffect[];
  readonly refusal: Refusal | null;
};

const NONE: readonly never[] = Object.freeze([]);

export class StatementRewriter {
  private readonly cache: LruCache<string, RewriteResult>;

  constructor(capacity = 10_000) {
    this.cache = new LruCache(capacity);
  }

  rewrite(sql: string, ctx: RewriteContext): RewriteResult {
    const key = ctx.cacheKey + '\u0000' + sql;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const result = this.compute(sql, ctx.tenant);
    // Unknown relations may appear with the next catalog version; everything else is final for this key.
    if (result.refusal?.code !== 'unknown_relation') this.cache.set(key, result);
    return result;
  }

  private compute(sql: string, tenant: TenantContext): RewriteResult {
    const outcome = rewriteForTenant(sql, tenant);
    if (outcome.kind === 'refused') {
      return { sql, changed: false, effects: NONE, refusal: outcome.refusal, paramChecks: NONE, ddl: false, searchPath: null, tempCreated: NONE, copyIn: null, searchPathReset: false, warnings: NONE };
    }
    const { kind: _kind, statementCount: _count, ...output } = outcome;
    return { ...output, effects: sessionEffects(sql), refusal: null };
  }

  /** Cache misses so far (a number, read on the hot path to time misses). */
  get missCount(): number {
    return this.cache.misses;
  }

  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.cache.hits, misses: this.cache.misses, size: this.cache.size };
  }
}
