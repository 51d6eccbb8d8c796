// The admin console session (the database `pgfabric`, role admin), with no I/O of its own: frontend
// frames in, backend bytes out through `out`. Simple query protocol only: an extended-protocol message
// gets one ERROR and the rest of its batch is skipped until Sync, as Postgres does after an error.
// Each command runs in order; an error stops the rest of the Query string; every command is audited.
import type { Logger } from 'pino';
import { decodeFrontend } from '../../protocol/frontend-decoder.js';
import type { Frame } from '../../protocol/frame-reader.js';
import { FrontendCode } from '../../protocol/message-codes.js';
import { EmptyQueryResponseFrame, readyForQueryFrame } from '../../protocol/constant-frames.js';
import { pgError } from '../errors/catalog.js';
import type { AuditSink } from '../observability/audit-types.js';
import type { AdminApi } from './admin-api.js';
import { parseAdminQuery, type AdminCommand, type ParsedCommand } from './admin-command-parser.js';
import { commandComplete, encodeResultSet } from './admin-result.js';
import { SHOW_BUILDERS } from './admin-show.js';

/** wait: the reply is being produced; read no further input until it settles (it never rejects). */
export type AdminStep = 'continue' | 'terminate' | { fatal: Buffer } | { wait: Promise<void> };

type Outcome = { ok: true; frames: Buffer[] } | { ok: false; error: Buffer };

const READY = readyForQueryFrame('I');

export class AdminSession {
  /** After an extended-protocol message: ignore everything until Sync. */
  private skipping = false;

  constructor(
    private readonly user: string,
    private readonly api: AdminApi,
    private readonly out: (bytes: Buffer) => void,
    private readonly audit: AuditSink,
    private readonly logger: Logger,
  ) {}

  receive(frame: Pick<Frame, 'code' | 'payload'>): AdminStep {
    switch (frame.code) {
      case FrontendCode.Terminate:
        return 'terminate';
      case FrontendCode.Sync:
        this.skipping = false;
        this.out(READY);
        return 'continue';
      case FrontendCode.Query:
        return this.skipping ? 'continue' : this.query(frame);
      case FrontendCode.Parse:
      case FrontendCode.Bind:
      case FrontendCode.Describe:
      case FrontendCode.Execute:
      case FrontendCode.Close:
        if (!this.skipping) this.out(pgError('admin.extended_protocol'));
        this.skipping = true;
        return 'continue';
      case FrontendCode.FunctionCall:
        this.out(pgError('admin.extended_protocol'));
        this.out(READY);
        return 'continue';
      case FrontendCode.Flush:
      case FrontendCode.CopyData:
      case FrontendCode.CopyDone:
      case FrontendCode.CopyFail:
        return 'continue'; // nothing buffered; copy messages outside COPY are ignored, as by Postgres
      default:
        return { fatal: pgError('protocol.violation', { detail: `unexpected message "${String.fromCharCode(frame.code)}" in the query phase` }) };
    }
  }

  private query(frame: Pick<Frame, 'code' | 'payload'>): AdminStep {
    const msg = decodeFrontend(frame);
    if (msg.kind !== 'Query') return { fatal: pgError('protocol.violation', { detail: msg.kind === 'ProtocolError' ? msg.message : 'malformed Query' }) };
    const parsed = parseAdminQuery(msg.sql);
    if (!Array.isArray(parsed)) {
      this.record(msg.sql.trim(), false);
      this.out(pgError(parsed.sqlState === '42601' ? 'admin.syntax_error' : 'admin.unsupported', { message: parsed.error }));
      this.out(READY);
      return 'continue';
    }
    if (parsed.length === 0) {
      this.out(EmptyQueryResponseFrame);
      this.out(READY);
      return 'continue';
    }
    return { wait: this.runAll(parsed) };
  }

  private async runAll(commands: readonly ParsedCommand[]): Promise<void> {
    for (const { text, command } of commands) {
      let outcome: Outcome;
      try {
        outcome = await this.run(command);
      } catch (err) {
        const id = Math.random().toString(36).slice(2, 10);
        this.logger.error({ err, errorId: id, command: text }, 'admin command failed');
        outcome = { ok: false, error: pgError('admin.internal_error', { id }) };
      }
      this.record(text, outcome.ok);
      if (!outcome.ok) {
        this.out(outcome.error);
        break;
      }
      for (const bytes of outcome.frames) this.out(bytes);
    }
    this.out(READY);
  }

  private record(command: string, ok: boolean): void {
    this.logger.info({ admin: this.user, command, ok }, 'admin command');
    this.audit.record({ kind: 'admin', user: this.user, command, ok });
  }

  private async run(command: AdminCommand): Promise<Outcome> {
    switch (command.kind) {
      case 'show':
        return { ok: true, frames: encodeResultSet(await SHOW_BUILDERS[command.target](this.api)) };
      case 'reload': {
        const result = await this.api.reload();
        if (result.ok) return done('RELOAD');
        if ('noFile' in result) return fail(pgError('admin.reload_no_file'));
        return fail(pgError('admin.reload_failed', { problems: result.problems.join('\n') }));
      }
      case 'pause':
        return this.pause(command.tenant);
      case 'resume':
        return this.resume(command.tenant);
      case 'kill': {
        const unknown = this.unknownTenant(command.tenant);
        if (unknown) return unknown;
        this.api.kill(command.tenant);
        return done('KILL');
      }
      case 'shutdown':
        this.api.shutdown();
        return done('SHUTDOWN');
    }
  }

  private async pause(tenant: string | null): Promise<Outcome> {
    if (tenant === null) {
      const tenants = [...this.api.config().tenants.keys()].filter((t) => !this.api.isPaused(t));
      await Promise.all(tenants.map((t) => this.api.pause(t)));
      return done('PAUSE');
    }
    const unknown = this.unknownTenant(tenant);
    if (unknown) return unknown;
    if (this.api.isPaused(tenant)) return fail(pgError('admin.already_paused', { tenant }));
    await this.api.pause(tenant);
    return done('PAUSE');
  }

  private resume(tenant: string | null): Outcome {
    if (tenant === null) {
      for (const t of this.api.config().tenants.keys()) if (this.api.isPaused(t)) this.api.resume(t);
      return done('RESUME');
    }
    const unknown = this.unknownTenant(tenant);
    if (unknown) return unknown;
    if (!this.api.isPaused(tenant)) return fail(pgError('admin.not_paused', { tenant }));
    this.api.resume(tenant);
    return done('RESUME');
  }

  private unknownTenant(tenant: string): Outcome | null {
    return this.api.config().tenants.has(tenant) ? null : fail(pgError('admin.unknown_tenant', { tenant }));
  }
}

function done(tag: string): Outcome {
  return { ok: true, frames: [commandComplete(tag)] };
}

function fail(error: Buffer): Outcome {
  return { ok: false, error };
}
