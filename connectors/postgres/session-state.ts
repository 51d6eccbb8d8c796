// Which session state a client has, and how it settles. Effects of statements that succeeded are held
// until ReadyForQuery: outside a transaction they apply at once; inside one they wait for its end and are
// dropped if it rolled back or failed (Postgres's SET is transactional). Anything that leaves a server
// connection in a state pgfabric cannot describe (RESET back to the connection's own defaults, a
// ParameterStatus nobody asked for) marks the connection dirty, so it is replayed before its next use.
import type { SessionEffect, SessionEffects } from '../session-effects.js';
import type { ServerConnection } from './server-connection.js';
import { TxStatus } from './server-connection.js';
import { SessionParameters } from './session-parameters.js';

/** appliedParams of a server connection whose session state is unknown: never equal to a client key. */
export const DIRTY_PARAMS = '\u0000dirty';

export class SessionState {
  readonly params: SessionParameters;
  /** Why the client holds its server connection for good (LISTEN, temp tables, …), or null. */
  pinned: string | null = null;
  private batch: SessionEffect[] = [];
  private tentative: SessionEffect[] = [];
  private txFailed = false;

  constructor(startupParameters: Readonly<Record<string, string>>) {
    this.params = new SessionParameters(startupParameters);
  }

  /** At send time: pins, and untracked changes that make the connection's state unknown. */
  noteSent(effects: SessionEffects, link: ServerConnection | null): void {
    for (const effect of effects) {
      if (effect.kind === 'pin') this.pinned ??= effect.reason;
      else if (effect.kind === 'untracked' && link) link.appliedParams = DIRTY_PARAMS;
    }
  }

  /** A statement with these effects completed without error. */
  succeeded(effects: SessionEffects): void {
    for (const effect of effects) this.batch.push(effect);
  }

  /** At each ReadyForQuery of the connection the client holds. */
  settle(status: number, link: ServerConnection): void {
    if (this.batch.length > 0) {
      for (const effect of this.batch) {
        if (effect.kind === 'rollback') {
          this.tentative = [];
          this.txFailed = false;
        } else if (effect.kind !== 'pin' && effect.kind !== 'untracked') this.tentative.push(effect);
      }
      this.batch = [];
    }
    if (status === TxStatus.Failed) this.txFailed = true;
    if (status !== TxStatus.Idle) return;
    // COMMIT of a failed transaction is a rollback: its SETs are gone.
    if (!this.txFailed && this.tentative.length > 0) this.apply(this.tentative, link);
    this.tentative = [];
    this.txFailed = false;
  }

  /** The connection was lost with whatever the transaction had done. */
  forgetTransaction(): void {
    this.batch = [];
    this.tentative = [];
    this.txFailed = false;
  }

  private apply(effects: readonly SessionEffect[], link: ServerConnection): void {
    const changed = this.params.apply(effects);
    // RESET returns a server connection to *its* defaults, not to this client's startup values.
    if (effects.some((e) => e.kind === 'reset' || e.kind === 'resetAll' || e.kind === 'discardAll')) link.appliedParams = DIRTY_PARAMS;
    else if (changed && link.appliedParams !== DIRTY_PARAMS) link.appliedParams = this.params.key;
  }
}
