// A SQL Server backend that cannot be reached (a port nobody listens on: a real refused TCP connection,
// no server of any kind): the proxy loads the config, a login to that tenant fails with 08001 naming the
// backend, the next login tries again (and fails the same way), and tenants on other backends are unaffected.
import { createServer } from 'node:net';
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenProxy, loadTestConfig, mssqlConfigObject, testConfigObject, type RunningProxy } from '../helpers/start-proxy.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function loginError(url: string): Promise<{ code?: string; message: string }> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    return err as { code?: string; message: string };
  } finally {
    await client.end().catch(() => undefined);
  }
  return { message: 'logged in' };
}

let proxy: RunningProxy;

beforeAll(async () => {
  const port = await closedPort();
  const url = `mssql://sa:secret@127.0.0.1:${port}/tenant?connectTimeout=2000&trustServerCertificate=true`;
  const backendUrl = await createTestDatabase(adminUrl(), 'mssql_unreachable');
  // acme on the unreachable SQL Server, globex on a real Postgres.
  const mssql = mssqlConfigObject({ acme: url, globex: url }, { database: 'mssql_unreachable' });
  const postgres = testConfigObject(backendUrl, { database: 'mssql_unreachable' });
  const config = loadTestConfig({
    ...mssql,
    backends: { acme_db: { kind: 'mssql', url }, main: (postgres.backends as Record<string, unknown>).main },
    tenants: { acme: { id: '11111111-1111-1111-1111-111111111111', backend: 'acme_db' }, globex: { id: '22222222-2222-2222-2222-222222222222', backend: 'main' } },
  });
  proxy = await listenProxy(config, backendUrl, pino({ level: 'silent' }));
});

afterAll(async () => {
  await proxy?.stop();
});

describe('an unreachable SQL Server backend', () => {
  it('fails the login with 08001 naming the backend, and fails the next one the same way (it is tried again)', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const err = await loginError(proxy.url('alice'));
      expect(err.code).toBe('08001');
      expect(err.message).toMatch(/SQL Server backend "acme_db" is not reachable/);
    }
  });

  it('leaves tenants on other backends working', async () => {
    const client = new pg.Client({ connectionString: proxy.url('bob') });
    await client.connect();
    try {
      const res = await client.query<{ one: number }>('select 1 as one');
      expect(res.rows[0]?.one).toBe(1);
    } finally {
      await client.end();
    }
  });
});
