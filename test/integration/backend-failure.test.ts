// The backend goes away under the proxy: its server connections are killed one by one
// (pg_terminate_backend) or the whole server is stopped and started again on the same data
// directory and port. Clients must get prompt errors (never hang: every query runs under a hang
// detector), and once the backend is back the same client connections work again, or new ones
// where the proxy had to close a client whose transaction was lost.
//
// This file owns its own embedded Postgres (not the run's shared one), so that it can stop it.
// A restarted embedded cluster gets a new random superuser password, so the proxy logs in as a
// role of ours with a fixed password instead.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/demo/embedded-postgres-server.js';
import { PgfabricServer } from '../../src/server/pgfabric-server.js';
import { loadTestConfig, testConfigObject, USERS } from '../helpers/start-proxy.js';

const ROLE = 'fabric_app';
const ROLE_PASSWORD = 'fabric-app-secret';
const DATABASE = 'failure_db';
/** Hang detector for one query or login: far above what any of them should take. */
const HANG_MS = 10_000;

/** Accepted SQLSTATEs for "the backend went away": connection exceptions and admin shutdown / cannot connect now. */
const BACKEND_GONE = /^(08...|57P01|57P02|57P03)$/;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`HANG: ${what} did not settle within ${ms} ms`)), ms);
    }),
  ]);
}

/** Runs `fn`, which must fail; returns the error (a hang fails the test). */
async function mustFail(fn: () => Promise<unknown>, what: string): Promise<Error & { code?: string; severity?: string }> {
  const outcome = await withTimeout(
    fn().then(
      (value) => ({ ok: true as const, value }),
      (err: unknown) => ({ ok: false as const, err: err as Error & { code?: string } }),
    ),
    HANG_MS,
    what,
  );
  if (outcome.ok) throw new Error(`${what} succeeded while the backend was down: ${JSON.stringify(outcome.value)}`);
  return outcome.err;
}

/** A pg client whose 'error' events (the proxy closing it) are recorded instead of crashing the worker. */
class Client {
  readonly pg: pg.Client;
  readonly asyncErrors: Error[] = [];
  ended = false;
  constructor(url: string) {
    this.pg = new pg.Client({ connectionString: url });
    this.pg.on('error', (err) => this.asyncErrors.push(err));
    this.pg.on('end', () => (this.ended = true));
  }
  async connect(): Promise<void> {
    await withTimeout(this.pg.connect(), HANG_MS, 'login through the proxy');
  }
  query<R extends pg.QueryResultRow = Record<string, unknown>>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>> {
    const what = typeof text === 'string' ? text : text.text;
    return withTimeout(this.pg.query<R>(text as string, values), HANG_MS, `query "${what}"`);
  }
  async end(): Promise<void> {
    await withTimeout(this.pg.end(), HANG_MS, 'client end').catch(() => undefined);
  }
}

