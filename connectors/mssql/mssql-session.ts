// One client's session on a SQL Server backend: the Postgres protocol answered here over the compiler's
// plans (no Postgres is behind). Messages queue in arrival order and run one at a time; the extended
// protocol's portals keep their encoded rows so Execute with a row limit can hand them out in slices.
import { decodeFrontend } from '../../protocol/frontend-decoder.js';
import { BindCompleteFrame, CloseCompleteFrame, NoDataFrame, ParseCompleteFrame, PortalSuspendedFrame } from '../../protocol/constant-frames.js';
import { encodeBackend } from '../../protocol/backend-encoder.js';
import type { ClientChannel, ConnectorSession, StartupIdentity } from '../connector.js';
import { QueuedSession } from '../queued-session.js';
import { PgFailure } from '../sqlite/pg-failure.js';
import { CopyInSink } from '../sqlite/sqlite-copy.js';
import { decodeBind } from '../sqlite/sqlite-params.js';
import { binaryColumns, commandTag, SessionOutput } from '../sqlite/sqlite-output.js';
import { SessionSettings } from '../sqlite/sqlite-settings.js';
import { sliceRows } from '../sqlite/row-slices.js';
import type { MssqlBackend } from './mssql-backend.js';
import { copyIn, copyOut } from './mssql-copy.js';
import { describeColumns } from './mssql-describe.js';
import { mssqlFailure } from './mssql-errors.js';
import { StatementInterrupts } from './mssql-interrupts.js';
import { bindParams, type ParamValue } from './mssql-params.js';
import type { MssqlPlan } from './mssql-plan.js';
import { PlanRunner, type ExecResult } from './mssql-plan-runner.js';
import { SessionTransaction } from './mssql-transaction.js';
import { MessageQueue, type Op } from './message-queue.js';

type Statement = { sql: string; plan: MssqlPlan; schemaVersion: number; paramTypes: readonly number[] };
type Portal = { plan: MssqlPlan; params: ParamValue[]; catalogParams: (string | null)[]; binary: boolean[]; result: ExecResult | null; sent: number };

const TEXT = { oid: 25, typmod: -1, typlen: -1, name: 'text' } as const;
const EMPTY_QUERY = Buffer.from([0x49, 0, 0, 0, 4]);

export class MssqlSession extends QueuedSession<CopyInSink> implements ConnectorSession {
  private readonly queue: MessageQueue;
  private skipping = false;
  private readonly statements = new Map<string, Statement>();
  private readonly portals = new Map<string, Portal>();
  private readonly out: SessionOutput;
  private readonly settings: SessionSettings;
  private readonly tx: SessionTransaction;
  private readonly runner: PlanRunner;
  private readonly interrupts = new StatementInterrupts();
  onQuiescent: (() => void) | null = null;

  constructor(
    private readonly backend: MssqlBackend,
    private readonly client: ClientChannel,
    identity: StartupIdentity,
  ) {
    super();
    this.out = new SessionOutput(client);
    this.settings = new SessionSettings(identity.user, identity.parameters, identity.tenant, { backend: 'SQL Server', anyTimeZone: true });
    this.tx = new SessionTransaction(backend, this.settings);
    this.runner = new PlanRunner(backend, this.tx, this.settings, this.out, this.interrupts);
    this.queue = new MessageQueue({
      run: (op) => this.run(op),
      internalError: (err) => this.out.error(mssqlFailure(err)),
      drained: () => this.out.drained(),
      released: () => void this.tx.abandon(),
      idle: () => {
        if (this.onQuiescent && this.quiescent) this.onQuiescent();
      },
    });
  }

  get quiescent(): boolean {
    return this.queue.idle && !this.skipping && this.tx.state === 'idle';
  }

  cancel(): void {
    this.interrupts.cancel();
  }

  end(): void {
    this.copySink?.message(Buffer.from([0x66, 0, 0, 0, 5, 0]));
    // The running statement is stopped; the transaction is rolled back once nothing runs (queue's release).
    this.interrupts.cancel();
    this.queue.end();
  }

