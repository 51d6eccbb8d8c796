// Runs one plan for a session and writes its answer (everything but ReadyForQuery): rows encoded as
// Postgres DataRows, tags, transaction control with Postgres's warnings, SET/SHOW, catalog queries, and
// the aborted-transaction gate.
import mssql from 'mssql';
import { DataRowWriter } from '../sqlite/data-row-writer.js';
import { isKnownZone } from '../sqlite/functions/timezone.js';
import { PgFailure } from '../sqlite/pg-failure.js';
import { commandTag, type SessionOutput } from '../sqlite/sqlite-output.js';
import type { SessionSettings } from '../sqlite/sqlite-settings.js';
import { columnEncoder } from '../sqlite/sqlite-types.js';
import { objectRows, type MssqlBackend } from './mssql-backend.js';
import { describedColumns, type TypedColumn } from './mssql-describe.js';
import { mssqlFailure } from './mssql-errors.js';
import type { StatementInterrupts } from './mssql-interrupts.js';
import { paramForType, sqlTypeOf, type ParamValue } from './mssql-params.js';
import type { MssqlPlan, MssqlSchema, RunPlan } from './mssql-plan.js';
import { ABORTED, type SessionTransaction } from './mssql-transaction.js';
import { pgTypeOfResultColumn, serverColumnOf } from './mssql-types.js';
import { columnWriter } from './mssql-values.js';
import { answerNoop, answerSet, answerShow } from '../sqlite/setting-answers.js';

export type ExecResult = { rows: Buffer | null; rowEnds: number[]; rowCount: number; columns: readonly TypedColumn[] | null };
type CatalogPlan = Extract<MssqlPlan, { kind: 'catalog' }>;
type UtilityPlan = Exclude<MssqlPlan, { kind: 'run' | 'empty' | 'copy_in' | 'copy_out' | 'catalog' }>;
type MetaColumn = Parameters<typeof serverColumnOf>[0];

const TEXT = { oid: 25, typmod: -1, typlen: -1, name: 'text' } as const;
const EMPTY_QUERY = Buffer.from([0x49, 0, 0, 0, 4]);

export class PlanRunner {
  /** The schema this session's open transaction sees after its own DDL (null: the backend's shared one). */
  txSchema: MssqlSchema | null = null;
  /** DDL ran inside the transaction: the shared schema is read again once it commits. */
  private schemaStale = false;

  constructor(
    private readonly backend: MssqlBackend,
    private readonly tx: SessionTransaction,
    private readonly settings: SessionSettings,
    private readonly out: SessionOutput,
    private readonly interrupts: StatementInterrupts,
  ) {}

  /** Refuses everything but the way out of an aborted transaction. */
  gate(plan: MssqlPlan): void {
    if (this.tx.state !== 'aborted') return;
    if (plan.kind === 'transaction' && (plan.action.kind === 'rollback' || plan.action.kind === 'commit' || plan.action.kind === 'rollback_to')) return;
    throw new PgFailure('25P02', ABORTED);
  }

  private zoneChecked: [string, string] = ['UTC', 'UTC'];

  /** The session's TimeZone for timestamptz output; a startup TimeZone Intl does not know prints as UTC. */
  timeZone = (): string => {
    const zone = this.settings.get('timezone') ?? 'UTC';
    if (this.zoneChecked[0] !== zone) this.zoneChecked = [zone, isKnownZone(zone) ? zone : 'UTC'];
    return this.zoneChecked[1];
  };

  /** Runs a 'run' plan's batch with its parameters and encodes the last result set. */
  async exec(plan: RunPlan, params: readonly ParamValue[], binary: readonly boolean[] | null): Promise<ExecResult> {
    if (this.tx.readOnly && !plan.readOnly) throw new PgFailure('25006', `cannot execute ${commandOf(plan)} in a read-only transaction`);
    const req = await this.tx.request();
    const count = Math.max(plan.params.length, params.length);
    for (let i = 0; i < count; i++) req.input(`p${i + 1}`, sqlTypeOf(plan.params[i] ?? paramForType(plan.paramTypes[i]?.oid ?? 25)), params[i] ?? null);
    let result: mssql.IResult<unknown>;
    this.interrupts.running(req);
    try {
      result = await req.query(plan.tsql);
    } catch (err) {
      throw mssqlFailure(this.interrupts.failureOf(err));
    }
    const res = this.encode(plan, result, binary);
    // The DDL ran: a schema that cannot be read now is read again before the next statement, not reported as its failure.
    if (plan.schemaChanged) await this.schemaChanged().catch(() => this.backend.forgetSchema());
    return res;
  }

  private encode(plan: RunPlan, result: mssql.IResult<unknown>, binary: readonly boolean[] | null): ExecResult {
    const affected = result.rowsAffected ?? [];
    const lastCount = affected.length > 0 ? affected[affected.length - 1]! : 0;
    if (!plan.columns) return { rows: null, rowEnds: [], rowCount: lastCount, columns: null };
    const recordset = result.recordsets[result.recordsets.length - 1] as unknown[][] | undefined;
    const meta = ((recordset as { columns?: MetaColumn[] } | undefined)?.columns ?? []).map(serverColumnOf);
    const known = describedColumns(plan);
    const columns: TypedColumn[] = plan.columns.map((c, i) => ({ name: c.name, type: c.type ?? known?.[i]?.type ?? (meta[i] ? pgTypeOfResultColumn(meta[i]) : TEXT) }));
    const writers = columns.map((c, i) => columnWriter(c.type, meta[i] ?? null, binary?.[i] ?? false, this.timeZone));
    const w = new DataRowWriter();
    for (const row of recordset ?? []) {
      w.beginRow(writers.length);
      for (let i = 0; i < writers.length; i++) {
        const v = row[i];
        if (v === null || v === undefined) w.null();
        else writers[i]!(w, v);
      }
      w.endRow();
    }
    const taken = w.take();
    return { rows: taken.bytes, rowEnds: taken.rowEnds, rowCount: taken.rowEnds.length, columns };
  }

