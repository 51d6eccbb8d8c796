// One client socket: drives the startup handshake, upgrades to TLS, announces the backend's parameters
// and this session's cancel key, then feeds frames to the query dispatcher. It is also the connector's
// ClientChannel: writes are corked and flushed once per tick (postgres.js's habit), and any bad input
// ends in an ErrorResponse and a closed socket, never an exception that escapes.
import type net from 'node:net';
import tls from 'node:tls';
import { FrameReader, type Frame } from '../../protocol/frame-reader.js';
import { Outbox } from '../../connectors/outbox.js';
import { encodeBackend, errorResponse } from '../../protocol/backend-encoder.js';
import { readyForQueryFrame } from '../../protocol/constant-frames.js';
import type { ClientChannel, ConnectorSession } from '../../connectors/connector.js';
import type { TenantConfig, UserConfig } from '../config/resolved-config.js';
import { pgError } from '../errors/catalog.js';
import { QueryDispatcher } from './query-dispatcher.js';
import { StartupHandshake, type HandshakeAction } from './startup-handshake.js';
import type { SessionContext } from './session-context.js';
import { frameBytes } from './frame-bytes.js';
import { TenantScope, channelPrefix } from './tenant-scope.js';
import { RequestObserver } from './request-observer.js';
import type { ClientMetrics } from '../observability/metrics.js';
import { refusalSqlState } from '../errors/refusal-error.js';
import { statementFingerprint } from '../../rewrite/parser/pg-parser.js';
import { unsafeStartupSetting } from './unsafe-startup-setting.js';
import { AdminSession } from '../admin/admin-session.js';
import type { AdminClientState } from '../admin/admin-api.js';
import { pgfabricVersion } from '../admin/pgfabric-version.js';

export type ClientPhase = 'startup' | 'connecting' | 'ready' | 'closed';

export class ClientConnection implements ClientChannel {
  phase: ClientPhase = 'startup';
  private socket: net.Socket;
  private readonly reader: FrameReader;
  private readonly handshake: StartupHandshake;
  private dispatcher: QueryDispatcher | null = null;
  /** Set instead of the dispatcher for the admin console (database `pgfabric`). */
  private admin: AdminSession | null = null;
  private clientMetrics: ClientMetrics | null = null;
  /** Metrics, slow-query log and idle timeouts of this client's request cycles (set once logged in). */
  private observer: RequestObserver | null = null;
  /** Set while a statement waits for the backend's catalog; frames queue in the reader meanwhile. */
  private waiting: Promise<void> | null = null;
  session: ConnectorSession | null = null;
  user: UserConfig | null = null;
  tenant: TenantConfig | null = null;
  processId = 0;
  private outbox: Outbox;
  private readonly startupTimer: NodeJS.Timeout;
  readonly connectedAt = Date.now();
  onClosed: ((conn: ClientConnection) => void) | null = null;

  constructor(
    socket: net.Socket,
    private readonly ctx: SessionContext,
  ) {
    this.socket = socket;
    this.outbox = new Outbox(socket);
    const config = ctx.config();
    this.reader = new FrameReader({ maxMessageSize: config.limits.maxMessageSize, startup: true });
    this.handshake = new StartupHandshake(config, { tlsAvailable: ctx.secureContext() !== null, encrypted: false });
    this.startupTimer = setTimeout(() => this.terminate(pgError('startup.timeout')), config.limits.startupTimeoutMs);
    this.startupTimer.unref();
    this.wire(socket);
  }

