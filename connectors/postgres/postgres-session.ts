// One client's view of a Postgres backend in transaction-mode pooling. Requests are written to the
// server connection the client holds; between transactions it holds none, and the next request
// checks one out of the pool (queued here meanwhile). Named prepared statements are mapped to shared
// server-side names and re-prepared on connections that lack them; session parameters are replayed on
// checkout; LISTEN and other session-bound state pin the client to its connection.
import { encodeBindWithStatement } from '../../protocol/bind-statement.js';
import { encodeBackend, errorResponse } from '../../protocol/backend-encoder.js';
import { decodeBackend } from '../../protocol/backend-decoder.js';
import { CloseCompleteFrame, ParseCompleteFrame, readyForQueryFrame } from '../../protocol/constant-frames.js';
import { encodeFrontend } from '../../protocol/frontend-encoder.js';
import type { ClientChannel, ConnectorSession, StartupIdentity } from '../connector.js';
import type { SessionEffects } from '../session-effects.js';
import { ClientStatements } from './client-statements.js';
import { QuotaSlot } from './quota-slot.js';
import { Expect, Visibility, expected, synthetic } from './expected-response.js';
import { answerableLocally, type PendingOp } from './pending-op.js';
import type { PostgresPool } from './postgres-pool.js';
import { BackendError } from './postgres-errors.js';
import type { ResponseSink } from './response-router.js';
import { ServerConnection, TxStatus } from './server-connection.js';
import { DIRTY_PARAMS, SessionState } from './session-state.js';
import type { SharedStatement, StatementRegistry } from './statement-registry.js';
import { sendCancelRequest } from './cancel-request.js';

// A Bind to a statement that cannot exist: the server answers with an error (swallowed) and then skips
// to the next Sync, which aborts the batch or transaction exactly as a real error would.
const ABORT_BIND = encodeFrontend({ kind: 'Bind', portal: '', statement: 'pgfabric.abort', paramFormats: [], params: [], resultFormats: [] });
const SYNC = encodeFrontend({ kind: 'Sync' });
const READY_IDLE = readyForQueryFrame('I');

export class PostgresSession implements ConnectorSession, ResponseSink {
  private link: ServerConnection | null = null;
  private readonly pending: PendingOp[] = [];
  private acquiring = false;
  private ended = false;
  /** After a refused extended-protocol request: discard the client's messages until Sync, like Postgres. */
  private skipping = false;
  private serverPaused = false;
  private inputPausedForServer = false;
  private readonly statements = new ClientStatements();
  private readonly state: SessionState;
  onQuiescent: (() => void) | null = null;

  constructor(
    private readonly pool: PostgresPool,
    private readonly registry: StatementRegistry,
    private readonly client: ClientChannel,
    identity: StartupIdentity,
  ) {
    this.state = new SessionState(identity.parameters);
    this.channelPrefix = identity.channelPrefix ?? '';
    this.slot = new QuotaSlot(identity.quota ?? null);
  }

  /** One of the tenant's server-connection slots, when its config limits them. */
  private readonly slot: QuotaSlot;

  private readonly channelPrefix: string;

  /** Nothing in flight and no transaction open (a pinned client may still hold its idle connection). */
  get quiescent(): boolean {
    const link = this.link;
    return this.pending.length === 0 && !this.skipping && (link === null || (link.router.idle && link.txStatus === TxStatus.Idle));
  }

  get waitingForServer(): boolean {
    return this.acquiring;
  }

  // ---- requests from the client, in order ----

  query(raw: Buffer, effects: SessionEffects): void {
    this.submit({ k: 'query', raw, effects });
  }

