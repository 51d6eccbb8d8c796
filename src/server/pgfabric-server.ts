// The running proxy: the TCP listener, the client connections, one connector per backend, and the
// operations on all of them — reload (new config, old one kept when the new one is bad) and drain
// (SIGTERM: stop accepting, let transactions finish, then close).
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';
import tls from 'node:tls';
import type { Logger } from 'pino';
import type { Connector } from '../../connectors/connector.js';
import { pgError } from '../errors/catalog.js';
import { StatementRewriter } from '../../rewrite/statement-rewriter.js';
import { loadParser } from '../../rewrite/parser/pg-parser.js';
import { backendFingerprint, createConnector } from '../backends/registry.js';
import type { ResolvedConfig, TenantConfig } from '../config/resolved-config.js';
import { ClientConnection } from '../sessions/client-connection.js';
import type { SessionContext } from '../sessions/session-context.js';
import { CancelRegistry } from './cancel-registry.js';
import { BackendCatalogs } from '../catalog/backend-catalogs.js';
import { NO_AUDIT, type AuditSink } from '../observability/audit-types.js';
import { AuditTrail } from '../observability/audit-trail.js';
import { Metrics } from '../observability/metrics.js';
import { TenantLimits } from '../limits/tenant-limits.js';
import { MetricsServer } from '../observability/metrics-server.js';
import type { ConfigResult } from '../config/load-config.js';
import type { ReloadOutcome } from '../admin/admin-api.js';
import { TenantPauses } from '../admin/tenant-pauses.js';
import { createAdminApi } from './server-admin.js';

type ConnectorEntry = { connector: Connector; fingerprint: string };

export class PgfabricServer {
  private config: ResolvedConfig;
  private readonly listener: net.Server;
  private readonly clients = new Set<ClientConnection>();
  private connectors = new Map<string, ConnectorEntry>();
  private secureContext: tls.SecureContext | null = null;
  private draining = false;
  readonly rewriter = new StatementRewriter();
  readonly catalogs: BackendCatalogs;
  readonly metrics: Metrics;
  readonly limits: TenantLimits;
  private metricsServer: MetricsServer | null = null;
  /** Where /metrics listens, when the config has a `metrics` section (port 0 picks one). */
  metricsAddress: { host: string; port: number } | null = null;
  /** Replaced by the audit trail when the config has an `audit` section (see audit-trail.ts). */
  audit: AuditSink = NO_AUDIT;
  private auditTrail: AuditTrail | null = null;
  /** The `audit` section the trail was opened with, to tell on reload whether it changed. */
  private auditSection = '';
  readonly cancels = new CancelRegistry();
  /** PAUSE/RESUME gates per tenant (admin console). */
  readonly pauses = new TenantPauses();
  /** Where RELOAD and SIGHUP read the config from (start-command sets it); null: no file to re-read. */
  configSource: (() => Promise<ConfigResult>) | null = null;
  /** What the admin console's SHUTDOWN does; start-command makes it drain and exit like SIGTERM. */
  onShutdown: () => void = () => void this.drain();
  private readonly context: SessionContext;

