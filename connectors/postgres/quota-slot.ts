// A session's hold on one of its tenant's server-connection slots (limits.maxServerConnections): taken
// before a checkout, given back when the session lets its server connection go.
import type { ConnectionQuota } from '../connector.js';

export class QuotaSlot {
  private held = false;

  constructor(private readonly quota: ConnectionQuota | null) {}

  /** True when a slot is held (or the tenant has no limit); else false, and `taken` is called once one is. */
  take(taken: () => void): boolean {
    if (this.quota === null || this.held) return true;
    if (this.quota.tryTake()) {
      this.held = true;
      return true;
    }
    this.quota.wait(() => {
      this.held = true;
      taken();
    });
    return false;
  }

  give(): void {
    if (!this.held) return;
    this.held = false;
    this.quota!.give();
  }
}
