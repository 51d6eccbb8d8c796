// A client's own names on a pooled session: each named prepared statement and the shared server-side
// statement it stands for, and the session effects (SET, DISCARD, …) that running a statement or a portal
// will have — kept together, so a name and its effects come and go as one.
import type { SessionEffects } from '../session-effects.js';
import type { SharedStatement } from './statement-registry.js';

const NO_EFFECTS: SessionEffects = [];

type Named = { readonly shared: SharedStatement; readonly effects: SessionEffects };

export class ClientStatements {
  private readonly named = new Map<string, Named>();
  private unnamedEffects: SessionEffects = NO_EFFECTS;
  private readonly portalEffects = new Map<string, SessionEffects>();

  has(name: string): boolean {
    return this.named.has(name);
  }

  /** The shared statement a client name stands for. */
  shared(name: string): SharedStatement | undefined {
    return this.named.get(name)?.shared;
  }

  parsedUnnamed(effects: SessionEffects): void {
    this.unnamedEffects = effects;
  }

  parsed(name: string, shared: SharedStatement, effects: SessionEffects): void {
    this.named.set(name, { shared, effects });
  }

  /** Bind: the portal runs with its statement's effects. */
  bound(portal: string, statement: string): void {
    const effects = statement === '' ? this.unnamedEffects : (this.named.get(statement)?.effects ?? NO_EFFECTS);
    if (effects.length > 0) this.portalEffects.set(portal, effects);
    else if (this.portalEffects.size > 0) this.portalEffects.delete(portal);
  }

  portal(portal: string): SessionEffects | undefined {
    return this.portalEffects.get(portal);
  }

  /** Forgets a name; with `only`, only while it still stands for that statement (a Parse that failed). */
  forget(name: string, only?: SharedStatement): void {
    if (only !== undefined && this.named.get(name)?.shared !== only) return;
    this.named.delete(name);
  }

  /** DISCARD ALL / DEALLOCATE ALL. */
  clear(): void {
    this.named.clear();
  }
}
