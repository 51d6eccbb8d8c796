// One client's session on a SQLite file: the Postgres protocol answered here, since no Postgres is
// behind. Messages queue in arrival order and run one at a time (async: worker requests and lock waits).
import { decodeFrontend } from '../../protocol/frontend-decoder.js';
import { BindCompleteFrame, CloseCompleteFrame, NoDataFrame, ParseCompleteFrame, PortalSuspendedFrame } from '../../protocol/constant-frames.js';
import { encodeBackend } from '../../protocol/backend-encoder.js';
import type { ClientChannel, ConnectorSession, StartupIdentity } from '../connector.js';
import { QueuedSession, type SessionOp } from '../queued-session.js';
import { failureOf, PgFailure } from './pg-failure.js';
import { CopyInSink, copyIn, copyOut } from './sqlite-copy.js';
import type { SqliteFile } from './sqlite-file.js';
import { decodeBind } from './sqlite-params.js';
import type { SqlitePlan } from './sqlite-plan.js';
import { StatementInterrupts } from './statement-interrupts.js';
import { PlanRunner } from './sqlite-plan-runner.js';
import { binaryColumns, commandTag, SessionOutput } from './sqlite-output.js';
import { SessionSettings } from './sqlite-settings.js';
import { SessionTransaction } from './sqlite-transaction.js';
import { sliceRows } from './row-slices.js';
import type { StorageValue } from './sqlite-types.js';
import type { ExecResult } from './worker-messages.js';

type Op = SessionOp;

type Statement = { sql: string; plan: SqlitePlan; schemaVersion: number; paramTypes: readonly number[] };
type Portal = { plan: SqlitePlan; params: StorageValue[]; binary: boolean[]; result: ExecResult | null; sent: number };

export class SqliteSession extends QueuedSession<CopyInSink> implements ConnectorSession {
  private readonly queue: Op[] = [];
  private pumping = false;
  /** A message is being answered (not just waiting for the client to drain its socket). */
  private running = false;
  private ended = false;
  private released = false;
  private skipping = false;
  private readonly statements = new Map<string, Statement>();
  private readonly portals = new Map<string, Portal>();
  private readonly out: SessionOutput;
  private readonly settings: SessionSettings;
  private readonly tx: SessionTransaction;
  private readonly runner: PlanRunner;
  private readonly slot: number;
  private readonly interrupts: StatementInterrupts;
  private readonly unsubscribe: () => void;
  onQuiescent: (() => void) | null = null;

  constructor(
    private readonly file: SqliteFile,
    private readonly client: ClientChannel,
    identity: StartupIdentity,
    private readonly id: number,
  ) {
    super();
    this.out = new SessionOutput(client);
    this.settings = new SessionSettings(identity.user, identity.parameters, identity.tenant);
    this.slot = file.host.takeSlot();
    this.interrupts = new StatementInterrupts(file.host, this.slot);
    this.tx = new SessionTransaction(file, id, this.slot, this.settings, (p) => this.interrupts.interruptible(p));
    this.runner = new PlanRunner(file, id, this.slot, this.tx, this.settings, this.out);
    this.unsubscribe = file.host.onRestart(() => {
      this.tx.workerLost();
      this.settings.resendAll();
    });
  }

  get quiescent(): boolean {
    return this.queue.length === 0 && !this.pumping && !this.skipping && this.tx.state === 'idle';
  }

  cancel(): void {
    this.interrupts.cancel();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.copySink?.message(Buffer.from([0x66, 0, 0, 0, 5, 0]));
    if (!this.running) return this.release();
    // The message in progress ends first, so that none of its worker requests follows the rollback and the
    // connection's close: a lock wait is given up, a cooperative statement (pg_sleep) asked to stop.
    this.interrupts.cancel(false);
  }

  /** The client is gone and nothing runs for it: roll back, free the lock, close the worker connection. */
  private release(): void {
    if (this.released) return;
    this.released = true;
    this.unsubscribe();
    void this.tx
      .abandon()
      .then(() => this.file.host.request({ op: 'close', session: this.id }))
      .catch(() => undefined)
      .finally(() => {
        this.file.host.clearCancel(this.slot);
        this.file.host.giveSlot(this.slot);
      });
  }

  protected submit(op: Op): void {
    if (this.ended) return;
    if (this.copySink) {
      // During COPY FROM STDIN Postgres ignores Flush and Sync, and fails the COPY on anything else (08P01).
      if (op.k !== 'sync' && op.k !== 'flush') this.copySink.unexpected(MESSAGE_TYPE[op.k]);
      return;
    }
    this.queue.push(op);
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    while (this.queue.length > 0 && !this.ended) {
      const op = this.queue.shift()!;
      this.running = true;
      try {
        await this.run(op);
      } catch (err) {
        // Only internal faults land here; statement errors are answered where they happen.
        this.out.error(failureOf(err));
      }
      this.running = false;
      if (this.ended) break;
      await this.out.drained();
    }
    this.pumping = false;
    if (this.ended) return this.release();
    if (this.onQuiescent && this.quiescent) this.onQuiescent();
  }