  get remoteAddress(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? 0}`;
  }

  private wire(socket: net.Socket): void {
    socket.setNoDelay(true);
    socket.on('drain', () => this.outbox.drained());
    socket.on('data', this.onData);
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  private readonly onData = (chunk: Buffer): void => {
    this.reader.push(chunk);
    this.clientMetrics?.bytesIn(chunk.length);
    try {
      // While 'connecting', frames stay in the reader until the backend parameters arrive.
      while ((this.phase === 'startup' || this.phase === 'ready') && this.waiting === null) {
        const frame = this.reader.next();
        if (frame === null) return;
        if ('kind' in frame) return this.terminate(errorResponse({ severity: 'FATAL', code: frame.code, message: frame.message }));
        if (this.phase === 'startup') {
          if (!this.runHandshake(this.handshake.receive(frame))) return;
        } else this.onQueryFrame(frame);
      }
    } catch (err) {
      this.internalError(err);
    }
  };

  /** `retry`: the frame waited (catalog, PAUSE) and is dispatched again: already counted. */
  private onQueryFrame(frame: Frame, retry = false): void {
    if (this.admin) return this.onAdminFrame(frame);
    this.observer?.frame(frame.code, retry);
    const result = this.dispatcher!.dispatch(frame, frameBytes(frame));
    if (result === 'continue') return;
    if (result === 'terminate') return this.close();
    if ('wait' in result) return this.waitThenRetry(frame, result.wait);
    this.terminate(result.fatal);
  }

  /** The dispatcher waits for the catalog: input stops, then the same frame is dispatched again. */
  private waitThenRetry(frame: Frame, wait: Promise<unknown>): void {
    this.socket.pause();
    this.waiting = wait.then(
      () => undefined,
      (err: Error) => this.ctx.logger.warn({ tenant: this.tenant?.name, err: err.message }, 'catalog refresh failed'),
    ).then(() => {
      this.waiting = null;
      if (this.phase !== 'ready') return;
      try {
        this.onQueryFrame(frame, true);
      } catch (err) {
        return this.internalError(err);
      }
      if (this.waiting === null) {
        this.socket.resume();
        this.onData(Buffer.alloc(0));
      }
    });
  }

  private internalError(err: unknown): void {
    const id = Math.random().toString(36).slice(2, 10);
    this.ctx.logger.error({ err, errorId: id, client: this.remoteAddress }, 'internal error in client session');
    this.terminate(pgError('internal.error', { id }));
  }

  /** Carries out handshake actions; false when the connection is closing or waits for something. */
  private runHandshake(actions: HandshakeAction[]): boolean {
    for (const action of actions) {
      switch (action.type) {
        case 'send':
          this.socket.write(action.bytes);
          break;
        case 'expectStartup':
          this.reader.expectStartup();
          break;
        case 'startTls':
          this.startTls();
          return false;
        case 'cancel':
          this.ctx.cancels.cancel(action.processId, action.secretKey);
          break;
        case 'close':
          this.terminate(action.bytes);
          return false;
        case 'authenticated':
          this.authenticated(action.user, action.tenant, action.parameters);
          return false;
        case 'loginFailed':
          this.ctx.audit.record({ kind: 'login', tenant: action.tenant, user: action.user, ok: false, reason: action.reason, client: this.remoteAddress });
          this.ctx.logger.info({ event: 'login_failed', tenant: action.tenant, user: action.user, reason: action.reason, client: this.remoteAddress }, 'login refused');
          // Only configured tenants become label values: a client picks the database name it sends.
          if (action.tenant && this.ctx.config().tenants.has(action.tenant)) this.ctx.metrics.login(action.tenant, false);
          break;
      }
    }
    return true;
  }

  private startTls(): void {
    const context = this.ctx.secureContext();
    if (!context || this.reader.buffered > 0) {
      // Bytes sent after SSLRequest but before the handshake would be plaintext injected into the TLS session.
      return this.terminate(pgError('startup.data_after_ssl_request'));
    }
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    const secure = new tls.TLSSocket(plain, { isServer: true, secureContext: context });
    this.socket = secure;
    this.outbox = new Outbox(secure);
    this.reader.expectStartup();
    this.handshake.upgraded();
    this.wire(secure);
  }

  private authenticated(user: UserConfig, tenant: TenantConfig | null, parameters: Record<string, string>): void {
    this.user = user;
    this.tenant = tenant;
    this.ctx.audit.record({ kind: 'login', tenant: tenant?.name ?? null, user: user.name, ok: true, client: this.remoteAddress });
    if (tenant === null) return this.startAdmin(user, parameters);
    const maxClients = tenant?.limits?.maxClients;
    // This connection is already counted among the tenant's clients.
    if (tenant && maxClients !== undefined && this.ctx.clientsOf(tenant.name) > maxClients) {
      return this.terminate(pgError('limits.too_many_clients', { tenant: tenant.name, max: String(maxClients) }));
    }
    const unsafe = unsafeStartupSetting(parameters);
    if (unsafe) return this.terminate(pgError('startup.unsafe_setting', { problem: unsafe }));
    this.phase = 'connecting';
    this.socket.pause();
    const connector = this.ctx.connectorFor(tenant);
    // The catalog is loaded before the first ReadyForQuery, so every statement can be checked at once.
    Promise.all([connector.serverParameters(), this.ctx.catalogs.get(tenant.backend)]).then(
      ([serverParams]) => this.ready(user, tenant, parameters, serverParams),
      (err: Error & { sqlState?: string }) => {
        this.ctx.logger.warn({ tenant: tenant.name, backend: connector.name, err: err.message }, 'backend unavailable at login');
        this.terminate(errorResponse({ severity: 'FATAL', code: err.sqlState ?? '08001', message: err.message }));
      },
    );
  }

  private ready(user: UserConfig, tenant: TenantConfig, parameters: Record<string, string>, serverParams: ReadonlyMap<string, string>): void {
    if (this.phase === 'closed') return;
    clearTimeout(this.startupTimer);
    const connector = this.ctx.connectorFor(tenant);
    // Defense in depth: every statement runs with pgfabric.tenant_id set (replayed on each pooled checkout), for RLS policies.
    const limits = tenant.limits ?? {};
    const sessionParameters = {
      ...(limits.statementTimeoutMs ? { statement_timeout: String(limits.statementTimeoutMs) } : {}),
      ...parameters,
      'pgfabric.tenant_id': tenant.id,
    };
    const quota = this.ctx.limits.quota(tenant);
    this.session = connector.openSession(this, { user: user.name, tenant: tenant.name, parameters: sessionParameters, channelPrefix: channelPrefix(tenant), ...(quota ? { quota } : {}) });
    const key = this.ctx.cancels.register(this.session);
    this.processId = key.processId;
    for (const [name, value] of announcedParameters(serverParams, parameters, user.name)) {
      this.socket.write(encodeBackend({ kind: 'ParameterStatus', name, value }));
    }
    this.socket.write(encodeBackend({ kind: 'BackendKeyData', processId: key.processId, secretKey: key.secretKey }));
    this.socket.write(readyForQueryFrame('I'));
    this.clientMetrics = this.ctx.metrics.forClient(tenant.name, tenant.backend);
    this.observer = new RequestObserver(
      {
        tenant: tenant.name,
        user: user.name,
        logger: this.ctx.logger,
        slowQueryMs: () => this.ctx.config().limits.slowQueryMs,
        lastSql: () => this.dispatcher?.lastSql ?? '',
        idleTimeout: (inTransaction) => this.terminate(pgError(inTransaction ? 'limits.idle_in_transaction_timeout' : 'limits.idle_timeout')),
      },
      this.clientMetrics,
      { idle: limits.idleTimeoutMs ?? 0, inTransaction: limits.idleInTransactionTimeoutMs ?? 0 },
    );
    this.ctx.metrics.login(tenant.name, true);
    const scope = new TenantScope(this.ctx.config(), tenant, user.role, this.ctx.catalogs);
    const audit = this.ctx.audit;
    const bucket = this.ctx.limits.bucket(tenant);
    this.dispatcher = new QueryDispatcher(this.session, this.ctx.rewriter, scope, this.ctx.catalogs, {
      rateLimited: bucket ? () => !bucket.take() && pgError('limits.rate_exceeded', { rate: String(bucket.ratePerSecond), tenant: tenant.name }) : null,
      refused: (refusal, sql) => {
        const fingerprint = sql ? statementFingerprint(sql) : '';
        const sqlstate = refusalSqlState(refusal);
        this.clientMetrics?.refusal(refusal.rule, sqlstate);
        this.ctx.logger.warn({ audit: 'refusal', tenant: tenant.name, user: user.name, rule: refusal.rule, code: refusal.code, sqlstate, relation: refusal.relation, fingerprint }, 'statement refused');
        audit.record({ kind: 'refusal', tenant: tenant.name, user: user.name, rule: refusal.rule, sqlstate, fingerprint, ...(refusal.relation ? { relation: refusal.relation } : {}) });
      },
      ddl: (sql) => audit.record({ kind: 'ddl', tenant: tenant.name, user: user.name, fingerprint: statementFingerprint(sql) }),
      rewriteMissed: (seconds) => this.ctx.metrics.rewriteSeconds.observe(seconds),
    }, this.ctx.pauseGate(tenant.name));
    this.ctx.logger.info({ event: 'connect', tenant: tenant.name, user: user.name, client: this.remoteAddress, pid: this.processId }, 'client connected');
    this.phase = 'ready';
    this.observer.started();
    this.socket.resume();
    this.onData(Buffer.alloc(0)); // frames that arrived while connecting
  }

  /** The admin console: no tenant, no backend; an AdminSession answers every frame after this. */
  private startAdmin(user: UserConfig, parameters: Record<string, string>): void {
    clearTimeout(this.startupTimer);
    this.admin = new AdminSession(user.name, this.ctx.admin, (bytes) => this.write(bytes), this.ctx.audit, this.ctx.logger);
    for (const [name, value] of adminParameters(parameters, user.name)) this.socket.write(encodeBackend({ kind: 'ParameterStatus', name, value }));
    this.socket.write(readyForQueryFrame('I'));
    this.phase = 'ready';
    this.onData(Buffer.alloc(0)); // commands sent right behind the startup packet
  }

  private onAdminFrame(frame: Frame): void {
    const step = this.admin!.receive(frame);
    if (step === 'continue') return;
    if (step === 'terminate') return this.close();
    if ('fatal' in step) return this.terminate(step.fatal);
    // A command that takes time (PAUSE waits for transactions, RELOAD reads a file): no input until it answered.
    this.socket.pause();
    this.waiting = step.wait.then(() => {
      this.waiting = null;
      if (this.phase !== 'ready') return;
      this.socket.resume();
      this.onData(Buffer.alloc(0));
    });
  }

  /** For the admin console's SHOW CLIENTS and SHOW POOLS. */
  get adminState(): AdminClientState {
    const session = this.session;
    if (!session) return 'idle';
    if (session.quiescent) return this.waiting !== null && this.tenant && this.ctx.admin.isPaused(this.tenant.name) ? 'paused' : 'idle';
    return session.waitingForServer ? 'waiting' : 'active';
  }

  // ---- ClientChannel ----

  write(bytes: Buffer): boolean {
    this.clientMetrics?.bytesOut(bytes.length);
    return this.outbox.write(bytes);
  }

  requestDone(status: number): void {
    this.observer?.requestDone(status);
  }

  serverWaited(ms: number): void {
    this.clientMetrics?.serverWaited(ms);
  }

  errorSeen(sqlState: string): void {
    this.clientMetrics?.error(sqlState);
  }

  /** For the client-connections gauge: startup, active (a request or transaction in flight) or idle. */
  get metricsState(): string {
    if (this.phase !== 'ready') return this.phase;
    return this.session?.quiescent === false ? 'active' : 'idle';
  }

  whenDrained(callback: () => void): void {
    this.socket.once('drain', callback);
  }

  pauseInput(): void {
    this.socket.pause();
  }

  resumeInput(): void {
    if (this.phase === 'ready') this.socket.resume();
  }

  terminate(fatal: Buffer | null): void {
    if (this.phase === 'closed') return;
    this.outbox.flush();
    if (fatal) this.socket.end(fatal);
    else this.socket.end();
    this.close();
  }

  log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
    this.ctx.logger[level]({ ...fields, tenant: this.tenant?.name, user: this.user?.name }, message);
  }

  close(): void {
    if (this.phase === 'closed') return;
    if (this.phase === 'ready') {
      this.ctx.logger.info({ event: 'disconnect', tenant: this.tenant?.name, user: this.user?.name, client: this.remoteAddress, durationMs: Date.now() - this.connectedAt }, 'client disconnected');
    }
    this.phase = 'closed';
    clearTimeout(this.startupTimer);
    this.observer?.stop();
    if (this.processId) this.ctx.cancels.unregister(this.processId);
    this.session?.end();
    if (!this.socket.destroyed) this.socket.destroySoon();
    this.onClosed?.(this);
  }
}

/** ParameterStatus values for an admin console client (no backend: pgfabric's own, as PgBouncer does). */
function adminParameters(client: Record<string, string>, userName: string): Map<string, string> {
  return new Map([
    ['server_version', `${pgfabricVersion()}/pgfabric`],
    ['server_encoding', 'UTF8'],
    ['client_encoding', 'UTF8'],
    ['DateStyle', 'ISO, MDY'],
    ['TimeZone', 'UTC'],
    ['integer_datetimes', 'on'],
    ['standard_conforming_strings', 'on'],
    ['application_name', client['application_name'] ?? ''],
    ['session_authorization', userName],
    ['is_superuser', 'off'],
  ]);
}

/** ParameterStatus values for a new client: the backend's, with the client's own settings on top. */
function announcedParameters(server: ReadonlyMap<string, string>, client: Record<string, string>, userName: string): Map<string, string> {
  const out = new Map(server);
  const byLower = new Map([...out.keys()].map((k) => [k.toLowerCase(), k]));
  for (const [name, value] of Object.entries(client)) {
    const known = byLower.get(name.toLowerCase());
    if (known) out.set(known, value);
  }
  // Clients see their own identity, never the backend's.
  out.set('session_authorization', userName);
  out.set('is_superuser', 'off');
  return out;
}