  parse(name: string, sql: string, paramTypes: readonly number[], raw: Buffer, effects: SessionEffects): void {
    if (this.skipping) return;
    if (name === '') {
      this.statements.parsedUnnamed(effects);
      this.state.noteSent(effects, null);
      this.submit({ k: 'parse', name, shared: null, raw });
      return;
    }
    if (this.statements.has(name)) {
      return this.refuse(errorResponse({ severity: 'ERROR', code: '42P05', message: `prepared statement "${name}" already exists` }), true);
    }
    const shared = this.registry.intern(sql, paramTypes);
    this.statements.parsed(name, shared, effects);
    this.state.noteSent(effects, null);
    if (shared.verified && this.link === null && this.pending.length === 0) {
      // The server already accepted this statement: answer without a connection (it is prepared on demand at
      // Bind). Waiting for one here deadlocks clients such as pgbench -M prepared, whose blocking PQprepare
      // stalls the thread that drives the clients holding every connection mid-transaction.
      this.client.write(ParseCompleteFrame);
      return;
    }
    this.submit({ k: 'parse', name, shared, raw });
  }

  bind(portal: string, statement: string, payload: Buffer, restOffset: number, raw: Buffer): void {
    if (this.skipping) return;
    this.statements.bound(portal, statement);
    if (statement === '') return this.submit({ k: 'bind', portal, shared: null, payload, restOffset, raw });
    const shared = this.statements.shared(statement);
    if (!shared) return this.refuse(unknownStatement(statement), true);
    this.submit({ k: 'bind', portal, shared, payload, restOffset, raw });
  }

  describe(target: 'S' | 'P', name: string, raw: Buffer): void {
    if (this.skipping) return;
    if (target === 'P' || name === '') return this.submit({ k: 'describe', target, shared: null, raw });
    const shared = this.statements.shared(name);
    if (!shared) return this.refuse(unknownStatement(name), true);
    this.submit({ k: 'describe', target, shared, raw });
  }

  execute(portal: string, raw: Buffer): void {
    this.submit({ k: 'execute', portal, raw });
  }

  close(target: 'S' | 'P', name: string, raw: Buffer): void {
    if (this.skipping) return;
    const named = target === 'S' && name !== '';
    if (named) {
      // The shared server-side statement stays for other clients; only this client's name goes.
      this.statements.forget(name);
    }
    this.submit({ k: 'close', target, named, raw });
  }

  sync(raw: Buffer): void {
    this.submit({ k: 'sync', raw });
  }

  flush(raw: Buffer): void {
    this.submit({ k: 'flush', raw });
  }

  copy(raw: Buffer): void {
    this.submit({ k: 'copy', raw });
  }

  functionCall(raw: Buffer): void {
    this.submit({ k: 'fn', raw });
  }

  refuse(frame: Buffer, extended: boolean): void {
    this.submit({ k: 'refuse', frame, extended });
  }

  cancel(): void {
    const link = this.link;
    if (link) sendCancelRequest(this.pool.target, link.processId, link.secretKey);
  }

  end(): void {
    this.ended = true;
    this.pending.length = 0;
    const link = this.link;
    if (!link) return;
    this.link = null;
    this.slot.give();
    link.router.attach(null);
    // A connection with a transaction open or requests in flight cannot go back to the pool as it is.
    if (link.router.idle && link.txStatus === TxStatus.Idle && !link.batchOpen && this.state.pinned === null) this.releaseLink(link);
    else this.pool.discard(link, 'client left mid-transaction');
  }

  // ---- dispatch ----

  private submit(op: PendingOp): void {
    if (this.ended) return;
    if (this.link !== null && this.pending.length === 0) return this.run(op, this.link);
    if (this.link === null && this.pending.length === 0 && answerableLocally(op)) return this.runLocally(op);
    this.pending.push(op);
    if (op.k === 'copy' || op.k === 'query' || op.k === 'sync') this.maybePauseClient();
    this.checkout();
  }