  private async run(op: Op): Promise<void> {
    if (op.k === 'sync') return this.syncNow();
    if (op.k === 'copy') return; // CopyData after a failed COPY: ignored, as Postgres does
    if (op.k === 'flush') return this.out.flush();
    // Postgres ignores every message but Sync after an extended-protocol error, a Query too.
    if (this.skipping) return;
    if (op.k === 'query') return this.simpleQuery(op.raw);
    try {
      switch (op.k) {
        case 'parse':
          return await this.parseNow(op.name, op.sql, op.types);
        case 'bind':
          return await this.bindNow(op.portal, op.statement, op.payload, op.restOffset);
        case 'describe':
          return this.describeNow(op.target, op.name);
        case 'execute':
          return await this.executeNow(op.raw);
        case 'close':
          if (op.target === 'S') this.statements.delete(op.name);
          else this.portals.delete(op.name);
          return this.out.write(CloseCompleteFrame);
        case 'refuse':
          this.out.write(op.frame);
          if (!op.extended) return this.out.ready(this.tx.status);
          this.skipping = true;
          return await this.tx.failed();
      }
    } catch (err) {
      this.out.error(failureOf(err));
      this.skipping = true;
      await this.tx.failed().catch(() => undefined);
    }
  }

  private async simpleQuery(raw: Buffer): Promise<void> {
    this.skipping = false;
    const msg = decodeFrontend({ code: raw[0]!, payload: raw.subarray(5) });
    const sql = msg.kind === 'Query' ? msg.sql : '';
    this.startStatement();
    try {
      const plans = await this.translate(sql);
      if (plans.length === 0) this.out.write(EMPTY_QUERY);
      for (const plan of plans) {
        if (plan.kind === 'copy_in' || plan.kind === 'copy_out') await this.runCopy(plan);
        else await this.runner.runSimple(plan);
      }
      await this.endImplicit();
    } catch (err) {
      this.out.error(failureOf(err));
      await this.tx.failed().catch(() => undefined);
    } finally {
      this.stopStatement();
    }
    this.endPortals();
    this.out.ready(this.tx.status);
  }

  private async runCopy(plan: Extract<SqlitePlan, { kind: 'copy_in' | 'copy_out' }>): Promise<void> {
    this.runner.gate(plan);
    if (plan.kind === 'copy_out') return copyOut(plan, this.runner, this.out);
    const sink = new CopyInSink(this.client);
    this.copySink = sink;
    // CopyData the client pipelined before our CopyInResponse is already queued.
    while (this.queue[0]?.k === 'copy') sink.message((this.queue.shift() as { raw: Buffer }).raw);
    try {
      await copyIn(plan, sink, { file: this.file, id: this.id, slot: this.slot, tx: this.tx, out: this.out });
    } finally {
      this.copySink = null;
    }
  }

  private async endImplicit(): Promise<void> {
    for (const [k, v] of await this.tx.endImplicit()) this.out.parameterStatus(k, v);
    await this.runner.reloadIfStale();
  }

  private async syncNow(): Promise<void> {
    this.skipping = false;
    try {
      await this.endImplicit();
    } catch (err) {
      this.out.error(failureOf(err));
    }
    this.endPortals();
    this.out.ready(this.tx.status);
  }

  /** Portals live no longer than their transaction (Postgres has no holdable portals over the protocol). */
  private endPortals(): void {
    if (this.tx.state === 'idle' && this.portals.size > 0) this.portals.clear();
  }

  private async translate(sql: string): Promise<readonly SqlitePlan[]> {
    const schema = await this.file.loadSchema();
    try {
      return this.file.translate(sql, schema);
    } catch (err) {
      throw new PgFailure('XX000', `statement could not be translated for SQLite: ${(err as Error).message}`);
    }
  }

  private async parseNow(name: string, sql: string, types: readonly number[]): Promise<void> {
    if (name !== '' && this.statements.has(name)) throw new PgFailure('42P05', `prepared statement "${name}" already exists`);
    const plans = await this.translate(sql);
    if (plans.length > 1) throw new PgFailure('42601', 'cannot insert multiple commands into a prepared statement');
    const plan: SqlitePlan = plans[0] ?? { kind: 'empty' };
    if (plan.kind === 'error') throw new PgFailure(plan.code, plan.message, plan.position !== undefined ? { position: String(plan.position) } : {});
    const inferred = plan.kind === 'run' ? plan.paramTypes.map((t) => t.oid) : [];
    const paramTypes = inferred.map((oid, i) => (types[i] ? types[i]! : oid));
    this.statements.set(name, { sql, plan, schemaVersion: this.file.schema?.version ?? 0, paramTypes });
    this.out.write(ParseCompleteFrame);
  }

