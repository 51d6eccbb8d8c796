// The runtime side of the per-tenant limits: one token bucket and one server-connection quota per
// tenant that configures them, rebuilt when a reload changes a tenant's limits (in-flight holders
// finish against the old objects).
import type { ResolvedConfig, TenantConfig } from '../config/resolved-config.js';
import { TenantQuota } from './tenant-quota.js';
import { TokenBucket } from './token-bucket.js';

type Entry = { key: string; bucket: TokenBucket | null; quota: TenantQuota | null };

export class TenantLimits {
  private entries = new Map<string, Entry>();

  constructor(config: ResolvedConfig) {
    this.apply(config);
  }

  apply(config: ResolvedConfig): void {
    const next = new Map<string, Entry>();
    for (const tenant of config.tenants.values()) {
      const limits = tenant.limits ?? {};
      const key = `${limits.statementsPerSecond ?? ''}/${limits.maxServerConnections ?? ''}`;
      const old = this.entries.get(tenant.name);
      next.set(tenant.name, old && old.key === key ? old : {
        key,
        bucket: limits.statementsPerSecond ? new TokenBucket(limits.statementsPerSecond) : null,
        quota: limits.maxServerConnections ? new TenantQuota(limits.maxServerConnections) : null,
      });
    }
    this.entries = next;
  }

  bucket(tenant: TenantConfig): TokenBucket | null {
    return this.entries.get(tenant.name)?.bucket ?? null;
  }

  quota(tenant: TenantConfig): TenantQuota | null {
    return this.entries.get(tenant.name)?.quota ?? null;
  }
}
