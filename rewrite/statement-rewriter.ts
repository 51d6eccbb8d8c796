// The rewrite hook every Query and Parse goes through. In this version the SQL is passed through
// unchanged (the tenant rules come with the rewrite engine), but the hook already classifies session
// effects and caches its answer per (context, SQL text), so the hot path measured is the real one.
import { LruCache } from './cache/lru-cache.js';
import { sessionEffects, type SessionEffect } from './classify/session-effects.js';

export type RewriteContext = {
  /** Identifies everything the rewrite depends on besides the SQL text (tenant, role, search_path, catalog version). */
  readonly cacheKey: string;
  readonly tenantId: string;
  readonly role: string;
};

export type RewriteResult = {
  readonly sql: string;
  /** False when `sql` is the client's text unchanged: callers then forward the client's bytes as they are. */
  readonly changed: boolean;
  readonly effects: readonly SessionEffect[];
};

export class StatementRewriter {
  private readonly cache: LruCache<string, RewriteResult>;

  constructor(capacity = 10_000) {
    this.cache = new LruCache(capacity);
  }

  rewrite(sql: string, ctx: RewriteContext): RewriteResult {
    const effects = sessionEffects(sql);
    // Nothing to rewrite and nothing to remember: no cache entry, so that workloads sending a new text
    // every time (literals inlined, as pgbench's simple and extended modes do) churn no LRU and no GC.
    if (effects.length === 0) return { sql, changed: false, effects };
    const key = ctx.cacheKey + '\u0000' + sql;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const result: RewriteResult = { sql, changed: false, effects };
    this.cache.set(key, result);
    return result;
  }

  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.cache.hits, misses: this.cache.misses, size: this.cache.size };
  }
}
