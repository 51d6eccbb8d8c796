// COPY for a SQL Server session. FROM STDIN: the client's CopyData is parsed with the SQLite connector's
// COPY format code and inserted through the plan's one-row `insert`, several rows per request (the insert
// repeated with renumbered parameters; SQL Server takes at most 2100 parameters per request), all in one
// transaction (an implicit one when none is open), so a failed COPY leaves nothing behind. TO STDOUT: the
// query's rows as text lines.
import { encodeBackend } from '../../protocol/backend-encoder.js';
import { PgFailure } from '../sqlite/pg-failure.js';
import { CopyInSink, readCopyRows } from '../sqlite/sqlite-copy.js';
import { dataRowFields, formatCopyRow } from '../sqlite/sqlite-copy-format.js';
import { fromText } from '../sqlite/sqlite-params.js';
import type { SessionOutput } from '../sqlite/sqlite-output.js';
import type { StatementInterrupts } from './mssql-interrupts.js';
import { mssqlFailure } from './mssql-errors.js';
import { paramForType, serverValue, sqlTypeOf, type ParamValue } from './mssql-params.js';
import type { MssqlPlan, TsqlParam } from './mssql-plan.js';
import type { PlanRunner } from './mssql-plan-runner.js';
import type { SessionTransaction } from './mssql-transaction.js';

type CopyIn = Extract<MssqlPlan, { kind: 'copy_in' }>;
type CopyOut = Extract<MssqlPlan, { kind: 'copy_out' }>;

const MAX_PARAMS = 2000;
const MAX_ROWS_PER_REQUEST = 500;
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]);
const TIMESTAMPTZ = 1184;

export type CopyContext = { tx: SessionTransaction; out: SessionOutput; interrupts: StatementInterrupts; timeZone: string };

export async function copyIn(plan: CopyIn, sink: CopyInSink, ctx: CopyContext): Promise<void> {
  if (ctx.tx.readOnly) throw new PgFailure('25006', 'cannot execute COPY FROM in a read-only transaction');
  const columns = plan.columns.length;
  const oids = plan.columns.map((c, i) => plan.paramTypes[i]?.oid ?? c.type?.oid ?? 25);
  const params = oids.map((oid, i) => plan.params[i] ?? paramForType(oid));
  const batch = insertBatch(plan.insert, params, Math.max(1, Math.min(MAX_ROWS_PER_REQUEST, Math.floor(MAX_PARAMS / Math.max(1, columns)))));
  // timestamptz text stays as written: without a zone it is in the session's TimeZone.
  const convert = (fields: (string | null)[]): ParamValue[] => fields.map((f, i) => (f === null ? null : serverValue(fromText(f, oids[i] === TIMESTAMPTZ ? 25 : oids[i]!), params[i]!, oids[i]!, ctx.timeZone)));
  await readCopyRows(plan.columns, plan.options, sink, ctx.out, convert, async (values) => {
    if (values.length > 0 && ctx.tx.state === 'idle') await ctx.tx.beginImplicit();
    for (let i = 0; i < values.length; i += batch.rows) await runBatch(batch, values.slice(i, i + batch.rows), ctx);
  });
}

type InsertBatch = { rows: number; params: readonly TsqlParam[]; texts: Map<number, string>; insert: string };

/** The one-row insert repeated `n` times with @p renumbered per row (`@p1, @p2` → `@p3, @p4` for the second row). */
export function repeatedInsert(insert: string, columns: number, n: number): string {
  const parts: string[] = [];
  for (let r = 0; r < n; r++) parts.push(insert.replace(/@p(\d+)\b/g, (_, d: string) => `@p${Number(d) + r * columns}`));
  return parts.join(';\n');
}

function insertBatch(insert: string, params: readonly TsqlParam[], rows: number): InsertBatch {
  return { rows, params, texts: new Map(), insert };
}

async function runBatch(batch: InsertBatch, rows: readonly ParamValue[][], ctx: CopyContext): Promise<void> {
  ctx.interrupts.check();
  const n = rows.length;
  let tsql = batch.texts.get(n);
  if (tsql === undefined) {
    tsql = repeatedInsert(batch.insert, batch.params.length, n);
    batch.texts.set(n, tsql);
  }
  const req = await ctx.tx.request();
  rows.forEach((row, r) => row.forEach((v, i) => req.input(`p${r * batch.params.length + i + 1}`, sqlTypeOf(batch.params[i]!), v)));
  ctx.interrupts.running(req);
  try {
    await req.query(tsql);
  } catch (err) {
    throw mssqlFailure(ctx.interrupts.failureOf(err));
  }
}

export async function copyOut(plan: CopyOut, runner: PlanRunner, out: SessionOutput): Promise<void> {
  const res = await runner.exec(plan.query, [], null);
  const columns = res.columns ?? [];
  out.write(encodeBackend({ kind: 'CopyOutResponse', format: 0, columnFormats: new Array<number>(columns.length).fill(0) }));
  if (plan.options.header) out.write(encodeBackend({ kind: 'CopyData', data: Buffer.from(formatCopyRow(columns.map((c) => c.name), plan.options)) }));
  if (res.rows) {
    let start = 0;
    for (const end of res.rowEnds) {
      out.write(encodeBackend({ kind: 'CopyData', data: Buffer.from(formatCopyRow(dataRowFields(res.rows, start), plan.options), 'utf8') }));
      start = end;
    }
  }
  out.write(COPY_DONE);
  out.complete(`COPY ${res.rowCount}`);
}