  private run(op: PendingOp, link: ServerConnection): void {
    if (this.skipping && op.k !== 'sync') return this.skipped(op);
    const router = link.router;
    // A connection whose last request was not a Sync/Query has an open extended-protocol batch (an
    // implicit transaction the server has not finished): it must never go back to the pool like that.
    if (op.k === 'sync' || op.k === 'query' || op.k === 'fn' || (op.k === 'refuse' && !op.extended)) link.batchOpen = false;
    else if (op.k !== 'copy' && !(op.k === 'close' && op.named)) link.batchOpen = true;
    switch (op.k) {
      case 'query':
        this.state.noteSent(op.effects, link);
        router.expect(expected(Expect.Query, Visibility.Forward, op.effects.length > 0 ? this.effectsApplier(op.effects, link) : null));
        return this.send(link, op.raw);
      case 'parse':
        return this.runParse(op.shared, op.name, op.raw, link);
      case 'bind':
        if (op.shared === null) {
          router.expect(expected(Expect.Bind));
          return this.send(link, op.raw);
        }
        this.ensurePrepared(link, op.shared);
        router.expect(expected(Expect.Bind));
        return this.send(link, encodeBindWithStatement(op.payload, op.portal, op.shared.serverName, op.restOffset));
      case 'describe':
        if (op.shared === null) {
          router.expect(expected(op.target === 'S' ? Expect.DescribeStatement : Expect.DescribePortal));
          return this.send(link, op.raw);
        }
        this.ensurePrepared(link, op.shared);
        router.expect(expected(Expect.DescribeStatement));
        return this.send(link, encodeFrontend({ kind: 'Describe', target: 'S', name: op.shared.serverName }));
      case 'execute': {
        const effects = this.statements.portal(op.portal);
        if (effects) this.state.noteSent(effects, link);
        router.expect(expected(Expect.Execute, Visibility.Forward, effects ? this.effectsApplier(effects, link) : null));
        return this.send(link, op.raw);
      }
      case 'close':
        if (op.named) return router.expect(synthetic(CloseCompleteFrame));
        router.expect(expected(Expect.Close));
        return this.send(link, op.raw);
      case 'sync':
        this.skipping = false;
        router.expect(expected(Expect.Sync));
        return this.send(link, op.raw);
      case 'flush':
      case 'copy':
        return this.send(link, op.raw);
      case 'fn':
        router.expect(expected(Expect.Query));
        return this.send(link, op.raw);
      case 'refuse':
        router.expect(synthetic(op.frame));
        router.expect(expected(Expect.Bind, Visibility.Swallow));
        this.send(link, ABORT_BIND);
        if (op.extended) this.skipping = true;
        else {
          router.expect(expected(Expect.Sync));
          this.send(link, SYNC);
        }
        return;
    }
  }

  /** A request discarded after an error in its batch: a statement it named was never created. */
  private skipped(op: PendingOp): void {
    if (op.k === 'parse' && op.shared) this.statements.forget(op.name, op.shared);
  }

  /** Answers a request without a server connection (the client holds none and none is needed). */
  private runLocally(op: PendingOp): void {
    switch (op.k) {
      case 'sync':
        this.skipping = false;
        this.client.write(READY_IDLE);
        this.client.requestDone?.(TxStatus.Idle);
        return;
      case 'close':
        if (!this.skipping) this.client.write(CloseCompleteFrame);
        return;
      case 'refuse':
        if (this.skipping) return;
        this.client.write(op.frame);
        if (op.extended) this.skipping = true;
        else {
          this.client.write(READY_IDLE);
          this.client.requestDone?.(TxStatus.Idle);
        }
        return;
      default:
        return; // flush: nothing is buffered anywhere
    }
  }

  private runParse(shared: SharedStatement | null, name: string, raw: Buffer, link: ServerConnection): void {
    const router = link.router;
    if (shared === null) {
      router.expect(expected(Expect.Parse));
      return this.send(link, raw);
    }
    if (link.prepared.has(shared.serverName)) {
      link.prepared.touch(shared.serverName);
      return router.expect(synthetic(ParseCompleteFrame));
    }
    this.evict(link, link.prepared.add(shared.serverName));
    router.expect(
      expected(Expect.Parse, Visibility.Forward, () => void (shared.verified = true), () => {
        link.prepared.delete(shared.serverName);
        this.statements.forget(name, shared);
      }),
    );
    this.send(link, shared.parseFrame);
  }

  /** Prepares a shared statement on this connection first if it has never seen it (hidden from the client). */
  private ensurePrepared(link: ServerConnection, shared: SharedStatement): void {
    if (link.prepared.has(shared.serverName)) return link.prepared.touch(shared.serverName);
    this.evict(link, link.prepared.add(shared.serverName));
    link.router.expect(expected(Expect.Parse, Visibility.HideSuccess, () => void (shared.verified = true), () => link.prepared.delete(shared.serverName)));
    this.send(link, shared.parseFrame);
  }

