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

const BATCH_ROWS = 5000;
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]);

/** Collects one COPY FROM STDIN's data; `done` settles at CopyDone (the data) or CopyFail (an error). */
export class CopyInSink {
  private readonly chunks: Buffer[] = [];
  private settle!: (result: Buffer | PgFailure) => void;
  readonly done = new Promise<Buffer | PgFailure>((resolve) => (this.settle = resolve));

  /** Another message arrived during the COPY (Postgres: 08P01, and the COPY fails). */
  unexpected(type: string): void {
    this.settle(new PgFailure('08P01', `unexpected message type 0x${type.charCodeAt(0).toString(16).toUpperCase()} during COPY from stdin`));
  }

  /** A CopyData, CopyDone or CopyFail frame (type byte, length, payload). */
  message(raw: Buffer): void {
    const code = raw[0];
    if (code === 0x64) this.chunks.push(Buffer.from(raw.subarray(5)));
    else if (code === 0x63) this.settle(Buffer.concat(this.chunks));
    else if (code === 0x66) {
      const reason = raw.toString('utf8', 5, Math.max(5, raw.length - 1));
      this.settle(new PgFailure('57014', `COPY from stdin failed: ${reason}`));
    }
  }
}

export async function copyIn(
  plan: Extract<SqlitePlan, { kind: 'copy_in' }>,
  sink: CopyInSink,
  ctx: { file: SqliteFile; id: number; slot: number; tx: SessionTransaction; out: SessionOutput },
): Promise<void> {
  const columns = plan.columns.length;
  ctx.out.write(encodeBackend({ kind: 'CopyInResponse', format: 0, columnFormats: new Array<number>(columns).fill(0) }));
  ctx.out.flush();
  const data = await sink.done;
  if (data instanceof PgFailure) throw data;
  const rows = parseCopyRows(data.toString('utf8'), plan.options);
  const oids = plan.columns.map((c) => c.type.oid);
  const values: StorageValue[][] = rows.map((fields, line) => {
    if (fields.length !== columns) {
      throw new PgFailure('22P04', fields.length < columns ? `missing data for column "${plan.columns[fields.length]!.name}"` : 'extra data after last expected column', { detail: `COPY line ${line + 1}` });
    }
    return fields.map((f, i) => (f === null ? null : fromText(f, oids[i]!)));
  });
  await ctx.tx.ensureWrite('COPY');
  for (let i = 0; i < values.length; i += BATCH_ROWS) {
    await ctx.file.host.request({ op: 'batch', session: ctx.id, slot: ctx.slot, sql: plan.insert, rows: values.slice(i, i + BATCH_ROWS) }, ctx.slot);
  }
  ctx.out.complete(`COPY ${values.length}`);
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
