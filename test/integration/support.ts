// Shared helpers for the integration tests through pgfabric: pg clients that are always closed, direct
// queries on the backend (bypassing the proxy), a raw wire-protocol client for exact message sequences,
// and small synchronisation tools (deferred promises, an ordered event log).
import net from 'node:net';
import pg from 'pg';
import { parse, serialize } from 'pg-protocol';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';
import { ScramClientExchange } from '../../protocol/scram.js';

/** Opens a pg client; registers it for closing with `closeAll`. */
export async function connectPg(url: string, extra: Omit<pg.ClientConfig, 'connectionString'> = {}, registry?: pg.Client[]): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, ...extra });
  // A dead connection must fail the test that uses it, not crash the worker.
  client.on('error', () => undefined);
  await client.connect();
  registry?.push(client);
  return client;
}

export async function closeAll(clients: pg.Client[]): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
}

/** Runs SQL directly on the backend, outside pgfabric. */
export async function direct<R extends pg.QueryResultRow = Record<string, unknown>>(backendUrl: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: backendUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** The rejection of a promise, or a failure if it resolved. */
export async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; severity?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export type Deferred<T> = { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true (no assertion on time: the test timeout bounds it). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Waits until the backend shows a session of `database` waiting on a lock or running `queryLike`. */
export async function waitForBackendActivity(backendUrl: string, queryLike: string): Promise<void> {
  const db = new URL(backendUrl).pathname.slice(1);
  await waitFor(async () => {
    const rows = await direct(backendUrl, `select 1 from pg_stat_activity where datname = $1 and query like $2 and state = 'active'`, [db, queryLike]);
    return rows.length > 0;
  }, `backend activity like ${queryLike}`);
}

/**
 * A minimal wire-protocol client (pg-protocol's serializer and parser, SCRAM login) for exact message
 * sequences that real drivers never send, e.g. several Parse/Bind/Execute before one Sync.
 */
export class RawClient {
  private readonly messages: BackendMessage[] = [];
  private waiters: (() => void)[] = [];
  processId = 0;
  secretKey = 0;

  private constructor(readonly socket: net.Socket) {
    void parse(socket, (msg) => {
      this.messages.push(msg);
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async connect(host: string, port: number, user: string, password: string, database: string): Promise<RawClient> {
    const socket = net.connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawClient(socket);
    const scram = new ScramClientExchange(user, password);
    socket.write(serialize.startup({ user, database }));
    for (;;) {
      const msg = await client.next();
      if (msg.name === 'authenticationSASL') socket.write(serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', scram.clientFirst()));
      else if (msg.name === 'authenticationSASLContinue') socket.write(serialize.sendSCRAMClientFinalMessage(scram.serverFirst((msg as unknown as { data: string }).data)));
      else if (msg.name === 'backendKeyData') {
        const key = msg as unknown as { processID: number; secretKey: number };
        client.processId = key.processID;
        client.secretKey = key.secretKey;
      } else if (msg.name === 'error') throw msg;
      else if (msg.name === 'readyForQuery') return client;
    }
  }

  send(...frames: Buffer[]): void {
    this.socket.write(Buffer.concat(frames));
  }

  /** The next backend message (throws if the connection closed first). */
  async next(): Promise<BackendMessage> {
    for (;;) {
      const msg = this.messages.shift();
      if (msg) return msg;
      if (this.socket.destroyed || this.socket.readableEnded) throw new Error('connection closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Message names (and, for errors, `error:<code>`; for data rows, `row:<first field>`) up to and including ReadyForQuery. */
  async untilReady(): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const msg = await this.next();
      if (msg.name === 'error') out.push(`error:${(msg as unknown as { code: string }).code}`);
      else if (msg.name === 'dataRow') out.push(`row:${String((msg as unknown as { fields: unknown[] }).fields[0])}`);
      else if (msg.name === 'readyForQuery') {
        out.push(`ready:${(msg as unknown as { status: string }).status}`);
        return out;
      } else out.push(msg.name);
    }
  }

  close(): void {
    if (!this.socket.destroyed) this.socket.end(serialize.end());
  }
}

/** Sends a raw CancelRequest for (processId, secretKey) on a fresh connection to host:port. */
export async function sendCancel(host: string, port: number, processId: number, secretKey: number): Promise<void> {
  const socket = net.connect({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(serialize.cancel(processId, secretKey));
  // The server closes the connection without answering.
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.resume();
  });
}