  private async bindNow(portalName: string, statementName: string, payload: Buffer, restOffset: number): Promise<void> {
    const statement = this.statements.get(statementName);
    if (!statement) throw new PgFailure('26000', `prepared statement "${statementName}" does not exist`);
    // In an aborted transaction only the ways out may run (Postgres's IsTransactionExitStmt).
    if (this.tx.state === 'aborted' && !isTransactionExit(statement.plan)) throw new PgFailure('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    // A statement prepared before DDL is translated again against the new schema.
    if (this.file.schema && statement.schemaVersion !== this.file.schema.version) {
      const plans = await this.translate(statement.sql);
      statement.plan = plans[0] ?? { kind: 'empty' };
      statement.schemaVersion = this.file.schema.version;
    }
    const bound = decodeBind(payload, restOffset, statement.paramTypes);
    const columns = statement.plan.kind === 'run' ? (statement.plan.columns?.length ?? 0) : 0;
    this.portals.set(portalName, { plan: statement.plan, params: bound.params, binary: binaryColumns(bound.resultFormats, columns), result: null, sent: 0 });
    this.out.write(BindCompleteFrame);
  }

  private describeNow(target: 'S' | 'P', name: string): void {
    if (target === 'S') {
      const statement = this.statements.get(name);
      if (!statement) throw new PgFailure('26000', `prepared statement "${name}" does not exist`);
      this.out.write(encodeBackend({ kind: 'ParameterDescription', typeOids: [...statement.paramTypes] }));
      return this.describeRows(statement.plan, null);
    }
    const portal = this.portals.get(name);
    if (!portal) throw new PgFailure('34000', `portal "${name}" does not exist`);
    this.describeRows(portal.plan, portal.binary);
  }

  private describeRows(plan: SqlitePlan, binary: readonly boolean[] | null): void {
    if (plan.kind === 'run' && plan.columns) this.out.rowDescription(plan.columns, binary);
    else if (plan.kind === 'show') this.out.rowDescription([{ name: plan.name.toLowerCase(), type: { oid: 25, typmod: -1, typlen: -1, name: 'text' } }], null);
    else this.out.write(NoDataFrame);
  }

  private async executeNow(raw: Buffer): Promise<void> {
    const nameEnd = raw.indexOf(0, 5);
    const name = raw.toString('utf8', 5, nameEnd);
    const maxRows = raw.readInt32BE(nameEnd + 1);
    const portal = this.portals.get(name);
    if (!portal) throw new PgFailure('34000', `portal "${name}" does not exist`);
    const plan = portal.plan;
    if (plan.kind !== 'run') {
      if (plan.kind === 'copy_in' || plan.kind === 'copy_out') throw new PgFailure('0A000', 'COPY is supported in the simple query protocol only on SQLite backends');
      this.startStatement();
      try {
        if (plan.kind === 'empty') await this.runner.runSimple(plan);
        else if (plan.kind === 'show') {
          this.runner.gate(plan);
          this.runner.show(plan.name, false);
        } else {
          this.runner.gate(plan);
          await this.runner.runUtility(plan);
        }
      } finally {
        this.stopStatement();
      }
      return;
    }
    if (!portal.result) {
      this.runner.gate(plan);
      this.startStatement();
      try {
        portal.result = await this.runner.exec(plan, portal.params, portal.binary);
      } finally {
        this.stopStatement();
      }
    }
    const res = portal.result;
    const total = res.rowEnds.length;
    const to = maxRows > 0 ? Math.min(total, portal.sent + maxRows) : total;
    if (res.rows && to > portal.sent) this.out.write(sliceRows(res.rows, res.rowEnds, portal.sent, to));
    portal.sent = to;
    if (plan.columns && to < total) {
      this.out.write(PortalSuspendedFrame);
      return this.out.flush();
    }
    this.out.complete(commandTag(plan.tag, plan.columns ? total : res.rowCount));
  }

  private startStatement(): void {
    this.interrupts.start(this.settings.millis('statement_timeout'));
  }

  private stopStatement(): void {
    this.interrupts.stop();
  }
}

const EMPTY_QUERY = Buffer.from([0x49, 0, 0, 0, 4]);
const MESSAGE_TYPE: Record<Op['k'], string> = { query: 'Q', parse: 'P', bind: 'B', describe: 'D', execute: 'E', close: 'C', sync: 'S', copy: 'd', refuse: 'F', flush: 'H' };


function isTransactionExit(plan: SqlitePlan): boolean {
  return plan.kind === 'transaction' && (plan.action.kind === 'commit' || plan.action.kind === 'rollback' || plan.action.kind === 'rollback_to');
}