  protected submit(op: Op): void {
    if (this.copySink) {
      // During COPY FROM STDIN Postgres ignores Flush and Sync, and fails the COPY on anything else (08P01).
      if (op.k !== 'sync' && op.k !== 'flush') this.copySink.unexpected(op.k === 'refuse' ? 'F' : MESSAGE_TYPE[op.k]);
      return;
    }
    this.queue.push(op);
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
          return await this.describeNow(op.target, op.name);
        case 'execute':
          return await this.executeNow(op.raw);
        case 'close':
          if (op.target === 'S') this.statements.delete(op.name);
          else this.portals.delete(op.name);
          return this.out.write(CloseCompleteFrame);
        case 'refuse':
          // A refused statement fails like any other: inside a transaction, the transaction is aborted.
          this.out.write(op.frame);
          await this.tx.failed();
          await this.runner.transactionEnded();
          if (!op.extended) return this.out.ready(this.tx.status);
          this.skipping = true;
          return;
      }
    } catch (err) {
      this.out.error(mssqlFailure(err));
      this.skipping = true;
      await this.tx.failed().catch(() => undefined);
      await this.runner.transactionEnded().catch(() => undefined);
    }
  }

  private async simpleQuery(raw: Buffer): Promise<void> {
    const msg = decodeFrontend({ code: raw[0]!, payload: raw.subarray(5) });
    const sql = msg.kind === 'Query' ? msg.sql : '';
    this.interrupts.start(this.settings.millis('statement_timeout'));
    try {
      const plans = await this.translate(sql);
      if (plans.length === 0) this.out.write(EMPTY_QUERY);
      // Several statements in one Query run in one implicit transaction, as in Postgres.
      const implicit = plans.length > 1 && plans.some((p) => p.kind === 'run' || p.kind === 'copy_in');
      for (const plan of plans) {
        if (implicit && this.tx.state === 'idle' && (plan.kind === 'run' || plan.kind === 'copy_in')) await this.tx.beginImplicit();
        if (plan.kind === 'copy_in' || plan.kind === 'copy_out') await this.runCopy(plan);
        else await this.runner.runSimple(plan);
      }
      await this.endImplicit();
    } catch (err) {
      this.out.error(mssqlFailure(err));
      await this.tx.failed().catch(() => undefined);
      await this.runner.transactionEnded().catch(() => undefined);
    } finally {
      this.interrupts.stop();
    }
    this.endPortals();
    this.out.ready(this.tx.status);
  }

  private async runCopy(plan: Extract<MssqlPlan, { kind: 'copy_in' | 'copy_out' }>): Promise<void> {
    this.runner.gate(plan);
    if (plan.kind === 'copy_out') return copyOut(plan, this.runner, this.out);
    const sink = new CopyInSink(this.client);
    this.copySink = sink;
    // CopyData the client pipelined before our CopyInResponse is already queued.
    for (const raw of this.queue.takeCopyData()) sink.message(raw);
    try {
      await copyIn(plan, sink, { tx: this.tx, out: this.out, interrupts: this.interrupts, timeZone: this.runner.timeZone() });
    } finally {
      this.copySink = null;
    }
  }

  private async endImplicit(): Promise<void> {
    for (const [k, v] of await this.tx.endImplicit()) this.out.parameterStatus(k, v);
    await this.runner.transactionEnded();
  }

  private async syncNow(): Promise<void> {
    this.skipping = false;
    try {
      await this.endImplicit();
    } catch (err) {
      this.out.error(mssqlFailure(err));
    }
    this.endPortals();
    this.out.ready(this.tx.status);
  }

  /** Portals live no longer than their transaction (Postgres has no holdable portals over the protocol). */
  private endPortals(): void {
    if (this.tx.state === 'idle' && this.portals.size > 0) this.portals.clear();
  }

  private async translate(sql: string): Promise<readonly MssqlPlan[]> {
    let schema;
    try {
      schema = this.runner.txSchema ?? (await this.backend.loadSchema());
    } catch (err) {
      const f = mssqlFailure(err);
      throw new PgFailure(f.code.startsWith('08') || f.code === 'XX000' ? '08006' : f.code, `could not read the SQL Server schema: ${f.message}`);
    }
    try {
      return this.backend.translate(sql, schema);
    } catch (err) {
      throw new PgFailure('XX000', `statement could not be translated for SQL Server: ${(err as Error).message}`);
    }
  }

  private async parseNow(name: string, sql: string, types: readonly number[]): Promise<void> {
    if (name !== '' && this.statements.has(name)) throw new PgFailure('42P05', `prepared statement "${name}" already exists`);
    const plans = await this.translate(sql);
    if (plans.length > 1) throw new PgFailure('42601', 'cannot insert multiple commands into a prepared statement');
    const plan: MssqlPlan = plans[0] ?? { kind: 'empty' };
    if (plan.kind === 'error') throw new PgFailure(plan.code, plan.message, plan.position !== undefined ? { position: String(plan.position) } : {});
    const inferred = plan.kind === 'run' ? plan.paramTypes.map((t) => t.oid) : plan.kind === 'catalog' ? this.catalogParamTypes(plan.sql) : [];
    const paramTypes = inferred.map((oid, i) => (types[i] ? types[i]! : oid));
    this.statements.set(name, { sql, plan, schemaVersion: this.schemaVersion(), paramTypes });
    this.out.write(ParseCompleteFrame);
  }

  private catalogParamTypes(sql: string): number[] {
    const d = this.backend.catalog.describe(sql);
    if ('error' in d) throw new PgFailure(d.error.code, d.error.message);
    return d.paramTypes;
  }

  private catalogColumnCount(sql: string): number {
    const d = this.backend.catalog.describe(sql);
    return 'error' in d ? 0 : d.columns.length;
  }

  private schemaVersion(): number {
    return (this.runner.txSchema ?? this.backend.schema)?.version ?? 0;
  }

  private async bindNow(portalName: string, statementName: string, payload: Buffer, restOffset: number): Promise<void> {
    const statement = this.statements.get(statementName);
    if (!statement) throw new PgFailure('26000', `prepared statement "${statementName}" does not exist`);
    // In an aborted transaction only the ways out may run (Postgres's IsTransactionExitStmt).
    if (this.tx.state === 'aborted' && !isTransactionExit(statement.plan)) throw new PgFailure('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    // A statement prepared before DDL is translated again against the new schema.
    if (statement.schemaVersion !== this.schemaVersion()) {
      const plans = await this.translate(statement.sql);
      statement.plan = plans[0] ?? { kind: 'empty' };
      statement.schemaVersion = this.schemaVersion();
    }
    const plan = statement.plan;
    let params: ParamValue[] = [];
    let catalogParams: (string | null)[] = [];
    let formats: readonly number[];
    if (plan.kind === 'run') {
      const bound = bindParams(payload, restOffset, statement.paramTypes, plan.params, this.runner.timeZone());
      params = bound.values;
      formats = bound.resultFormats;
    } else {
      const bound = decodeBind(payload, restOffset, statement.paramTypes);
      catalogParams = bound.params.map((v, i) => (v === null ? null : textParam(v, statement.paramTypes[i] ?? 25)));
      formats = bound.resultFormats;
    }
    const columns = plan.kind === 'run' ? (plan.columns?.length ?? 0) : plan.kind === 'catalog' ? this.catalogColumnCount(plan.sql) : 0;
    this.portals.set(portalName, { plan, params, catalogParams, binary: binaryColumns(formats, columns), result: null, sent: 0 });
    this.out.write(BindCompleteFrame);
  }

  private async describeNow(target: 'S' | 'P', name: string): Promise<void> {
    if (target === 'S') {
      const statement = this.statements.get(name);
      if (!statement) throw new PgFailure('26000', `prepared statement "${name}" does not exist`);
      this.out.write(encodeBackend({ kind: 'ParameterDescription', typeOids: [...statement.paramTypes] }));
      return this.describeRows(statement.plan, null);
    }
    const portal = this.portals.get(name);
    if (!portal) throw new PgFailure('34000', `portal "${name}" does not exist`);
    await this.describeRows(portal.plan, portal.binary);
  }

  private async describeRows(plan: MssqlPlan, binary: readonly boolean[] | null): Promise<void> {
    if (plan.kind === 'run' && plan.columns) {
      const columns = await describeColumns(plan, () => this.tx.request());
      this.out.rowDescription(columns ?? [], binary);
    } else if (plan.kind === 'catalog') {
      const d = this.backend.catalog.describe(plan.sql);
      if ('error' in d) throw new PgFailure(d.error.code, d.error.message);
      if (d.columns.length === 0) return this.out.write(NoDataFrame);
      this.out.rowDescription(d.columns.map((c) => ({ name: c.name, type: { oid: c.oid, typmod: c.typmod, typlen: c.typlen, name: '' } })), binary);
    } else if (plan.kind === 'show') this.out.rowDescription([{ name: plan.name.toLowerCase(), type: TEXT }], null);
    else this.out.write(NoDataFrame);
  }

  private async executeNow(raw: Buffer): Promise<void> {
    const nameEnd = raw.indexOf(0, 5);
    const name = raw.toString('utf8', 5, nameEnd);
    const maxRows = raw.readInt32BE(nameEnd + 1);
    const portal = this.portals.get(name);
    if (!portal) throw new PgFailure('34000', `portal "${name}" does not exist`);
    const plan = portal.plan;
    if (plan.kind !== 'run') return this.executeOther(plan, portal);
    if (!portal.result) {
      this.runner.gate(plan);
      // Statements pipelined up to one Sync are one implicit transaction in Postgres; a lone one autocommits.
      if (this.tx.state === 'idle' && this.queue.executeBeforeSync()) await this.tx.beginImplicit();
      this.interrupts.start(this.settings.millis('statement_timeout'));
      try {
        portal.result = await this.runner.exec(plan, portal.params, portal.binary);
      } finally {
        this.interrupts.stop();
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

  private async executeOther(plan: Exclude<MssqlPlan, { kind: 'run' }>, portal: Portal): Promise<void> {
    if (plan.kind === 'copy_in' || plan.kind === 'copy_out') throw new PgFailure('0A000', 'COPY is supported in the simple query protocol only on SQL Server backends');
    this.runner.gate(plan);
    this.interrupts.start(this.settings.millis('statement_timeout'));
    try {
      if (plan.kind === 'empty') this.out.write(EMPTY_QUERY);
      else if (plan.kind === 'catalog') this.runner.catalog(plan, portal.catalogParams, portal.binary, false);
      else if (plan.kind === 'show') this.runner.show(plan.name, false);
      else await this.runner.runUtility(plan);
    } finally {
      this.interrupts.stop();
    }
  }
}

const MESSAGE_TYPE: Record<Exclude<Op['k'], 'refuse'>, string> = { query: 'Q', parse: 'P', bind: 'B', describe: 'D', execute: 'E', close: 'C', sync: 'S', copy: 'd', flush: 'H' };


function isTransactionExit(plan: MssqlPlan): boolean {
  return plan.kind === 'transaction' && (plan.action.kind === 'commit' || plan.action.kind === 'rollback' || plan.action.kind === 'rollback_to');
}

/** A catalog query's parameter in Postgres text form (the mirror reads text). */
function textParam(v: number | bigint | string | Uint8Array, oid: number): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return '\\x' + Buffer.from(v).toString('hex');
  if (oid === 16) return v ? 't' : 'f';
  return String(v);
}
