// A small LRU of translated statements (key: schema version + SQL text). Map order is recency order.
import type { SqlitePlan } from './sqlite-plan.js';

export class PlanCache {
  private readonly map = new Map<string, readonly SqlitePlan[]>();

  constructor(private readonly max: number) {}

  get(key: string): readonly SqlitePlan[] | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, plans: readonly SqlitePlan[]): void {
    this.map.set(key, plans);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}
