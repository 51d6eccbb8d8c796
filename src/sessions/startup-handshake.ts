// The startup and authentication phase of a client connection, as a state machine with no I/O
// (pg-gateway's habit): packets in, actions out. SSL/GSSENC negotiation, cancel requests, protocol
// version negotiation, SCRAM-SHA-256 against the config users, then the tenant check. The socket
// adapter (client-connection.ts) carries out the actions.
import { randomBytes } from 'node:crypto';
import type { Frame } from '../../protocol/frame-reader.js';
import { decodeStartupPacket } from '../../protocol/startup-packets.js';
import { decodeSaslInitialResponse } from '../../protocol/sasl-messages.js';
import { encodeBackend, errorResponse } from '../../protocol/backend-encoder.js';
import { SSLAcceptByte, SSLRefuseByte } from '../../protocol/constant-frames.js';
import { ScramServerExchange, scramKeysFromPassword, type ScramKeys } from '../../protocol/scram.js';
import { FrontendCode } from '../../protocol/message-codes.js';
import type { ResolvedConfig, TenantConfig, UserConfig } from '../config/resolved-config.js';
import { pgError, type ErrorCode } from '../errors/catalog.js';

export const ADMIN_DATABASE = 'pgfabric';
export const ADMIN_ROLE = 'admin';

export type HandshakeAction =
  | { type: 'send'; bytes: Buffer }
  | { type: 'startTls' }
  | { type: 'expectStartup' }
  | { type: 'cancel'; processId: number; secretKey: number }
  | { type: 'close'; bytes: Buffer | null }
  | { type: 'authenticated'; user: UserConfig; tenant: TenantConfig | null; parameters: Record<string, string> }
  /** For the audit trail, just before the 'close' of a refused login; names as the client sent them. */
  | { type: 'loginFailed'; user: string; tenant: string | null; reason: LoginFailure };

export type LoginFailure = 'auth.password_failed' | 'auth.unknown_tenant' | 'auth.tenant_not_allowed' | 'auth.admin_console_denied';

/** Names from the startup packet are cut like Postgres cuts identifiers (NAMEDATALEN - 1), so the audit log stays small. */
const NAME_MAX = 63;

type State = 'startup' | 'saslInitial' | 'saslFinal' | 'done';

// Unknown users still go through a full SCRAM exchange with keys nobody knows, so that a client cannot
// tell a wrong user from a wrong password (Postgres's "mock authentication").
let mockKeys: ScramKeys | null = null;
function mockScramKeys(): ScramKeys {
  mockKeys ??= scramKeysFromPassword(randomBytes(32).toString('hex'));
  return mockKeys;
}

export class StartupHandshake {
  private state: State = 'startup';
  private scram: ScramServerExchange | null = null;
  private user: UserConfig | undefined;
  private userName = '';
  private database = '';
  private parameters: Record<string, string> = {};

  constructor(
    private readonly config: ResolvedConfig,
    private readonly transport: { tlsAvailable: boolean; encrypted: boolean },
  ) {}

  /** The client has upgraded to TLS; its startup packet follows. */
  upgraded(): void {
    this.transport.encrypted = true;
  }

  receive(frame: Frame): HandshakeAction[] {
    switch (this.state) {
      case 'startup':
        return this.onStartupPacket(frame);
      case 'saslInitial':
        return this.onSaslInitial(frame);
      case 'saslFinal':
        return this.onSaslFinal(frame);
      default:
        return [fatal('protocol.violation', { detail: 'unexpected message after authentication' })];
    }
  }

  private onStartupPacket(frame: Frame): HandshakeAction[] {
    if (frame.code !== 0) return [fatal('startup.expected_startup_packet')];
    const packet = decodeStartupPacket(frame.payload);
    switch (packet.kind) {
      case 'ProtocolError':
        return [close(errorResponse({ severity: 'FATAL', code: packet.code, message: packet.message }))];
      case 'SSLRequest':
        if (this.transport.tlsAvailable && !this.transport.encrypted) return [{ type: 'send', bytes: SSLAcceptByte }, { type: 'startTls' }];
        return [{ type: 'send', bytes: SSLRefuseByte }, { type: 'expectStartup' }];
      case 'GSSENCRequest':
        return [{ type: 'send', bytes: SSLRefuseByte }, { type: 'expectStartup' }];
      case 'CancelRequest':
        return [{ type: 'cancel', processId: packet.processId, secretKey: packet.secretKey }, { type: 'close', bytes: null }];
      case 'StartupMessage':
        return this.onStartupMessage(packet.minorVersion, packet.params);
    }
  }

