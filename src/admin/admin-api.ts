// What the admin console may see and do in the running server: its clients, connectors and config, and
// the operator commands. PgfabricServer provides it through the SessionContext; the console session
// (admin-session.ts) only reads and calls it, so it can be driven in tests with a fake.
import type { Connector } from '../../connectors/connector.js';
import type { ResolvedConfig } from '../config/resolved-config.js';

/** Per-tenant totals since the start (read from the metrics counters: nothing extra on the hot path). */
export type TenantTotals = {
  /** Transactions that ended (ReadyForQuery 'I'). */
  readonly xacts: number;
  /** Statements (Query and Execute messages). */
  readonly queries: number;
  /** Bytes received from and sent to the tenant's clients. */
  readonly received: number;
  readonly sent: number;
};

/**
 * idle: logged in, nothing in flight; active: holds a server connection; waiting: waits for one;
 * paused: a new transaction held by PAUSE.
 */
export type AdminClientState = 'idle' | 'active' | 'waiting' | 'paused';

export type AdminClientInfo = {
  readonly user: string;
  /** null for admin console clients. */
  readonly tenant: string | null;
  readonly addr: string;
  readonly port: number;
  readonly state: AdminClientState;
  readonly connectedAt: number;
  /** The process id of its BackendKeyData (0 for admin console clients). */
  readonly pid: number;
};

/** noFile: pgfabric was started without a config file (the embedded demo), so there is nothing to re-read. */
export type ReloadOutcome = { ok: true } | { ok: false; problems: string[] } | { ok: false; noFile: true };

export interface AdminApi {
  config(): ResolvedConfig;
  /** Clients past authentication. */
  clients(): AdminClientInfo[];
  /** Backend name → its connector (each has stats()). */
  connectors(): ReadonlyMap<string, Connector>;
  /** Totals per tenant since the start, closed clients included. */
  tenantTotals(): Promise<ReadonlyMap<string, TenantTotals>>;
  isPaused(tenant: string): boolean;
  /** Re-reads the config file and applies it (like SIGHUP); a bad file is refused with its problems. */
  reload(): Promise<ReloadOutcome>;
  /** Holds new transactions of the tenant; resolves when the ones in flight have finished. */
  pause(tenant: string): Promise<void>;
  resume(tenant: string): void;
  /** Closes the tenant's clients with 57P01; returns how many. */
  kill(tenant: string): number;
  /** Drains and stops, like SIGTERM (called after the reply is on its way). */
  shutdown(): void;
}
