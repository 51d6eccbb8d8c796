// COPY for a SQLite session: FROM STDIN collects the client's CopyData until CopyDone (or CopyFail),
// then inserts the rows through the plan's insert statement; TO STDOUT runs the query and writes lines.
import { encodeBackend } from '../../protocol/backend-encoder.js';
import { PgFailure } from './pg-failure.js';
import { dataRowFields, formatCopyRow, parseCopyRows } from './sqlite-copy-format.js';
import { fromText } from './sqlite-params.js';
import type { SqlitePlan } from './sqlite-plan.js';
import type { PlanRunner } from './sqlite-plan-runner.js';
import type { SessionOutput } from './sqlite-output.js';
import type { SqliteFile } from './sqlite-file.js';
import type { SessionTransaction } from './sqlite-transaction.js';
import type { StorageValue } from './sqlite-types.js';
import type { CopyFormat } from './sqlite-plan.js';

const BATCH_ROWS = 5000;
/** Rows are parsed and inserted a block at a time, so a COPY of any size holds about this much in memory. */
const BLOCK_BYTES = 1 << 20;
/** Above this much unparsed data the client's socket is paused until the worker has caught up. */
const PAUSE_BYTES = 16 << 20;
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]);

type FlowControl = { pauseInput(): void; resumeInput(): void };

/** One COPY FROM STDIN's data as it arrives; settles at CopyDone, or fails at CopyFail / another message. */
export class CopyInSink {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private end: 'open' | 'done' | PgFailure = 'open';
  private wake: (() => void) | null = null;
  private paused = false;

  constructor(private readonly flow: FlowControl | null = null) {}

  /** Another message arrived during the COPY (Postgres: 08P01, and the COPY fails). */
  unexpected(type: string): void {
    this.finish(new PgFailure('08P01', `unexpected message type 0x${type.charCodeAt(0).toString(16).toUpperCase()} during COPY from stdin`));
  }

  /** A CopyData, CopyDone or CopyFail frame (type byte, length, payload). */
  message(raw: Buffer): void {
    const code = raw[0];
    if (code === 0x64) {
      if (this.end !== 'open') return;
      this.chunks.push(Buffer.from(raw.subarray(5)));
      this.bytes += raw.length - 5;
      if (this.bytes > PAUSE_BYTES && !this.paused && this.flow) {
        this.paused = true;
        this.flow.pauseInput();
      }
      this.wakeUp();
    } else if (code === 0x63) this.finish('done');
    else if (code === 0x66) {
      const reason = raw.toString('utf8', 5, Math.max(5, raw.length - 1));
      this.finish(new PgFailure('57014', `COPY from stdin failed: ${reason}`));
    }
  }

