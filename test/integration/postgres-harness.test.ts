// Checks the test harness itself: the run's Postgres (global-setup.ts), per-file databases
// (test-database.ts), and startEmbeddedPostgres's reuse of a persistent data directory.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/demo/embedded-postgres-server.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';

async function queryOne(url: string, sql: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<Record<string, unknown>>(sql);
    return result.rows[0] ?? {};
  } finally {
    await client.end();
  }
}

describe('test Postgres from global setup', () => {
  it('is PostgreSQL 15', async () => {
    const row = await queryOne(adminUrl(), 'select version() as version');
    expect(row.version).toMatch(/^PostgreSQL 15\./);
  });

  it('is also announced to child processes', () => {
    expect(process.env.PGFABRIC_TEST_DATABASE_URL).toBe(adminUrl());
  });

  it('refuses a wrong password over TCP (28P01)', async () => {
    const url = new URL(adminUrl());
    url.password = 'not-the-password';
    const client = new pg.Client({ connectionString: url.toString() });
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
  });

  it('creates a fresh database per test file, twice in a row', async () => {
    const first = await createTestDatabase(adminUrl(), 'harness_test');
    await queryOne(first, 'create table leftover (id int)');
    const url = await createTestDatabase(adminUrl(), 'harness_test');
    const row = await queryOne(url, `select current_database() as db, to_regclass('leftover') as leftover`);
    expect(row).toEqual({ db: 'harness_test', leftover: null });
  });

  it('rejects database names that would need quoting', async () => {
    await expect(createTestDatabase(adminUrl(), 'Bad-Name')).rejects.toThrow(/must match/);
  });
});

describe('startEmbeddedPostgres with persistent: true', () => {
  let parent = '';
  afterAll(async () => {
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('reuses the data directory and rotates the password on every start', async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'pgfabric-harness-'));
    // mkdtemp makes 0700 directories; as root, the `postgres` OS user must be able to enter it.
    await chmod(parent, 0o755);
    const dataDir = path.join(parent, 'pg');
    const first = await startEmbeddedPostgres({ dataDir, persistent: true, fast: true });
    try {
      await first.query('create table kept (v text); insert into kept values ($$still here$$)');
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir, persistent: true, fast: true });
    try {
      expect(second.password).not.toBe(first.password);
      expect(await queryOne(second.url, 'select v from kept')).toEqual({ v: 'still here' });
      const stale = new pg.Client({ connectionString: second.url.replace(second.password, first.password) });
      await expect(stale.connect()).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await second.stop();
    }
  });
});