  private onStartupMessage(minorVersion: number, params: Record<string, string>): HandshakeAction[] {
    const actions: HandshakeAction[] = [];
    const protocolOptions = Object.keys(params).filter((k) => k.startsWith('_pq_.'));
    if (minorVersion > 0 || protocolOptions.length > 0) {
      // Postgres 15 speaks 3.0 and no protocol options: say so, and carry on (the client decides).
      actions.push({ type: 'send', bytes: encodeBackend({ kind: 'NegotiateProtocolVersion', newestMinor: 0, unrecognized: protocolOptions }) });
    }
    if (this.config.tls?.required && !this.transport.encrypted) {
      return [fatal('startup.tls_required')];
    }
    const userName = params['user'];
    if (!userName) return [fatal('startup.no_user')];
    this.userName = userName;
    this.database = params['database'] || userName;
    this.parameters = {};
    for (const [key, value] of Object.entries(params)) {
      if (key !== 'user' && key !== 'database' && !key.startsWith('_pq_.')) this.parameters[key] = value;
    }
    this.user = this.config.users.get(userName);
    this.state = 'saslInitial';
    actions.push({ type: 'send', bytes: encodeBackend({ kind: 'AuthenticationSASL', mechanisms: ['SCRAM-SHA-256'] }) });
    return actions;
  }

  private onSaslInitial(frame: Frame): HandshakeAction[] {
    if (frame.code !== FrontendCode.Password) return [fatal('auth.unexpected_message', { expected: 'SASL initial response' })];
    const initial = decodeSaslInitialResponse(frame.payload);
    if ('kind' in initial) return [fatal('auth.malformed_scram', { reason: initial.message })];
    if (initial.mechanism !== 'SCRAM-SHA-256') return [fatal('auth.mechanism_unsupported', { mechanism: initial.mechanism })];
    this.scram = new ScramServerExchange(this.user?.scram ?? mockScramKeys());
    const first = this.scram.clientFirst(initial.response.toString('utf8'));
    if (!first.ok) return [fatal('auth.malformed_scram', { reason: first.reason })];
    this.state = 'saslFinal';
    return [{ type: 'send', bytes: encodeBackend({ kind: 'AuthenticationSASLContinue', data: Buffer.from(first.serverFirst) }) }];
  }

  private onSaslFinal(frame: Frame): HandshakeAction[] {
    if (frame.code !== FrontendCode.Password || !this.scram) return [fatal('auth.unexpected_message', { expected: 'SASL response' })];
    const final = this.scram.clientFinal(frame.payload.toString('utf8'));
    const user = this.user;
    if (!final.ok || !user) {
      if (final.ok === false && final.reason !== 'invalid proof' && user) return [fatal('auth.malformed_scram', { reason: final.reason })];
      return this.refuse('auth.password_failed', { user: this.userName });
    }
    this.state = 'done';
    const ok: HandshakeAction[] = [
      { type: 'send', bytes: encodeBackend({ kind: 'AuthenticationSASLFinal', data: Buffer.from(final.serverFinal) }) },
      { type: 'send', bytes: encodeBackend({ kind: 'AuthenticationOk' }) },
    ];
    return [...ok, ...this.authorize(user)];
  }

  /** Authenticated: may this user use the database (tenant) it asked for? */
  private authorize(user: UserConfig): HandshakeAction[] {
    if (this.database === ADMIN_DATABASE) {
      if (user.role !== ADMIN_ROLE) return this.refuse('auth.admin_console_denied', { user: user.name, role: user.role });
      return [{ type: 'authenticated', user, tenant: null, parameters: this.parameters }];
    }
    const tenant = this.config.tenants.get(this.database);
    if (!tenant) return this.refuse('auth.unknown_tenant', { database: this.database });
    if (user.role === ADMIN_ROLE || !(user.tenants.includes(tenant.name) || user.tenants.includes('*'))) {
      return this.refuse('auth.tenant_not_allowed', { user: user.name, tenant: tenant.name });
    }
    return [{ type: 'authenticated', user, tenant, parameters: this.parameters }];
  }

  private refuse(reason: LoginFailure, params: Record<string, string>): HandshakeAction[] {
    const tenant = this.database === ADMIN_DATABASE ? null : this.database.slice(0, NAME_MAX);
    return [{ type: 'loginFailed', user: this.userName.slice(0, NAME_MAX), tenant, reason }, fatal(reason, params)];
  }
}

function fatal(code: ErrorCode, params?: Record<string, string>): HandshakeAction {
  return close(pgError(code, params));
}

function close(bytes: Buffer): HandshakeAction {
  return { type: 'close', bytes };
}