  constructor(
    config: ResolvedConfig,
    readonly logger: Logger,
  ) {
    this.config = config;
    this.applyAudit(config, true);
    this.applyBackends(config);
    this.secureContext = makeSecureContext(config);
    this.catalogs = new BackendCatalogs(() => this.config);
    this.limits = new TenantLimits(config);
    this.metrics = new Metrics({
      clients: () => [...this.clients].map((c) => ({ tenant: c.tenant?.name ?? (c.user ? 'pgfabric' : '(login)'), state: c.metricsState })),
      pools: () => [...this.connectors].map(([backend, e]) => ({ backend, stats: e.connector.stats() })),
      rewriteCache: () => this.rewriter.stats,
    });
    this.context = {
      catalogs: this.catalogs,
      // Sessions keep this object; it follows `this.audit` when a reload replaces the trail.
      audit: { record: (event) => this.audit.record(event), flush: () => this.audit.flush() },
      metrics: this.metrics,
      limits: this.limits,
      clientsOf: (tenant) => {
        let n = 0;
        for (const c of this.clients) if (c.tenant?.name === tenant && c.phase !== 'closed') n++;
        return n;
      },
      config: () => this.config,
      connectorFor: (tenant) => this.connectorFor(tenant),
      rewriter: this.rewriter,
      secureContext: () => this.secureContext,
      cancels: this.cancels,
      logger,
      pauseGate: (tenant) => this.pauses.gate(tenant),
      admin: createAdminApi({
        config: () => this.config,
        clients: () => this.clients,
        connectors: () => new Map([...this.connectors].map(([name, e]) => [name, e.connector])),
        metrics: this.metrics,
        pauses: this.pauses,
        reload: () => this.reloadFromSource(),
        shutdown: () => this.onShutdown(),
        logger,
      }),
    };
    this.listener = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.listener.on('error', (err) => logger.error({ err }, 'listener error'));
  }