describe('backend failure: killed server connections, backend stop and restart', () => {
  const dataDir = path.join(tmpdir(), `pgfabric-backend-failure-${randomBytes(6).toString('hex')}`);
  let backend: EmbeddedPostgresHandle;
  let port = 0;
  let server: PgfabricServer;
  let proxyHost = '';
  let proxyPort = 0;
  const clients: Client[] = [];

  const proxyUrl = (user: keyof typeof USERS = 'alice'): string =>
    `postgres://${user}:${encodeURIComponent(USERS[user].password)}@${proxyHost}:${proxyPort}/${USERS[user].tenant}`;
  const appUrl = (): string => `postgres://${ROLE}:${ROLE_PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

  function client(user: keyof typeof USERS = 'alice'): Client {
    const c = new Client(proxyUrl(user));
    clients.push(c);
    return c;
  }

  async function startBackend(): Promise<void> {
    backend = await startEmbeddedPostgres({ dataDir, port, persistent: true, fast: true, maxConnections: 50, exitOnSignal: false });
    port = backend.port;
  }

  /** Superuser SQL over a direct TCP connection (the handle's URL carries this start's password). */
  async function direct<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, database = DATABASE): Promise<R[]> {
    const url = new URL(backend.url);
    url.pathname = `/${database}`;
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      return (await c.query<R>(sql)).rows;
    } finally {
      await c.end();
    }
  }

  /** Terminates every server connection the proxy holds; waits until they are gone. */
  async function killServerConnections(): Promise<number> {
    const killed = await direct<{ ok: boolean }>(
      `select pg_terminate_backend(pid) as ok from pg_stat_activity where usename = '${ROLE}' and pid <> pg_backend_pid()`,
    );
    for (let i = 0; i < 200; i++) {
      const left = await direct<{ n: number }>(`select count(*)::int as n from pg_stat_activity where usename = '${ROLE}'`);
      if (left[0]?.n === 0) break;
      await new Promise((res) => setTimeout(res, 10));
    }
    return killed.filter((r) => r.ok).length;
  }

  beforeAll(async () => {
    await startBackend();
    await direct(`create role ${ROLE} login password '${ROLE_PASSWORD}'`, 'postgres');
    await direct(`create database ${DATABASE} owner ${ROLE}`, 'postgres');
    const app = new pg.Client({ connectionString: appUrl() });
    await app.connect();
    await app.query('create table items (id serial primary key, note text not null)');
    await app.end();

    const raw = testConfigObject(appUrl(), { database: DATABASE, poolMax: 4, acquireTimeoutMs: 4000 });
    server = new PgfabricServer(loadTestConfig(raw), pino({ level: process.env['PGFABRIC_LOG_LEVEL'] ?? 'silent' }));
    const address = await server.listen();
    proxyHost = address.host;
    proxyPort = address.port;
  });

  afterAll(async () => {
    for (const c of clients) await c.end();
    await server?.drain(2000);
    await backend?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a client idle between transactions keeps working after its pooled server connections are killed', async () => {
    const a = client();
    const b = client('bob');
    await a.connect();
    await b.connect();
    // Several server connections in the pool: two transactions open at once, then a named statement.
    await a.query('begin');
    await b.query('begin');
    await a.query("insert into items (note) values ('before kill')");
    await a.query('commit');
    await b.query('commit');
    const named = { name: 'count_items', text: 'select count(*)::int as n from items where note = $1' };
    expect((await a.query<{ n: number }>({ ...named, values: ['before kill'] })).rows).toEqual([{ n: 1 }]);
    expect(server.connectorStats()['main']?.['idle']).toBeGreaterThanOrEqual(2);

    expect(await killServerConnections()).toBeGreaterThanOrEqual(2);

    // Both clients held no server connection: their next statements get fresh ones.
    expect((await a.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    expect((await b.query<{ two: number }>('select $1::int + 1 as two', [1])).rows).toEqual([{ two: 2 }]);
    // pg does not Parse a named statement again: the proxy prepares it on the new server connection.
    expect((await a.query<{ n: number }>({ ...named, values: ['before kill'] })).rows).toEqual([{ n: 1 }]);
    // And a whole transaction works on the replacement.
    await a.query('begin');
    await a.query("insert into items (note) values ('after kill')");
    await a.query('commit');
    expect((await b.query<{ n: number }>("select count(*)::int as n from items where note = 'after kill'")).rows).toEqual([{ n: 1 }]);
    expect(a.asyncErrors).toEqual([]);
    expect(b.asyncErrors).toEqual([]);
    expect(a.ended || b.ended).toBe(false);
  });

  it('a server connection killed under an open transaction: the client gets an error, not a hang', async () => {
    const c = client();
    await c.connect();
    await c.query('begin');
    await c.query("insert into items (note) values ('lost with its transaction')");
    expect(await killServerConnections()).toBeGreaterThanOrEqual(1);
    // Its transaction is gone: the next statement (or the session) fails, promptly.
    const err = await mustFail(() => c.query('commit'), 'commit after the server connection was killed');
    if (err.code !== undefined) expect(err.code).toMatch(BACKEND_GONE);
    // The rows of the lost transaction are not there.
    const rows = await direct<{ n: number }>("select count(*)::int as n from items where note = 'lost with its transaction'");
    expect(rows).toEqual([{ n: 0 }]);
    // A new client works.
    const d = client();
    await d.connect();
    expect((await d.query<{ ok: boolean }>('select true as ok')).rows).toEqual([{ ok: true }]);
  });

  it('the backend stops mid-run: in-flight and new queries fail promptly; after a restart the same clients work again', async () => {
    const idle = client();
    const sleeper = client();
    const extendedSleeper = client('bob');
    const inTransaction = client();
    for (const c of [idle, sleeper, extendedSleeper, inTransaction]) await c.connect();
    for (const c of [idle, sleeper, extendedSleeper, inTransaction]) await c.query('select 1');
    await inTransaction.query('begin');
    await inTransaction.query("insert into items (note) values ('in flight at stop')");

    // Two queries in flight when the backend goes down, one simple and one extended.
    const simple = mustFail(() => sleeper.query('select pg_sleep(60)'), 'simple query in flight at backend stop');
    const extended = mustFail(() => extendedSleeper.query('select pg_sleep($1)', [60]), 'extended query in flight at backend stop');
    for (let i = 0; i < 200; i++) {
      const sleeping = await direct<{ n: number }>("select count(*)::int as n from pg_stat_activity where query like 'select pg_sleep%'");
      if (sleeping[0]?.n === 2) break;
      await new Promise((res) => setTimeout(res, 10));
    }
    await withTimeout(backend.stop(), 30_000, 'backend stop');

    const errors = await Promise.all([simple, extended]);
    for (const err of errors) expect(err.code ?? 'none', err.message).toMatch(BACKEND_GONE);

    // While it is down: a query from a client that held no server connection fails promptly with a
    // connection error, and so does a transaction's next statement.
    const down = await mustFail(() => idle.query('select 1'), 'query while the backend is down');
    expect(down.code ?? 'none', down.message).toMatch(BACKEND_GONE);
    await mustFail(() => inTransaction.query('commit'), 'commit of a transaction whose backend stopped');
    // A new login either is refused or gets a session whose first query fails: never a hang.
    const newcomer = client();
    await mustFail(async () => {
      await newcomer.connect();
      return newcomer.query('select 1');
    }, 'new client while the backend is down');

    // Back up, on the same data directory and port.
    const previousPort = port;
    await startBackend();
    expect(port).toBe(previousPort);

    // The same client connections, where the proxy kept them open, work again.
    // (Soft: each client is reported.) pg makes a client unusable after an ErrorResponse that answers
    // no query, so a second error for one query shows up here as an 'error' event.
    for (const [name, c] of Object.entries({ idle, sleeper, extendedSleeper })) {
      expect.soft(c.ended, `${name} was closed by the proxy`).toBe(false);
      const asyncErrors = c.asyncErrors.map((e) => `${(e as { code?: string }).code ?? ''} ${e.message}`);
      expect.soft(asyncErrors, `${name}: errors outside any query (pg then refuses to query)`).toEqual([]);
      const r = await c.query<{ n: number }>('select $1::int * 2 as n', [21]).then(
        (res) => res.rows,
        (err: Error) => err.message,
      );
      expect.soft(r, `${name}: query after the restart`).toEqual([{ n: 42 }]);
    }
    const again = await idle.query<{ note: string }>("select note from items where note = 'before kill'");
    expect(again.rows).toEqual([{ note: 'before kill' }]);
    // The transaction open at the stop was lost, on the backend and for its client.
    const lost = await direct<{ n: number }>("select count(*)::int as n from items where note = 'in flight at stop'");
    expect(lost).toEqual([{ n: 0 }]);
    const replacement = inTransaction.ended ? client() : inTransaction;
    if (replacement !== inTransaction) await replacement.connect();
    await replacement.query('begin');
    await replacement.query("insert into items (note) values ('after restart')");
    await replacement.query('commit');
    const fresh = client('bob');
    await fresh.connect();
    expect((await fresh.query<{ n: number }>("select count(*)::int as n from items where note = 'after restart'")).rows).toEqual([{ n: 1 }]);
  });
});
