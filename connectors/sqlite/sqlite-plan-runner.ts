// Runs one plan for a session and writes its answer (everything but ReadyForQuery): rows, tags,
// transaction control with Postgres's warnings, SET/SHOW, and the aborted-transaction gate.
import { PgFailure } from './pg-failure.js';
import type { SqliteFile } from './sqlite-file.js';
import type { SqlitePlan } from './sqlite-plan.js';
import type { SessionSettings } from './sqlite-settings.js';
import { commandTag, type SessionOutput } from './sqlite-output.js';
import type { SessionTransaction } from './sqlite-transaction.js';
import type { StorageValue } from './sqlite-types.js';
import type { ExecResult, ResultShape } from './worker-messages.js';
import { WorkerRequestError } from './sqlite-worker-host.js';
import { answerNoop, answerSet, answerShow } from './setting-answers.js';

export type RunPlan = Extract<SqlitePlan, { kind: 'run' }>;

export const ABORTED = 'current transaction is aborted, commands ignored until end of transaction block';

export class PlanRunner {
  /** DDL ran inside a transaction: the schema is re-read when it ends (the schema reader sees committed data only). */
  schemaStale = false;

  constructor(
    private readonly file: SqliteFile,
    private readonly id: number,
    private readonly slot: number,
    private readonly tx: SessionTransaction,
    private readonly settings: SessionSettings,
    private readonly out: SessionOutput,
  ) {}

  /** Refuses everything but the way out of an aborted transaction. */
  gate(plan: SqlitePlan): void {
    if (this.tx.state !== 'aborted') return;
    if (plan.kind === 'transaction' && (plan.action.kind === 'rollback' || plan.action.kind === 'commit' || plan.action.kind === 'rollback_to')) return;
    throw new PgFailure('25P02', ABORTED);
  }

  /** Runs a 'run' plan's statements in the worker (after taking the write lock when it writes). */
  async exec(plan: RunPlan, params: readonly StorageValue[], binary: readonly boolean[] | null): Promise<ExecResult> {
    if (!plan.readOnly) await this.tx.ensureWrite(writeCommand(plan));
    const wrap = this.tx.open ? 'savepoint' : plan.sqlite.length > 1 ? 'transaction' : 'none';
    const columns = plan.columns;
    const result = columns ? { oids: columns.map((c) => c.type.oid), binary: binary ?? columns.map(() => false) } : null;
    if (plan.readOnly && !this.tx.open && plan.sqlite.length === 1) {
      const inline = this.inlineRun(plan.sqlite[0]!, params, result);
      if (inline) return inline;
    }
    const begin = this.tx.takeBegin();
    let res;
    try {
      res = await this.file.host.request({ op: 'exec', session: this.id, slot: this.slot, sql: plan.sqlite, params, result, wrap, begin, settings: this.settings.takeDirty() }, this.slot);
      this.tx.execDone(res.inTransaction);
    } catch (err) {
      this.tx.execDone(err instanceof WorkerRequestError ? err.inTransaction : undefined);
      throw err;
    }
    if (plan.schemaChanged) {
      if (this.tx.open) this.schemaStale = true;
      else await this.file.reloadSchema();
    }
    return res.exec!;
  }

  /** A proven single-row read on the main thread; null sends it to the worker (which also answers any error it raises). */
  private inlineRun(sql: string, params: readonly StorageValue[], result: ResultShape | null): ExecResult | null {
    try {
      return this.file.inline.tryRun(sql, params, result, this.settings.all);
    } catch {
      return null;
    }
  }

  /** A complete statement of a simple Query: RowDescription, rows, CommandComplete. */
  async runSimple(plan: SqlitePlan): Promise<void> {
    this.gate(plan);
    switch (plan.kind) {
      case 'run': {
        const res = await this.exec(plan, [], null);
        if (plan.columns) this.out.rowDescription(plan.columns, null);
        if (res.rows) this.out.write(res.rows);
        this.out.complete(commandTag(plan.tag, res.rowCount));
        return;
      }
      case 'empty':
        return this.out.write(EMPTY_QUERY);
      case 'copy_in':
      case 'copy_out':
        throw new PgFailure('XX000', 'COPY reached the plan runner');
      default:
        return this.runUtility(plan);
    }
  }

  /** Plans that return no rows from the file: transaction control, SET, SHOW, noop, error. */
  async runUtility(plan: Exclude<SqlitePlan, { kind: 'run' | 'empty' | 'copy_in' | 'copy_out' }>): Promise<void> {
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

  private async transaction(plan: Extract<SqlitePlan, { kind: 'transaction' }>): Promise<void> {
    const a = plan.action;
    let tag = plan.tag;
    let reported: [string, string][] = [];
    switch (a.kind) {
      case 'begin': {
        const notice = await this.tx.begin(a.readOnly);
        if (notice) this.out.notice(notice.code, notice.message);
        break;
      }
      case 'commit': {
        const r = await this.tx.commit();
        if (r.notice) this.out.notice(r.notice.code, r.notice.message);
        tag = r.tag;
        reported = r.reported;
        await this.reloadIfStale();
        break;
      }
      case 'rollback': {
        const r = await this.tx.rollback();
        if (r.notice) this.out.notice(r.notice.code, r.notice.message);
        reported = r.reported;
        this.schemaStale = false;
        break;
      }
      case 'savepoint':
        await this.tx.savepoint(a.name);
        break;
      case 'release':
        await this.tx.release(a.name);
        break;
      case 'rollback_to':
        await this.tx.rollbackTo(a.name);
        break;
    }
    this.out.complete(tag);
    for (const [k, v] of reported) this.out.parameterStatus(k, v);
  }

  async reloadIfStale(): Promise<void> {
    if (!this.schemaStale || this.tx.open) return;
    this.schemaStale = false;
    await this.file.reloadSchema();
  }

  /** SHOW's answer; an Execute sends no RowDescription (Describe does). */
  show(rawName: string, describe = true): void {
    answerShow(rawName, this.settings, this.out, describe);
  }
}

const EMPTY_QUERY = Buffer.from([0x49, 0, 0, 0, 4]);

function writeCommand(plan: RunPlan): string {
  return plan.tag.kind === 'rows' ? plan.tag.command : plan.tag.tag.split(' ')[0] ?? 'statement';
}
