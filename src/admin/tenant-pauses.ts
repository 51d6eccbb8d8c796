// PAUSE and RESUME per tenant (PgBouncer's semantics, per tenant instead of per database): while a
// tenant is paused its sessions run to the end of the transaction they are in, and a new transaction
// waits at the dispatcher until RESUME. A gate is one object per tenant name, read once per frame on
// the hot path (a property load), so sessions hold it for their lifetime and survive reloads.

export type PauseGate = {
  /** Resolves at RESUME; null while the tenant is not paused. */
  readonly held: Promise<void> | null;
};

type Gate = { held: Promise<void> | null; release: (() => void) | null };

export class TenantPauses {
  private readonly gates = new Map<string, Gate>();

  gate(tenant: string): PauseGate {
    let gate = this.gates.get(tenant);
    if (!gate) {
      gate = { held: null, release: null };
      this.gates.set(tenant, gate);
    }
    return gate;
  }

  isPaused(tenant: string): boolean {
    return this.gates.get(tenant)?.held != null;
  }

  /** Holds new transactions of the tenant; false when it was paused already. */
  pause(tenant: string): boolean {
    const gate = this.gate(tenant) as Gate;
    if (gate.held !== null) return false;
    gate.held = new Promise<void>((resolve) => (gate.release = resolve));
    return true;
  }

  /** Lets held transactions go; false when the tenant was not paused. */
  resume(tenant: string): boolean {
    const gate = this.gates.get(tenant);
    if (!gate || gate.held === null) return false;
    const release = gate.release;
    gate.held = null;
    gate.release = null;
    release?.();
    return true;
  }
}