  /** Waits until at least `min` bytes arrived or the data ended; `last` once CopyDone was seen. Throws on CopyFail. */
  async take(min: number): Promise<{ data: Buffer; last: boolean }> {
    while (this.end === 'open' && this.bytes < min) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.end instanceof PgFailure) throw this.end;
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.bytes = 0;
    if (this.paused) {
      this.paused = false;
      this.flow?.resumeInput();
    }
    return { data, last: this.end === 'done' };
  }

  private finish(end: 'done' | PgFailure): void {
    if (this.end !== 'open') return;
    this.end = end;
    if (this.paused) {
      this.paused = false;
      this.flow?.resumeInput();
    }
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

export async function copyIn(
  plan: Extract<SqlitePlan, { kind: 'copy_in' }>,
  sink: CopyInSink,
  ctx: { file: SqliteFile; id: number; slot: number; tx: SessionTransaction; out: SessionOutput },
): Promise<void> {
  const oids = plan.columns.map((c) => c.type.oid);
  let locked = false;
  const convert = (fields: (string | null)[]): StorageValue[] => fields.map((f, i) => (f === null ? null : fromText(f, oids[i]!)));
  await readCopyRows(plan.columns, plan.options, sink, ctx.out, convert, async (values) => {
    if (!locked) {
      await ctx.tx.ensureWrite('COPY');
      // Batches are not statements: the deferred BEGIN goes first on its own.
      await ctx.tx.flushBegin();
      locked = true;
    }
    for (let i = 0; i < values.length; i += BATCH_ROWS) {
      await ctx.file.host.request({ op: 'batch', session: ctx.id, slot: ctx.slot, sql: plan.insert, rows: values.slice(i, i + BATCH_ROWS) }, ctx.slot);
    }
  });
}

/**
 * COPY FROM STDIN's side of the protocol, shared by the plan-running sessions: CopyInResponse, then the client's
 * rows parsed a block (~1 MiB) at a time — whole rows only, the header line skipped, nothing after the `\.` end
 * marker — each row checked against the column count (22P04 naming the line) and converted, in order, so the
 * first bad line is the one reported; `store` gets each block's values; then CommandComplete `COPY n`.
 */
export async function readCopyRows<V>(
  columns: readonly { readonly name: string }[],
  options: CopyFormat,
  sink: CopyInSink,
  out: SessionOutput,
  convert: (fields: (string | null)[]) => V,
  store: (values: V[]) => Promise<void>,
): Promise<void> {
  out.write(encodeBackend({ kind: 'CopyInResponse', format: 0, columnFormats: new Array<number>(columns.length).fill(0) }));
  out.flush();
  let carry: Buffer = Buffer.alloc(0);
  let headerPending = options.header;
  let endMarkerSeen = false;
  let line = 0;
  let total = 0;
  for (;;) {
    const { data, last } = await sink.take(BLOCK_BYTES);
    const buf = carry.length ? Buffer.concat([carry, data]) : data;
    // Only whole rows are parsed: the rest waits for the next block (a newline byte never occurs inside a UTF-8 character).
    const cut = last ? buf.length : lastRowEnd(buf, options);
    carry = Buffer.from(buf.subarray(cut));
    if (endMarkerSeen || cut === 0) {
      if (last) break;
      continue;
    }
    const text = buf.toString('utf8', 0, cut);
    if (options.format === 'text' && /(^|\n)\\\.\r?(\n|$)/.test(text)) endMarkerSeen = true;
    const rows = parseCopyRows(text, { ...options, header: headerPending });
    headerPending = false;
    const values = rows.map((fields) => {
      line += 1;
      if (fields.length !== columns.length) {
        throw new PgFailure('22P04', fields.length < columns.length ? `missing data for column "${columns[fields.length]!.name}"` : 'extra data after last expected column', { detail: `COPY line ${line}` });
      }
      return convert(fields);
    });
    await store(values);
    total += values.length;
    if (last) break;
  }
  out.complete(`COPY ${total}`);
}

/** The offset just after the last complete row in `buf` (a newline outside CSV quotes), 0 when there is none. */
export function lastRowEnd(buf: Buffer, options: CopyFormat): number {
  if (options.format !== 'csv') return buf.lastIndexOf(0x0a) + 1;
  const quote = options.quote.charCodeAt(0);
  const escape = options.escape.charCodeAt(0);
  let inQuotes = false;
  let end = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (inQuotes) {
      if (c === escape && escape !== quote && buf[i + 1] === quote) i += 1;
      else if (c === quote) inQuotes = false;
    } else if (c === quote) inQuotes = true;
    else if (c === 0x0a) end = i + 1;
  }
  return end;
}

export async function copyOut(plan: Extract<SqlitePlan, { kind: 'copy_out' }>, runner: PlanRunner, out: SessionOutput): Promise<void> {
  const res = await runner.exec(plan.query, [], null);
  const columns = plan.query.columns?.length ?? 0;
  out.write(encodeBackend({ kind: 'CopyOutResponse', format: 0, columnFormats: new Array<number>(columns).fill(0) }));
  const bytes = res.rows;
  if (plan.options.header && plan.query.columns) {
    out.write(encodeBackend({ kind: 'CopyData', data: Buffer.from(formatCopyRow(plan.query.columns.map((c) => c.name), plan.options)) }));
  }
  if (bytes) {
    let start = 0;
    for (const end of res.rowEnds) {
      out.write(encodeBackend({ kind: 'CopyData', data: Buffer.from(formatCopyRow(dataRowFields(bytes, start), plan.options), 'utf8') }));
      start = end;
    }
  }
  out.write(COPY_DONE);
  out.complete(`COPY ${res.rowCount}`);
}
