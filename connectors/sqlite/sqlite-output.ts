// The backend messages a SQLite session writes, built from plans and failures.
import { encodeBackend, errorResponse } from '../../protocol/backend-encoder.js';
import type { ClientChannel } from '../connector.js';
import type { PgFailure } from './pg-failure.js';
import type { ResultColumn, TagRule } from './sqlite-plan.js';

/** Buffered answers are sent once this many bytes wait, even before the client must see them. */
const FLUSH_BYTES = 64 * 1024;

// Answers are held until the client has to see them (ReadyForQuery, Flush, PortalSuspended, a COPY
// response, or 64 KiB), as Postgres does: a pgbench transaction then costs one socket write, not one per
// message each time the session waits for the worker.
export class SessionOutput {
  /** False once the client's socket buffer filled up (the session waits for it to drain). */
  writable = true;
  private held: Buffer[] = [];
  private heldBytes = 0;

  constructor(private readonly client: ClientChannel) {}

  write(bytes: Buffer): void {
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    if (this.heldBytes >= FLUSH_BYTES) this.flush();
  }

  /** Sends what is held, as one buffer. */
  flush(): void {
    if (this.held.length === 0) return;
    const bytes = this.held.length === 1 ? this.held[0]! : Buffer.concat(this.held, this.heldBytes);
    this.held = [];
    this.heldBytes = 0;
    if (!this.client.write(bytes)) this.writable = false;
  }

  drained(): Promise<void> {
    if (this.writable) return Promise.resolve();
    return new Promise((resolve) =>
      this.client.whenDrained(() => {
        this.writable = true;
        resolve();
      }),
    );
  }

  error(f: PgFailure): void {
    this.client.errorSeen?.(f.code);
    this.write(errorResponse({ severity: 'ERROR', code: f.code, message: f.message, ...f.extra }));
  }

  notice(code: string, message: string, severity = 'WARNING'): void {
    this.write(encodeBackend({ kind: 'NoticeResponse', fields: { severity, severityNonLocalized: severity, code, message } }));
  }

  parameterStatus(name: string, value: string): void {
    this.write(encodeBackend({ kind: 'ParameterStatus', name, value }));
  }

  rowDescription(columns: readonly ResultColumn[], binary: readonly boolean[] | null): void {
    this.write(
      encodeBackend({
        kind: 'RowDescription',
        fields: columns.map((c, i) => ({
          name: c.name,
          tableOid: 0,
          columnAttr: 0,
          typeOid: c.type.oid,
          typeSize: c.type.typlen,
          typeModifier: c.type.typmod,
          format: binary?.[i] ? 1 : 0,
        })),
      }),
    );
  }

  complete(tag: string): void {
    this.write(encodeBackend({ kind: 'CommandComplete', tag }));
  }

  ready(status: 'I' | 'T' | 'E'): void {
    this.write(READY[status]);
    this.flush();
    this.client.requestDone?.(status.charCodeAt(0));
  }
}

const READY = { I: readyFrame('I'), T: readyFrame('T'), E: readyFrame('E') } as const;

function readyFrame(status: 'I' | 'T' | 'E'): Buffer {
  return encodeBackend({ kind: 'ReadyForQuery', status });
}

export function commandTag(rule: TagRule, count: number): string {
  if (rule.kind === 'fixed') return rule.tag;
  return rule.command === 'INSERT' ? `INSERT 0 ${count}` : `${rule.command} ${count}`;
}

/** Result formats of a Bind (none: all text; one: all that; else per column) → binary per column. */
export function binaryColumns(formats: readonly number[], count: number): boolean[] {
  const out = new Array<boolean>(count);
  for (let i = 0; i < count; i++) out[i] = (formats.length === 1 ? formats[0] : formats[i]) === 1;
  return out;
}