  /** After DDL: outside a transaction the shared schema is read again; inside, this session's own view of it. */
  private async schemaChanged(): Promise<void> {
    if (!this.tx.open) {
      await this.backend.reloadSchema();
      return;
    }
    this.schemaStale = true;
    this.txSchema = await this.backend.privateSchema(objectRows(() => this.tx.request()));
  }

  /** The transaction ended: its private schema goes; after a commit of DDL the shared one is read again. */
  async transactionEnded(): Promise<void> {
    if (this.tx.state !== 'idle') return;
    this.txSchema = null;
    if (!this.schemaStale) return;
    this.schemaStale = false;
    await this.backend.reloadSchema();
  }

  /** A complete statement of a simple Query: RowDescription, rows, CommandComplete. */
  async runSimple(plan: MssqlPlan): Promise<void> {
    this.gate(plan);
    switch (plan.kind) {
      case 'run': {
        const res = await this.exec(plan, [], null);
        if (res.columns) this.out.rowDescription(res.columns, null);
        if (res.rows) this.out.write(res.rows);
        this.out.complete(commandTag(plan.tag, res.rowCount));
        return;
      }
      case 'catalog':
        return this.catalog(plan, [], null, true);
      case 'empty':
        return this.out.write(EMPTY_QUERY);
      case 'copy_in':
      case 'copy_out':
        throw new PgFailure('XX000', 'COPY reached the plan runner');
      default:
        return this.runUtility(plan);
    }
  }

  /** A catalog query, answered by the backend's catalog mirror (text values; binary by the SQLite encoders). */
  catalog(plan: CatalogPlan, params: readonly (string | null)[], binary: readonly boolean[] | null, describe: boolean): void {
    const res = this.backend.catalog.run(plan.sql, params, this.settings.all);
    if ('error' in res) throw new PgFailure(res.error.code, res.error.message);
    const columns = res.columns.map((c) => ({ name: c.name, type: { oid: c.oid, typmod: c.typmod, typlen: c.typlen, name: '' } }));
    if (describe) this.out.rowDescription(columns, binary);
    const encoders = columns.map((c, i) => columnEncoder(c.type.oid, binary?.[i] ?? false));
    const w = new DataRowWriter();
    for (const row of res.rows) {
      w.beginRow(encoders.length);
      encoders.forEach((e, i) => {
        const v = row[i];
        if (v === null || v === undefined) w.null();
        else e(w, v);
      });
      w.endRow();
    }
    if (w.rowEnds.length > 0) this.out.write(w.take().bytes);
    this.out.complete(res.tag);
  }

  /** Plans answered without a result set from the server: transaction control, SET, SHOW, noop, error. */
  async runUtility(plan: UtilityPlan): Promise<void> {
    switch (plan.kind) {
      case 'transaction':
        return this.transaction(plan);
      case 'set':
        return answerSet(plan, this.settings, this.out, this.tx.state !== 'idle');
      case 'show':
        return this.show(plan.name);
      case 'noop':
        return answerNoop(plan.tag, this.settings, this.out);
      case 'error':
        throw new PgFailure(plan.code, plan.message, plan.position !== undefined ? { position: String(plan.position) } : {});
    }
  }

  private async transaction(plan: Extract<MssqlPlan, { kind: 'transaction' }>): Promise<void> {
    const a = plan.action;
    let tag = plan.tag;
    let reported: [string, string][] = [];
    switch (a.kind) {
      case 'begin': {
        const notice = await this.tx.begin(a);
        if (notice) this.out.notice(notice.code, notice.message);
        break;
      }
      case 'commit': {
        const r = await this.tx.commit();
        if (r.notice) this.out.notice(r.notice.code, r.notice.message);
        tag = r.tag;
        reported = r.reported;
        if (r.tag === 'ROLLBACK') this.schemaStale = false;
        await this.transactionEnded();
        break;
      }
      case 'rollback': {
        const r = await this.tx.rollback();
        if (r.notice) this.out.notice(r.notice.code, r.notice.message);
        reported = r.reported;
        this.schemaStale = false;
        await this.transactionEnded();
        break;
      }
      case 'savepoint':
        await this.tx.savepoint(a.name);
        break;
      case 'release':
        this.tx.release(a.name);
        break;
      case 'rollback_to':
        await this.tx.rollbackTo(a.name);
        break;
    }
    this.out.complete(tag);
    for (const [k, v] of reported) this.out.parameterStatus(k, v);
  }

  /** SHOW's answer; an Execute sends no RowDescription (Describe does). */
  show(rawName: string, describe = true): void {
    answerShow(rawName, this.settings, this.out, describe);
  }
}

function commandOf(plan: RunPlan): string {
  return plan.tag.kind === 'rows' ? plan.tag.command : (plan.tag.tag.split(' ')[0] ?? 'statement');
}

