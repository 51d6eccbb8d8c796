// What a client connection needs from the running server: the current config, the connector for a
// tenant, the rewriter, TLS, the cancel-key registry and the logger. Passed in, never imported, so
// sessions can be driven by tests without a listener.
import type tls from 'node:tls';
import type { Logger } from 'pino';
import type { Connector } from '../../connectors/connector.js';
import type { StatementRewriter } from '../../rewrite/statement-rewriter.js';
import type { ResolvedConfig, TenantConfig } from '../config/resolved-config.js';
import type { CancelRegistry } from '../server/cancel-registry.js';
import type { BackendCatalogs } from '../catalog/backend-catalogs.js';
import type { AuditSink } from '../observability/audit-types.js';
import type { Metrics } from '../observability/metrics.js';
import type { TenantLimits } from '../limits/tenant-limits.js';
import type { AdminApi } from '../admin/admin-api.js';
import type { PauseGate } from '../admin/tenant-pauses.js';

export type SessionContext = {
  readonly config: () => ResolvedConfig;
  readonly connectorFor: (tenant: TenantConfig) => Connector;
  readonly rewriter: StatementRewriter;
  readonly catalogs: BackendCatalogs;
  readonly secureContext: () => tls.SecureContext | null;
  readonly cancels: CancelRegistry;
  readonly logger: Logger;
  readonly audit: AuditSink;
  readonly metrics: Metrics;
  readonly limits: TenantLimits;
  /** Clients logged in to a tenant right now (for tenants.<t>.limits.maxClients). */
  readonly clientsOf: (tenant: string) => number;
  /** What the admin console (database `pgfabric`) sees and does. */
  readonly admin: AdminApi;
  /** The tenant's PAUSE gate, read by its sessions before each new transaction. */
  readonly pauseGate: (tenant: string) => PauseGate;
};
