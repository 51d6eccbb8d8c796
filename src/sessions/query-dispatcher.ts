// The query phase of a client session: each frontend message, in order, goes through the rewrite hook
// (Query and Parse: the tenant rules) and on to the tenant's connector session. A refused statement is
// answered in order with Postgres's error semantics and the session stays usable. Bind, Execute and
// Sync — the per-request messages of a cached prepared statement — are not decoded beyond the names
// they carry, except a Bind of a statement whose tenant column is a parameter: its value is checked.
import { bindParameterText, readBindParameter } from '../../protocol/bind-parameters.js';
import { readBindNames } from '../../protocol/bind-statement.js';
import { decodeFrontend } from '../../protocol/frontend-decoder.js';
import { encodeFrontend } from '../../protocol/frontend-encoder.js';
import type { Frame } from '../../protocol/frame-reader.js';
import { FrontendCode } from '../../protocol/message-codes.js';
import type { ConnectorSession } from '../../connectors/connector.js';
import type { RewriteResult, StatementRewriter } from '../../rewrite/statement-rewriter.js';
import { refusalOf, type Refusal } from '../../rewrite/tenant/refusal.js';
import type { BackendCatalogs } from '../catalog/backend-catalogs.js';
import { pgError } from '../errors/catalog.js';
import { refusalError } from '../errors/refusal-error.js';
import type { TenantScope } from './tenant-scope.js';
import { CopyFillStream } from './copy-fill-stream.js';
import type { PauseGate } from '../admin/tenant-pauses.js';

export type DispatchResult = 'continue' | 'terminate' | { fatal: Buffer } | { wait: Promise<unknown> };

/** What the dispatcher reports for the logs and the audit trail. */
export type DispatchEvents = {
  refused(refusal: Refusal, sql: string): void;
  /** A DDL statement passed the rules and went to the backend. */
  ddl(sql: string): void;
  /** A statement missed the rewrite cache and took this long to rewrite. */
  rewriteMissed(seconds: number): void;
  /** The tenant's statement rate limit: an ErrorResponse when this statement exceeds it (null: no limit). */
  readonly rateLimited: (() => Buffer | false) | null;
};

export class QueryDispatcher {
  /** Statement name → parameters that must carry the tenant id (only statements that have some). */
  private readonly tenantParams = new Map<string, readonly number[]>();
  /** The SQL of the statement the current request runs (for the slow-query log), and of named statements. */
  lastSql = '';
  private readonly namedSql = new Map<string, string>();
  /** Set while a COPY … FROM STDIN into a tenant-scoped relation streams its rows. */
  private copyFill: CopyFillStream | null = null;
  /** The SQL that already waited for a catalog refresh (so an unknown name waits once, not forever). */
  private refreshedFor: string | null = null;

  constructor(
    private readonly session: ConnectorSession,
    private readonly rewriter: StatementRewriter,
    private readonly scope: TenantScope,
    private readonly catalogs: BackendCatalogs,
    private readonly events: DispatchEvents,
    /** The tenant's PAUSE gate (admin console). */
    private readonly pause: PauseGate = { held: null },
  ) {}

  dispatch(frame: Frame, raw: Buffer): DispatchResult {
    const session = this.session;
    // PAUSE: a new transaction (nothing in flight, none open) waits for RESUME; one already running goes on.
    const held = this.pause.held;
    if (held !== null && frame.code !== FrontendCode.Terminate && session.quiescent) return { wait: held };
    switch (frame.code) {
      case FrontendCode.Bind: {
        const names = readBindNames(frame.payload);
        if ('kind' in names) return { fatal: protocolViolation(names.message) };
        const checks = this.tenantParams.size > 0 ? this.tenantParams.get(names.statement) : undefined;
        if (names.statement !== '') this.lastSql = this.namedSql.get(names.statement) ?? this.lastSql;
        if (checks && !this.tenantParamsValid(checks, frame.payload, names.restOffset)) return 'continue';
        session.bind(names.portal, names.statement, frame.payload, names.restOffset, raw);
        return 'continue';
      }
      case FrontendCode.Execute: {
        const limited = this.events.rateLimited?.();
        if (limited) session.refuse(limited, true);
        else session.execute(readPortalName(frame.payload), raw);
        return 'continue';
      }
      case FrontendCode.Sync:
        // Postgres checks that a Sync has no body: ERROR 08P01, then ReadyForQuery.
        if (frame.payload.length > 0) session.refuse(pgError('protocol.invalid_message_format'), false);
        else session.sync(raw);
        return 'continue';
      case FrontendCode.CopyData:
      case FrontendCode.CopyDone:
      case FrontendCode.CopyFail:
        if (this.copyFill) this.copyFill.message(frame.code, frame.payload, raw);
        else session.copy(raw);
        return 'continue';
      case FrontendCode.Terminate:
        return 'terminate';
      default:
        return this.dispatchDecoded(frame, raw);
    }
  }