  /** Closes the least recently used statement on the server once a connection holds too many (hidden). */
  private evict(link: ServerConnection, serverName: string | null): void {
    if (serverName === null) return;
    // If an earlier error in the batch makes the server skip this Close, the statement is still there.
    link.router.expect(expected(Expect.Close, Visibility.Swallow, null, () => link.prepared.restore(serverName)));
    this.send(link, encodeFrontend({ kind: 'Close', target: 'S', name: serverName }));
  }

  /** What to do when a statement with session effects succeeds (parameters settle at ReadyForQuery). */
  private effectsApplier(effects: SessionEffects, link: ServerConnection): () => void {
    return () => {
      // Prepared statements are not transactional: DISCARD/DEALLOCATE ALL take effect at once.
      if (effects.some((e) => e.kind === 'discardAll' || e.kind === 'deallocateAll')) {
        this.statements.clear();
        link.prepared.clear();
      }
      this.state.succeeded(effects);
    };
  }

  private send(link: ServerConnection, bytes: Buffer): void {
    if (!link.write(bytes) && !this.inputPausedForServer) {
      this.inputPausedForServer = true;
      this.client.pauseInput();
      link.socket.once('drain', () => {
        this.inputPausedForServer = false;
        this.client.resumeInput();
      });
    }
  }

  private maybePauseClient(): void {
    // Requests queue here while no server connection is free; stop reading a client that floods us.
    if (this.pending.length === 1000) this.client.pauseInput();
  }

  // ---- checkout and release ----

  private checkout(): void {
    if (this.acquiring || this.link !== null) return;
    // When the tenant holds all the server connections its limit allows, wait for one of its own to come back.
    this.acquiring = true;
    const slotTaken = this.slot.take(() => {
      this.acquiring = false;
      if (this.ended || this.pending.length === 0) return this.slot.give();
      this.checkout();
    });
    if (!slotTaken) return;
    this.acquiring = false;
    const conn = this.pool.tryAcquire();
    if (conn) return this.attach(conn);
    this.acquiring = true;
    this.waitStartedAt = performance.now();
    this.pool.acquire(this.onCheckout);
  }

  private waitStartedAt = 0;

  private readonly onCheckout = (err: Error | null, conn: ServerConnection | null): void => {
    this.acquiring = false;
    this.client.serverWaited?.(performance.now() - this.waitStartedAt);
    if (conn === null) {
      this.slot.give();
      return this.failPending(err ?? new Error('no server connection'));
    }
    if (this.ended) {
      this.slot.give();
      return this.pool.release(conn);
    }
    if (conn.closed) {
      // It died between release and hand-over: drop it and wait for another.
      this.pool.release(conn);
      return this.checkout();
    }
    this.attach(conn);
  };

  private attach(link: ServerConnection): void {
    this.link = link;
    link.router.attach(this);
    if (link.appliedParams !== this.state.params.key) this.replayParameters(link);
    const ops = this.pending.splice(0);
    if (ops.length >= 1000) this.client.resumeInput();
    for (const op of ops) {
      if (this.link !== link) {
        // The connection died while we were writing to it; what remains waits for the next one.
        this.pending.push(op);
        continue;
      }
      this.run(op, link);
    }
    if (this.pending.length > 0) this.checkout();
  }

  private replayParameters(link: ServerConnection): void {
    const key = this.state.params.key;
    link.appliedParams = key;
    link.router.expect(
      expected(Expect.Query, Visibility.Swallow, null, () => {
        link.appliedParams = '\u0000failed';
        this.client.log('warn', 'session parameter replay failed on a server connection', { backend: this.pool.target.name });
      }),
    );
    this.send(link, encodeFrontend({ kind: 'Query', sql: this.state.params.replaySql() }));
  }

  private releaseLink(link: ServerConnection): void {
    if (this.serverPaused) {
      this.serverPaused = false;
      link.socket.resume();
    }
    this.pool.release(link);
  }

  // ---- ResponseSink: what the router reports ----

