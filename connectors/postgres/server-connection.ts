// One logged-in connection to a Postgres backend, as the pool holds it: the socket, the router that
// passes its responses to whichever client it is lent to, what is prepared on it, and which session
// parameters have been applied to it.
import type net from 'node:net';
import type { BackendLogin } from './backend-login.js';
import { Outbox } from '../outbox.js';
import { PreparedSet } from './prepared-set.js';
import { ResponseRouter } from './response-router.js';


export const TxStatus = { Idle: 0x49, InTransaction: 0x54, Failed: 0x45 } as const;

export class ServerConnection {
  readonly router = new ResponseRouter();
  /** Server-side statement names (StatementRegistry names) prepared on this connection. */
  readonly prepared: PreparedSet;
  /** Key of the session parameters applied here ('' = the backend defaults). */
  appliedParams = '';
  txStatus: number = TxStatus.Idle;
  /** Extended-protocol requests were sent after the last Sync (see PostgresSession.run). */
  batchOpen = false;
  closed = false;
  lastReleasedAt = Date.now();
  readonly socket: net.Socket;
  private readonly outbox: Outbox;
  readonly processId: number;
  readonly secretKey: number;
  private closeListeners: ((conn: ServerConnection, reason: string) => void)[] = [];

  constructor(
    login: BackendLogin,
    readonly id: number,
    maxPrepared: number,
  ) {
    this.prepared = new PreparedSet(maxPrepared);
    this.socket = login.socket;
    this.outbox = new Outbox(this.socket);
    this.socket.on('drain', () => this.outbox.drained());
    this.processId = login.processId;
    this.secretKey = login.secretKey;
    this.socket.on('data', (chunk: Buffer) => this.router.push(chunk));
    this.socket.on('error', (err) => this.markClosed(err.message));
    this.socket.on('close', () => this.markClosed('server closed the connection'));
    if (login.leftover) this.router.push(login.leftover);
  }

  onClose(listener: (conn: ServerConnection, reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  /** Writes are gathered and flushed once per tick: a Bind/Execute/Sync batch costs one syscall. */
  write(bytes: Buffer): boolean {
    return this.outbox.write(bytes);
  }

  destroy(reason = 'closed by pgfabric'): void {
    this.socket.destroy();
    this.markClosed(reason);
  }

  /** Sends Terminate and closes (a polite goodbye for idle connections). */
  terminate(): void {
    if (this.closed) return;
    this.outbox.flush();
    this.socket.end(TERMINATE);
    this.markClosed('terminated');
  }

  private markClosed(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.router.closed(reason);
    const listeners = this.closeListeners;
    this.closeListeners = [];
    for (const listener of listeners) listener(this, reason);
  }
}

const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);