  private dispatchDecoded(frame: Frame, raw: Buffer): DispatchResult {
    const msg = decodeFrontend(frame);
    switch (msg.kind) {
      case 'ProtocolError':
        return { fatal: protocolViolation(msg.message) };
      case 'Query': {
        this.lastSql = msg.sql;
        const limited = this.events.rateLimited?.();
        if (limited) {
          this.session.refuse(limited, false);
          return 'continue';
        }
        const result = this.rewrite(msg.sql);
        if (!('sql' in result)) return result;
        if (result.refusal) return this.refuse(result.refusal, msg.sql, false);
        this.copyFill = result.copyIn ? new CopyFillStream(result.copyIn, this.scope.tenant.id, this.scope.tenantColumn, (bytes) => this.session.copy(bytes)) : null;
        this.session.query(result.changed ? this.queryBytes(result) : raw, result.effects);
        return 'continue';
      }
      case 'Parse': {
        this.lastSql = msg.sql;
        if (msg.name !== '') this.namedSql.set(msg.name, msg.sql);
        const result = this.rewrite(msg.sql);
        if (!('sql' in result)) return result;
        if (result.refusal) return this.refuse(result.refusal, msg.sql, true);
        if (result.paramChecks.length > 0) this.tenantParams.set(msg.name, result.paramChecks);
        else if (this.tenantParams.size > 0) this.tenantParams.delete(msg.name);
        const bytes = result.changed ? this.parseBytes(result, msg.name, msg.paramTypes) : raw;
        this.session.parse(msg.name, result.sql, msg.paramTypes, bytes, result.effects);
        return 'continue';
      }
      case 'Describe':
        this.session.describe(msg.target, msg.name, raw);
        return 'continue';
      case 'Close':
        if (msg.target === 'S') {
          this.tenantParams.delete(msg.name);
          this.namedSql.delete(msg.name);
        }
        this.session.close(msg.target, msg.name, raw);
        return 'continue';
      case 'Flush':
        this.session.flush(raw);
        return 'continue';
      case 'FunctionCall':
        // The fast-path call names a function by OID and bypasses every SQL rule.
        return this.refuse(refusalOf('statement_not_allowed', 'statement_allow_list', 'the FunctionCall protocol message is not allowed'), '', false);
      default:
        return { fatal: protocolViolation(`unexpected message "${String.fromCharCode(frame.code)}" in the query phase`) };
    }
  }

  // The rewritten message of the last statement, reused while the client repeats it (a cache hit returns
  // the same result object): pgbench -M extended and ORMs send the same unnamed Parse every transaction.
  private lastQuery: { result: RewriteResult; bytes: Buffer } | null = null;
  private lastParse: { result: RewriteResult; name: string; types: readonly number[]; bytes: Buffer } | null = null;

  private queryBytes(result: RewriteResult): Buffer {
    if (this.lastQuery?.result === result) return this.lastQuery.bytes;
    const bytes = encodeFrontend({ kind: 'Query', sql: result.sql });
    this.lastQuery = { result, bytes };
    return bytes;
  }

  private parseBytes(result: RewriteResult, name: string, types: readonly number[]): Buffer {
    const last = this.lastParse;
    if (last && last.result === result && last.name === name && sameTypes(last.types, types)) return last.bytes;
    const bytes = encodeFrontend({ kind: 'Parse', name, sql: result.sql, paramTypes: [...types] });
    this.lastParse = { result, name, types, bytes };
    return bytes;
  }

  /** The rewrite of `sql`, or a wait for the catalog (first statement naming a relation the catalog lacks). */
  private rewrite(sql: string): RewriteResult | { wait: Promise<unknown> } {
    const context = this.scope.current();
    if (!context) return { wait: this.catalogs.get(this.scope.backend) };
    const misses = this.rewriter.missCount;
    const started = performance.now();
    const result = this.rewriter.rewrite(sql, context);
    if (this.rewriter.missCount !== misses) this.events.rewriteMissed((performance.now() - started) / 1000);
    if (result.refusal?.code === 'unknown_relation' && this.refreshedFor !== sql) {
      const refresh = this.catalogs.refreshForUnknown(this.scope.backend);
      if (refresh) {
        this.refreshedFor = sql;
        return { wait: refresh };
      }
    }
    this.refreshedFor = null;
    if (result.ddl) {
      this.catalogs.ddlSent(this.scope.backend);
      this.events.ddl(sql);
    }
    if (result.tempCreated.length > 0) this.scope.addTempTables(result.tempCreated);
    if (result.searchPath !== null || result.searchPathReset || result.effects.length > 0) this.noteSearchPath(result);
    return result;
  }

  private noteSearchPath(result: RewriteResult): void {
    if (result.searchPath !== null) return this.scope.setSearchPath(result.searchPath);
    if (result.searchPathReset) return this.scope.setSearchPath(null);
    for (const e of result.effects) {
      if ((e.kind === 'reset' && e.name === 'search_path') || e.kind === 'resetAll' || e.kind === 'discardAll') this.scope.setSearchPath(null);
    }
  }

  private refuse(refusal: Refusal, sql: string, extended: boolean): DispatchResult {
    this.events.refused(refusal, sql);
    this.session.refuse(refusalError(refusal), extended);
    return 'continue';
  }

  private tenantParamsValid(checks: readonly number[], payload: Buffer, restOffset: number): boolean {
    const tenantId = this.scope.tenant.id.toLowerCase();
    for (const n of checks) {
      const param = readBindParameter(payload, restOffset, n);
      const text = param ? bindParameterText(param) : null;
      if (text === null || text.toLowerCase() !== tenantId) {
        this.refuse(refusalOf('tenant_column_write', 'tenant_insert', `parameter $${n} sets the tenant column to another tenant's id`), '', true);
        return false;
      }
    }
    return true;
  }
}

function readPortalName(payload: Buffer): string {
  const end = payload.indexOf(0);
  return end <= 0 ? '' : payload.toString('utf8', 0, end);
}

function protocolViolation(detail: string): Buffer {
  return pgError('protocol.violation', { detail });
}

function sameTypes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
