// The query phase of a client session: each frontend message, in order, goes through the rewrite hook
// (Query and Parse) and on to the tenant's connector session. Bind, Execute and Sync — the per-request
// messages of a cached prepared statement — are not decoded beyond the names they carry.
import { readBindNames } from '../../protocol/bind-statement.js';
import { decodeFrontend } from '../../protocol/frontend-decoder.js';
import { encodeFrontend } from '../../protocol/frontend-encoder.js';
import type { Frame } from '../../protocol/frame-reader.js';
import { FrontendCode } from '../../protocol/message-codes.js';
import type { ConnectorSession } from '../../connectors/connector.js';
import type { RewriteContext, StatementRewriter } from '../../rewrite/statement-rewriter.js';
import { pgError } from '../errors/catalog.js';

export type DispatchResult = 'continue' | 'terminate' | { fatal: Buffer };

export class QueryDispatcher {
  constructor(
    private readonly session: ConnectorSession,
    private readonly rewriter: StatementRewriter,
    private readonly context: RewriteContext,
  ) {}

  dispatch(frame: Frame, raw: Buffer): DispatchResult {
    const session = this.session;
    switch (frame.code) {
      case FrontendCode.Bind: {
        const names = readBindNames(frame.payload);
        if ('kind' in names) return { fatal: protocolViolation(names.message) };
        session.bind(names.portal, names.statement, frame.payload, names.restOffset, raw);
        return 'continue';
      }
      case FrontendCode.Execute:
        session.execute(readPortalName(frame.payload), raw);
        return 'continue';
      case FrontendCode.Sync:
        // Postgres checks that a Sync has no body: ERROR 08P01, then ReadyForQuery.
        if (frame.payload.length > 0) session.refuse(pgError('protocol.invalid_message_format'), false);
        else session.sync(raw);
        return 'continue';
      case FrontendCode.CopyData:
      case FrontendCode.CopyDone:
      case FrontendCode.CopyFail:
        session.copy(raw);
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
        const result = this.rewriter.rewrite(msg.sql, this.context);
        this.session.query(result.changed ? encodeFrontend({ kind: 'Query', sql: result.sql }) : raw, result.effects);
        return 'continue';
      }
      case 'Parse': {
        const result = this.rewriter.rewrite(msg.sql, this.context);
        const bytes = result.changed ? encodeFrontend({ kind: 'Parse', name: msg.name, sql: result.sql, paramTypes: msg.paramTypes }) : raw;
        this.session.parse(msg.name, result.sql, msg.paramTypes, bytes, result.effects);
        return 'continue';
      }
      case 'Describe':
        this.session.describe(msg.target, msg.name, raw);
        return 'continue';
      case 'Close':
        this.session.close(msg.target, msg.name, raw);
        return 'continue';
      case 'Flush':
        this.session.flush(raw);
        return 'continue';
      case 'FunctionCall':
        this.session.functionCall(raw);
        return 'continue';
      default:
        return { fatal: protocolViolation(`unexpected message "${String.fromCharCode(frame.code)}" in the query phase`) };
    }
  }
}

function readPortalName(payload: Buffer): string {
  const end = payload.indexOf(0);
  return end <= 0 ? '' : payload.toString('utf8', 0, end);
}

function protocolViolation(detail: string): Buffer {
  return pgError('protocol.violation', { detail });
}