  write(bytes: Buffer): void {
    if (!this.client.write(bytes) && !this.serverPaused && this.link) {
      const link = this.link;
      this.serverPaused = true;
      link.socket.pause();
      this.client.whenDrained(() => {
        if (!this.serverPaused) return;
        this.serverPaused = false;
        link.socket.resume();
      });
    }
  }

  readyForQuery(status: number, forwarded: boolean): void {
    const link = this.link;
    if (!link) return;
    if (forwarded) this.client.requestDone?.(status);
    link.txStatus = status;
    this.state.settle(status, link);
    if (status === TxStatus.Idle && link.router.idle && this.state.pinned !== null && link.appliedParams !== this.state.params.key) {
      // A pinned client keeps this connection: bring it back to the client's settings now.
      this.replayParameters(link);
    }
    if (status === TxStatus.Idle && link.router.idle && this.state.pinned === null && this.pending.length === 0) {
      this.link = null;
      link.router.attach(null);
      this.releaseLink(link);
      this.slot.give();
    }
    if (this.onQuiescent && this.quiescent) this.onQuiescent();
  }

  notification(message: Buffer): void {
    if (this.channelPrefix === '') return void this.write(message);
    const msg = decodeBackend({ code: message[0]!, payload: message.subarray(5) });
    // Only the tenant's own (prefixed) channels reach it, under the name the client used.
    if (msg.kind !== 'NotificationResponse' || !msg.channel.startsWith(this.channelPrefix)) return;
    this.write(encodeBackend({ ...msg, channel: msg.channel.slice(this.channelPrefix.length) }));
  }

  errorSeen(sqlState: string): void {
    this.client.errorSeen?.(sqlState);
  }

  parameterReported(): void {
    if (this.link) this.link.appliedParams = DIRTY_PARAMS;
  }

  desync(reason: string): void {
    const link = this.link;
    if (link) this.pool.discard(link, `protocol desync: ${reason}`);
  }

  serverClosed(reason: string): void {
    const conn = this.link;
    if (conn === null) return;
    this.link = null;
    this.slot.give();
    this.pool.discard(conn, reason);
    const lost = conn.router.queue.drain();
    const message = `server connection to backend "${this.pool.target.name}" lost: ${reason}`;
    const frame = errorResponse({ severity: 'ERROR', code: '08006', message });
    if (lost.length === 0 && (conn.txStatus !== TxStatus.Idle || this.state.pinned !== null)) {
      // Its transaction or session state is gone; Postgres would end the session too.
      return this.client.terminate(errorResponse({ severity: 'FATAL', code: '08006', message }));
    }
    this.state.forgetTransaction();
    for (const entry of lost) {
      entry.onFailure?.();
      if (entry.expect !== Expect.Sync && entry.expect !== Expect.Query) continue;
      // A request whose error already reached the client (the backend's own FATAL) gets only its ReadyForQuery.
      if (!entry.failed) this.client.write(frame);
      this.client.write(READY_IDLE);
    }
    // Requests of a batch whose Sync has not arrived yet: one error, then skip to that Sync.
    const last = lost[lost.length - 1];
    if (last !== undefined && last.expect !== Expect.Sync && last.expect !== Expect.Query) {
      this.client.write(frame);
      this.skipping = true;
    }
    this.state.pinned = null;
    if (this.pending.length > 0) this.checkout();
  }

  /** No server connection could be had: answer every queued request as Postgres would answer an error. */
  private failPending(err: Error): void {
    const code = err instanceof BackendError ? err.sqlState : '08006';
    const frame = errorResponse({ severity: 'ERROR', code, message: err.message });
    const ops = this.pending.splice(0);
    this.client.resumeInput();
    for (const op of ops) {
      if (op.k === 'parse' && op.shared) this.statements.forget(op.name, op.shared);
      if (this.skipping && op.k !== 'sync') continue;
      if (op.k === 'query') {
        this.client.write(frame);
        this.client.write(READY_IDLE);
      } else if (answerableLocally(op)) this.runLocally(op);
      else if (op.k !== 'copy') {
        this.client.write(frame);
        this.skipping = true;
      }
    }
  }
}

function unknownStatement(name: string): Buffer {
  return errorResponse({ severity: 'ERROR', code: '26000', message: `prepared statement "${name}" does not exist` });
}
