// A SQL Server backend goes away under the proxy and comes back: while it is down, clients get prompt errors
// (SQLSTATE class 08, never a hang: every query and login runs under a hang detector), a transaction open at
// the stop is lost, and once the server is back the same client connections work again and the committed rows
// are there. The test stops and starts a SQL Server container of its own (testcontainers, fixed host port), so
// it needs a Docker engine; with only MSSQL_URL it is skipped (pgfabric's tests do not stop a server they did
// not start), and without any SQL Server it is skipped with the run's reason. Both reasons are printed.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerUnavailable, startMssqlContainer, type MssqlContainer } from '../helpers/mssql-container.js';
import { mssqlServer, skipReason, withMssqlPool } from '../helpers/mssql-server.js';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';

const SERVER = mssqlServer(import.meta.url);
let SKIP = skipReason(SERVER);
if (SKIP === undefined && 'source' in SERVER && SERVER.source === 'MSSQL_URL') {
  const noDocker = await dockerUnavailable();
  if (noDocker !== null) {
    SKIP = `SQL Server backend-failure test skipped: it stops and starts a SQL Server of its own and needs a Docker engine (MSSQL_URL names a server it must not stop; testcontainers: ${noDocker})`;
    console.warn(`mssql-backend-failure.test.ts: ${SKIP}`);
  }
}

/** Hang detector for one query or login: above the connector's connect timeout, far above a normal answer. */
const HANG_MS = 30_000;
/** "The backend went away": connection exceptions, admin shutdown / cannot connect now. */
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
async function mustFail(fn: () => Promise<unknown>, what: string): Promise<Error & { code?: string }> {
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
  query<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return withTimeout(this.pg.query<R>(text, values), HANG_MS, `query "${text}"`);
  }
  async end(): Promise<void> {
    await withTimeout(this.pg.end(), HANG_MS, 'client end').catch(() => undefined);
  }
}

describe.skipIf(SKIP !== undefined)('SQL Server backend stops and comes back', () => {
  let server: MssqlContainer;
  let proxy: RunningProxy;
  const clients: Client[] = [];
  const client = (): Client => {
    const c = new Client(proxy.url('alice'));
    clients.push(c);
    return c;
  };
  /** Rows of `note` in items, read directly on the tenant's database. */
  const directCount = (note: string): Promise<number | undefined> =>
    withMssqlPool(proxy.mssqlUrls?.acme ?? '', async (pool) =>
      (await pool.request().input('note', note).query<{ n: number }>('SELECT COUNT(*) AS n FROM dbo.items WHERE note = @note')).recordset[0]?.n,
    );

  beforeAll(async () => {
    server = await startMssqlContainer({ fixedPort: true });
    proxy = await startProxy({ database: 'mssql_failure', mssql: server.url, poolMax: 4, acquireTimeoutMs: 4000 });
    const setup = client();
    await setup.connect();
    await setup.query('create table items (id serial primary key, note text not null)');
    await setup.query("insert into items (note) values ('before stop')");
  }, 600_000);

  afterAll(async () => {
    for (const c of clients) await c.end();
    await proxy?.stop();
    await server?.remove();
  }, 120_000);

  it('while it is down: prompt 08xxx errors; after it is back: the same clients work and committed rows are there', async () => {
    const idle = client();
    const inTransaction = client();
    for (const c of [idle, inTransaction]) await c.connect();
    for (const c of [idle, inTransaction]) expect((await c.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await inTransaction.query('begin');
    await inTransaction.query("insert into items (note) values ('in flight at stop')");

    await withTimeout(server.stopServer(), 60_000, 'SQL Server stop');

    const down = await mustFail(() => idle.query('select count(*) from items'), 'query while the backend is down');
    expect(down.code ?? 'none', down.message).toMatch(BACKEND_GONE);
    await mustFail(() => inTransaction.query('commit'), 'commit of a transaction whose backend stopped');
    // A new login is refused, or gets a session whose first query fails: never a hang.
    const newcomer = client();
    const refused = await mustFail(async () => {
      await newcomer.connect();
      return newcomer.query('select 1');
    }, 'new client while the backend is down');
    expect(refused.code ?? 'none', refused.message).toMatch(BACKEND_GONE);

    await withTimeout(server.startServer(), 180_000, 'SQL Server start');

    // The idle client held no server connection when the server went: the proxy keeps it, and it works again.
    expect(idle.ended, 'the idle client was closed by the proxy').toBe(false);
    const again = await idle.query<{ note: string }>("select note from items where note = 'before stop'");
    expect(again.rows).toEqual([{ note: 'before stop' }]);
    // The transaction open at the stop was lost, on the server and for its client.
    expect(await directCount('in flight at stop')).toBe(0);
    const replacement = inTransaction.ended || inTransaction.asyncErrors.length > 0 ? client() : inTransaction;
    if (replacement !== inTransaction) await replacement.connect();
    await replacement.query('begin');
    await replacement.query("insert into items (note) values ('after restart')");
    await replacement.query('commit');
    expect(await directCount('after restart')).toBe(1);
    // And a new login works.
    const late = client();
    await late.connect();
    expect((await late.query<{ n: string }>("select count(*) as n from items where note in ('before stop', 'after restart')")).rows).toEqual([{ n: '2' }]);
  }, 600_000);
});
