// A tenant's share of server connections (tenants.<t>.limits.maxServerConnections): a counting
// semaphore shared by all the tenant's sessions on every pool, FIFO for the ones waiting.
import type { ConnectionQuota } from '../../connectors/connector.js';

export class TenantQuota implements ConnectionQuota {
  private inUse = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly max: number) {}

  tryTake(): boolean {
    if (this.inUse >= this.max) return false;
    this.inUse++;
    return true;
  }

  wait(callback: () => void): void {
    this.waiters.push(callback);
  }

  give(): void {
    const next = this.waiters.shift();
    if (next) queueMicrotask(next); // the slot passes straight to the next waiter
    else this.inUse--;
  }

  get stats(): { inUse: number; waiting: number; max: number } {
    return { inUse: this.inUse, waiting: this.waiters.length, max: this.max };
  }
}