  /** Starts listening; port 0 picks a free port. Resolves to the address actually bound. */
  async listen(): Promise<{ host: string; port: number }> {
    await loadParser();
    const m = this.config.metrics;
    if (m) {
      this.metricsServer = new MetricsServer(this.metrics, () => this.readiness());
      this.metricsAddress = await this.metricsServer.listen(m.host, m.port);
      this.logger.info(this.metricsAddress, 'metrics listening (/metrics, /healthz, /readyz)');
    }
    const { host, port } = this.config.listen;
    return new Promise((resolve, reject) => {
      this.listener.once('error', reject);
      this.listener.listen(port, host, () => {
        this.listener.removeListener('error', reject);
        const address = this.listener.address() as net.AddressInfo;
        this.logger.info({ host: address.address, port: address.port }, 'pgfabric listening');
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  /** Ready when every backend answers a login (cached for 2 s, so probes cannot hammer the backends). */
  private async readiness(): Promise<{ ready: boolean; problems: string[] }> {
    if (this.readyCache && Date.now() - this.readyCache.at < 2000) return this.readyCache.value;
    const problems: string[] = [];
    await Promise.all([...this.connectors.entries()].map(async ([name, entry]) => {
      const timeout = sleep(2000).then(() => { throw new Error('timed out after 2 s'); });
      await Promise.race([entry.connector.serverParameters(), timeout]).catch((err: Error) => problems.push(`backend ${name}: ${err.message}`));
    }));
    const value = { ready: problems.length === 0, problems };
    this.readyCache = { at: Date.now(), value };
    return value;
  }

  private readyCache: { at: number; value: { ready: boolean; problems: string[] } } | null = null;

  get clientCount(): number {
    return this.clients.size;
  }

  connectorStats(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [name, entry] of this.connectors) out[name] = entry.connector.stats();
    return out;
  }

  /** Applies a new, already validated config without dropping connections. */
  reload(next: ResolvedConfig): void {
    const removedTenants = [...this.config.tenants.keys()].filter((t) => !next.tenants.has(t));
    this.config = next;
    this.secureContext = makeSecureContext(next);
    this.applyBackends(next);
    this.applyAudit(next, false);
    this.catalogs.invalidateAll();
    this.limits.apply(next);
    for (const client of this.clients) {
      if (client.tenant && removedTenants.includes(client.tenant.name)) {
        client.terminate(pgError('server.tenant_removed', { tenant: client.tenant.name }));
      }
    }
    this.logger.info({ tenants: next.tenants.size, backends: next.backends.size, users: next.users.size }, 'configuration reloaded');
  }

  /** Re-reads the config (RELOAD, SIGHUP) and applies it; a bad one is refused, logged line by line, and the old one keeps serving. */
  async reloadFromSource(): Promise<ReloadOutcome> {
    if (!this.configSource) return { ok: false, noFile: true };
    const loaded = await this.configSource();
    if (loaded.ok) {
      this.reload(loaded.config);
      return { ok: true };
    }
    for (const problem of loaded.problems) this.logger.error(`config: ${problem}`);
    this.logger.error({ problems: loaded.problems.length }, 'new configuration refused; the old one keeps serving');
    return loaded;
  }

  /** Stops accepting, closes idle clients now and busy ones when their transaction ends, then the pools. */
  async drain(timeoutMs = this.config.limits.drainTimeoutMs): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    this.listener.close();
    const goodbye = pgError('server.shutdown');
    for (const client of this.clients) {
      const session = client.session;
      if (!session || session.quiescent) client.terminate(goodbye);
      else session.onQuiescent = () => client.terminate(goodbye);
    }
    const deadline = Date.now() + timeoutMs;
    while (this.clients.size > 0 && Date.now() < deadline) await sleep(20);
    for (const client of this.clients) client.terminate(goodbye);
    await Promise.all([...this.connectors.values()].map((e) => e.connector.close()));
    await this.metricsServer?.close();
    // Nothing recorded is lost on SIGTERM: the trail is written and fsynced before drain() resolves.
    await this.auditTrail?.close().catch((err: Error) => this.logger.error({ err: err.message }, 'audit trail: final flush failed'));
    this.logger.info('pgfabric stopped');
  }

  private accept(socket: net.Socket): void {
    if (this.draining) {
      socket.destroy();
      return;
    }
    const client = new ClientConnection(socket, this.context);
    this.clients.add(client);
    client.onClosed = (c) => this.clients.delete(c);
  }

  /**
   * Opens the trail the config names, or replaces it when the section changed; the new trail starts
   * writing only after the old one has flushed, so a trail reopened on the same file continues its chain.
   * A file that cannot be opened fails startup; on reload it is logged and the old trail keeps recording.
   */
  private applyAudit(config: ResolvedConfig, initial: boolean): void {
    const section = config.audit ? JSON.stringify(config.audit) : '';
    if (section === this.auditSection) return;
    const previous = this.auditTrail;
    const closePrevious = (): Promise<void> => previous?.close() ?? Promise.resolve();
    let next: AuditTrail | null;
    try {
      next = config.audit ? new AuditTrail(config.audit, this.logger, closePrevious) : null;
    } catch (err) {
      if (initial) throw err;
      this.logger.error({ err: (err as Error).message, file: config.audit?.file }, 'audit trail: cannot open the new file; the old trail keeps recording');
      return;
    }
    if (next === null) void closePrevious().catch((err: Error) => this.logger.error({ err: err.message }, 'audit trail: final flush failed'));
    this.auditTrail = next;
    this.audit = next ?? NO_AUDIT;
    this.auditSection = section;
  }

  private connectorFor(tenant: TenantConfig): Connector {
    const entry = this.connectors.get(tenant.backend);
    if (!entry) throw new Error(`no connector for backend "${tenant.backend}"`);
    return entry.connector;
  }

  private applyBackends(config: ResolvedConfig): void {
    const next = new Map<string, ConnectorEntry>();
    for (const [name, backend] of config.backends) {
      const fingerprint = backendFingerprint(backend);
      const current = this.connectors.get(name);
      if (current && current.fingerprint === fingerprint) next.set(name, current);
      else next.set(name, { connector: createConnector(backend), fingerprint });
    }
    // Connectors no longer in use stop lending; sessions holding them finish on the old pool.
    for (const [name, entry] of this.connectors) {
      if (next.get(name) !== entry) void entry.connector.close();
    }
    this.connectors = next;
  }
}

function makeSecureContext(config: ResolvedConfig): tls.SecureContext | null {
  if (!config.tls) return null;
  return tls.createSecureContext({ cert: config.tls.certPem, key: config.tls.keyPem });
}
