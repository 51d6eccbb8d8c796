// The rewrite hook every Query and Parse goes through: the tenant rules (parse, analyse, check,
// rewrite, verify) behind an LRU keyed by (context, SQL text). A hit costs one map lookup: no parse,
// no allocation. Session effects (SET/RESET/LISTEN…) are classified once per miss and cached alongside.
import { LruCache } from './cache/lru-cache.js';
import { sessionEffects, type SessionEffect } from './classify/session-effects.js';
import type { Refusal } from './tenant/refusal.js';
import type { CopyInPlan } from './tenant/statement-facts.js';
import type { TenantContext } from './tenant/tenant-context.js';
import { rewriteForTenant } from './tenant/tenant-rewriter.js';

export type RewriteContext = {
  /** Identifies everything the rewrite depends on besides the SQL text (tenant, role, search_path, catalog version). */
  readonly cacheKey: string;
  readonly tenant: TenantContext;
};

export type RewriteResult = {
  readonly sql: string;
  /** False when `sql` is the client's text unchanged: callers then forward the client's bytes as they are. */
  readonly changed: boolean;
  readonly effects: readonly SessionEffect[];
  readonly refusal: Refusal | null;
  /** 1-based parameters whose bound value must be the tenant id. */
  readonly paramChecks: readonly number[];
  readonly ddl: boolean;
  readonly searchPath: readonly string[] | null;
  readonly tempCreated: readonly { name: string; columns: string[] }[];
  readonly copyIn: CopyInPlan | null;
  readonly searchPathReset: boolean;
  readonly warnings: readonly string[];
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
    return {
      sql: outcome.sql,
      changed: outcome.changed,
      effects: sessionEffects(sql),
      refusal: null,
      paramChecks: outcome.paramChecks,
      ddl: outcome.ddl,
      searchPath: outcome.searchPath,
      tempCreated: outcome.tempCreated,
      copyIn: outcome.copyIn,
      searchPathReset: outcome.searchPathReset,
      warnings: outcome.warnings,
    };
  }

  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.cache.hits, misses: this.cache.misses, size: this.cache.size };
  }
}
