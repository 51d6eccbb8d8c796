// A statement's failure as the client will see it: SQLSTATE, message and optional fields.
import { encodeBackend } from '../../protocol/backend-encoder.js';
import { BindError } from './sqlite-params.js';
import { WorkerRequestError } from './sqlite-worker-host.js';
import { LockTimeoutError } from './sqlite-write-lock.js';

/** An ErrorResponse frame for a failure (severity ERROR). */
export function failureFrame(f: PgFailure): Buffer {
  return encodeBackend({ kind: 'ErrorResponse', fields: { severity: 'ERROR', severityNonLocalized: 'ERROR', code: f.code, message: f.message } });
}

export class PgFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extra: { detail?: string; hint?: string; position?: string } = {},
  ) {
    super(message);
  }
}

export function failureOf(err: unknown): PgFailure {
  if (err instanceof PgFailure) return err;
  if (err instanceof WorkerRequestError) {
    const f = err.fields;
    return new PgFailure(f.code, f.message, { ...(f.detail ? { detail: f.detail } : {}), ...(f.hint ? { hint: f.hint } : {}) });
  }
  if (err instanceof LockTimeoutError || err instanceof BindError) return new PgFailure(err.code, err.message);
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return new PgFailure(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : 'XX000', err.message);
  }
  return new PgFailure('XX000', String(err));
}
