// The embedded demo's parts (what `pgfabric start` without a config file runs): its config on two SQLite
// files, the schema and rows created through pgfabric sessions, idempotent across restarts, and the
// demo users' logins and tenant separation.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.js';
import { demoConfigObject, demoFiles, demoPsqlLines, demoUsers } from '../../src/demo/demo-config.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { demoTenants } from '../../src/demo/demo-tenants.js';
import { PgfabricServer } from '../../src/server/pgfabric-server.js';

type Running = { server: PgfabricServer; host: string; port: number };

async function startDemoServer(dir: string): Promise<Running> {
  const raw = { ...demoConfigObject(dir), listen: { host: '127.0.0.1', port: 0 } };
  const loaded = parseConfigText(JSON.stringify(raw), 'json', { baseDir: process.cwd() });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const server = new PgfabricServer(loaded.config, pino({ level: 'silent' }));
  const { host, port } = await server.listen();
  await seedDemo(host, port);
  return { server, host, port };
}

async function query(r: Running, user: string, tenant: string, sql: string): Promise<Record<string, unknown>[]> {
  const password = demoUsers.find((u) => u.name === user)!.password;
  const client = new pg.Client({ host: r.host, port: r.port, user, password, database: tenant });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe('embedded demo on SQLite', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pgfabric-demo-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates both files with the demo rows, each tenant seeing its own', async () => {
    const r = await startDemoServer(dir);
    try {
      const files = demoFiles(dir);
      expect(existsSync(files.acme) && existsSync(files.globex)).toBe(true);
      const acme = await query(r, 'alice', 'acme', 'select customer, amount::text as amount, tenant_id::text as t from invoices order by id');
      expect(acme.map((row) => `${String(row['customer'])}=${String(row['amount'])}`)).toEqual(['Wayne Enterprises=1200.00', 'Stark Industries=850.50', 'Tyrell Corporation=99.99']);
      expect(new Set(acme.map((row) => row['t']))).toEqual(new Set([demoTenants.acme]));
      const globex = await query(r, 'bob', 'globex', 'select customer from invoices order by id');
      expect(globex.map((row) => row['customer'])).toEqual(['Initrode', 'Soylent Corp']);
      const events = await query(r, 'alice', 'acme', "select payload->>'user' as who from events where kind = 'user.login'");
      expect(events).toEqual([{ who: 'alice' }]);
      // alice's insert gets acme's id from pgfabric; journal_entries is append-only.
      const inserted = await query(r, 'alice', 'acme', "insert into invoices (customer, amount) values ('Cyberdyne', 1) returning tenant_id::text as t");
      expect(inserted).toEqual([{ t: demoTenants.acme }]);
      await expect(query(r, 'alice', 'acme', "update journal_entries set memo = 'x'")).rejects.toMatchObject({ code: '42501' });
      await expect(query(r, 'bob', 'acme', 'select 1')).rejects.toMatchObject({ code: '28000' });
    } finally {
      await r.server.drain(2000);
    }
  });

  it('a restart keeps the data and adds no duplicate rows', async () => {
    const r = await startDemoServer(dir);
    try {
      const counts = await query(r, 'dba', 'acme', 'select (select count(*) from invoices)::int as i, (select count(*) from journal_entries)::int as j, (select count(*) from settings)::int as s, (select count(*) from events)::int as e');
      expect(counts).toEqual([{ i: 4, j: 2, s: 3, e: 2 }]); // 3 seeded + the insert of the first start
      const globex = await query(r, 'dba', 'globex', 'select count(*)::int as n from invoices');
      expect(globex).toEqual([{ n: 2 }]);
    } finally {
      await r.server.drain(2000);
    }
  });

  it('prints a psql line per user and database', () => {
    expect(demoPsqlLines('127.0.0.1', 6432)).toEqual([
      'psql "postgres://alice:alice-demo@127.0.0.1:6432/acme"',
      'psql "postgres://bob:bob-demo@127.0.0.1:6432/globex"',
      'psql "postgres://dba:dba-demo@127.0.0.1:6432/acme"',
      'psql "postgres://dba:dba-demo@127.0.0.1:6432/globex"',
      'psql "postgres://ops:ops-demo@127.0.0.1:6432/pgfabric"',
    ]);
  });
});
