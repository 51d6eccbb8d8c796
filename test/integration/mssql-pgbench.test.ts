// pgbench against a SQL Server tenant: a TPC-B-shaped custom script (update a balance, read it back, append a
// history row, in one transaction) for 2 seconds on 4 connections, with -M extended and -M prepared. pgbench -i
// is not used: its initialisation relies on COPY FREEZE and partitioned DDL. The run must report no failed
// transaction, and the rows must add up: one history row per transaction, and the balances' total change equals
// the history's deltas (no lost or doubled update). The same run on a Postgres tenant is the control.
// The SQL Server run needs a reachable server (MSSQL_URL, or Docker for testcontainers: mssql-server.ts);
// both need pgbench. Otherwise they are skipped with the reason printed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, parsePgbenchReport, runClient } from '../helpers/cli-clients.js';
import { mssqlServer, skipReason } from '../helpers/mssql-server.js';
import { startProxy, USERS, type ProxyOptions, type RunningProxy } from '../helpers/start-proxy.js';

const SERVER = mssqlServer(import.meta.url);
const PGBENCH = onPath('pgbench');
const NO_PGBENCH = PGBENCH ? undefined : 'pgbench is not on PATH';
if (NO_PGBENCH) console.warn(`mssql-pgbench.test.ts: ${NO_PGBENCH}; the pgbench tests are skipped`);
const TARGETS: { kind: string; options: ProxyOptions; skip: string | undefined }[] = [
  { kind: 'Postgres (control)', options: { database: 'mssql_pgbench_control', poolMax: 8 }, skip: NO_PGBENCH },
  { kind: 'SQL Server', options: { database: 'mssql_pgbench', poolMax: 8, mssql: 'url' in SERVER ? SERVER.url : '' }, skip: skipReason(SERVER) ?? NO_PGBENCH },
];

const ACCOUNTS = 1000;
const SCRIPT = [
  `\\set aid random(1, ${ACCOUNTS})`,
  '\\set delta random(-5000, 5000)',
  'BEGIN;',
  'UPDATE bench_accounts SET abalance = abalance + :delta WHERE aid = :aid;',
  'SELECT abalance FROM bench_accounts WHERE aid = :aid;',
  'INSERT INTO bench_history (aid, delta, mtime) VALUES (:aid, :delta, CURRENT_TIMESTAMP);',
  'END;',
].join('\n');

for (const { kind, options, skip } of TARGETS) describe.skipIf(skip !== undefined)(`pgbench custom script on a ${kind} tenant`, () => {
  let proxy: RunningProxy;
  let dir: string;
  let client: pg.Client;

  beforeAll(async () => {
    proxy = await startProxy(options);
    dir = await mkdtemp(path.join(tmpdir(), 'pgfabric-mssql-pgbench-'));
    await writeFile(path.join(dir, 'tpcb-like.sql'), SCRIPT);
    client = new pg.Client(proxy.url('alice'));
    await client.connect();
    await client.query('create table bench_accounts (aid integer primary key, bid integer not null, abalance integer not null default 0, filler char(84))');
    await client.query('create table bench_history (hid bigserial primary key, aid integer not null, delta integer not null, mtime timestamp not null)');
    // Multi-row VALUES in batches: the load does not depend on generate_series or COPY.
    for (let from = 1; from <= ACCOUNTS; from += 250) {
      const rows = Array.from({ length: 250 }, (_, i) => `(${from + i}, ${1 + ((from + i) % 10)}, 0)`);
      await client.query(`insert into bench_accounts (aid, bid, abalance) values ${rows.join(', ')}`);
    }
  }, 300_000);

  afterAll(async () => {
    await client?.end();
    await proxy?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const mode of ['extended', 'prepared']) {
    it(`-M ${mode} -c 4 -T 2: no failed transaction, and balances and history add up`, async () => {
      const before = (await client.query<{ n: string }>('select count(*) as n from bench_history')).rows[0]?.n;
      const r = await runClient(
        PGBENCH!,
        ['-h', proxy.host, '-p', String(proxy.port), '-U', 'alice', '-n', '-M', mode, '-c', '4', '-j', '2', '-T', '2', '-f', path.join(dir, 'tpcb-like.sql'), USERS.alice.tenant],
        { password: USERS.alice.password, cwd: dir, timeoutMs: 60_000 },
      );
      const report = parsePgbenchReport(r, `pgbench -M ${mode}`);
      expect(r.code, r.stderr).toBe(0);
      expect(report.failed).toBe(0);
      expect(report.processed).toBeGreaterThan(0);
      const after = await client.query<{ n: string; deltas: string | null; balances: string }>(
        'select (select count(*) from bench_history) as n, (select sum(delta) from bench_history) as deltas, (select sum(abalance) from bench_accounts) as balances',
      );
      const row = after.rows[0];
      expect(Number(row?.n) - Number(before)).toBe(report.processed);
      expect(row?.balances).toBe(row?.deltas ?? '0');
    }, 120_000);
  }
});
