// psql against a SQL Server tenant, as a user would drive it: \dt and \d (answered from the server's catalog,
// compared cell by cell with the same DDL on the real Postgres), INSERT … RETURNING with its command tag, a
// transaction with a savepoint, and an error mid-transaction (25P02 until ROLLBACK, then the session goes on).
// The same session runs against a Postgres tenant first, as the control that proves the expectations are
// Postgres's own. The SQL Server run needs a reachable server (MSSQL_URL, or Docker for testcontainers:
// mssql-server.ts); both need psql. Otherwise they are skipped with the reason printed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertExitedOk, onPath, runClient, type RunResult } from '../helpers/cli-clients.js';
import { mssqlServer, skipReason } from '../helpers/mssql-server.js';
import { startProxy, USERS, type ProxyOptions, type RunningProxy } from '../helpers/start-proxy.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';

const SERVER = mssqlServer(import.meta.url);
const PSQL = onPath('psql');
if (PSQL === null) console.warn('mssql-psql.test.ts: psql is not on PATH; the psql tests are skipped');
const TARGETS: { kind: string; options: ProxyOptions; skip: string | undefined }[] = [
  { kind: 'Postgres (control)', options: { database: 'mssql_psql_control' }, skip: PSQL ? undefined : 'psql is not on PATH' },
  { kind: 'SQL Server', options: { database: 'mssql_psql', mssql: 'url' in SERVER ? SERVER.url : '' }, skip: skipReason(SERVER) ?? (PSQL ? undefined : 'psql is not on PATH') },
];

const DDL = [
  `create table customers (id serial primary key, name varchar(100) not null, email text unique,
     balance numeric(12,2) default 0, created_at timestamp with time zone not null default now(), active boolean default true)`,
  `create table orders (id bigint primary key, customer_id integer not null references customers(id), total numeric(12,2), placed date)`,
];

/** The cells of psql's \d column table: one array per column line (Column, Type, Collation, Nullable, Default). */
function columnCells(describeOutput: string): string[][] {
  const lines = describeOutput.split('\n');
  const header = lines.findIndex((l) => /^\s*Column\s*\|/.test(l));
  if (header < 0) return [];
  const out: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.includes('|')) break;
    out.push(line.split('|').map((cell) => cell.trim()));
  }
  return out;
}

/** The lines after the column table (Indexes:, Foreign-key constraints:, Referenced by:, …). */
function footer(describeOutput: string): string[] {
  const lines = describeOutput.split('\n');
  const start = lines.findIndex((l, i) => i > 2 && l.trim() !== '' && !l.includes('|') && !/^-+\+/.test(l.trim()));
  return start < 0 ? [] : lines.slice(start).map((l) => l.trim()).filter((l) => l !== '');
}

for (const { kind, options, skip } of TARGETS) describe.skipIf(skip !== undefined)(`psql on a ${kind} tenant`, () => {
  let proxy: RunningProxy;
  let referenceUrl: string;
  let dir: string;

  beforeAll(async () => {
    proxy = await startProxy(options);
    const client = new pg.Client(proxy.url('alice'));
    await client.connect();
    try {
      for (const ddl of DDL) await client.query(ddl);
    } finally {
      await client.end();
    }
    referenceUrl = await createTestDatabase(adminUrl(), `${options.database}_ref`);
    const ref = new pg.Client(referenceUrl);
    await ref.connect();
    for (const ddl of DDL) await ref.query(ddl);
    await ref.end();
    dir = await mkdtemp(path.join(tmpdir(), 'pgfabric-mssql-psql-'));
  }, 300_000);

  afterAll(async () => {
    await proxy?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** psql without psqlrc; `args` after the connection options. */
  function psql(url: string, args: string[]): Promise<RunResult> {
    return runClient(PSQL!, ['-X', ...args, url], { password: USERS.alice.password, cwd: dir ?? tmpdir() });
  }
  const viaProxy = (args: string[]): Promise<RunResult> => psql(proxy.url('alice'), args);

  it('\\dt lists the tenant\'s tables in schema public', async () => {
    const r = await viaProxy(['-c', '\\dt']);
    assertExitedOk(r, 'psql \\dt');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/public \| customers \| table \|/);
    expect(r.stdout).toMatch(/public \| orders {4}\| table \|/);
    expect(r.stdout).toContain('(2 rows)');
  });

  it('\\d customers: the columns, types and nullability Postgres shows for the same DDL', async () => {
    const ours = await viaProxy(['-c', '\\d customers']);
    const theirs = await psql(referenceUrl, ['-c', '\\d customers']);
    assertExitedOk(ours, `psql \\d customers (${kind} tenant)`);
    expect(ours.stderr).toBe('');
    expect(ours.stdout).toContain('Table "public.customers"');
    const withoutDefault = (cells: string[][]) => cells.map((c) => c.slice(0, 4));
    expect(withoutDefault(columnCells(ours.stdout))).toEqual(withoutDefault(columnCells(theirs.stdout)));
    expect(columnCells(ours.stdout).map((c) => c[0])).toEqual(['id', 'name', 'email', 'balance', 'created_at', 'active']);
  });

  it('\\d customers: defaults, indexes and referencing foreign keys as Postgres prints them', async () => {
    const ours = await viaProxy(['-c', '\\d customers']);
    const theirs = await psql(referenceUrl, ['-c', '\\d customers']);
    assertExitedOk(ours, `psql \\d customers (${kind} tenant)`);
    expect(columnCells(ours.stdout).map((c) => c[4])).toEqual(columnCells(theirs.stdout).map((c) => c[4]));
    expect(columnCells(ours.stdout)[0]?.[4]).toBe("nextval('customers_id_seq'::regclass)");
    expect(footer(ours.stdout)).toEqual(footer(theirs.stdout));
    expect(footer(ours.stdout)).toEqual([
      'Indexes:',
      '"customers_pkey" PRIMARY KEY, btree (id)',
      '"customers_email_key" UNIQUE CONSTRAINT, btree (email)',
      'Referenced by:',
      'TABLE "orders" CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES customers(id)',
    ]);
  });

  it('INSERT … RETURNING prints the new rows and INSERT 0 n', async () => {
    const r = await viaProxy(['-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', "insert into customers (name, email, balance) values ('Ann', 'ann@example.com', 12.5), ('Bo', null, 0.125) returning id, name, balance"]);
    assertExitedOk(r, 'psql insert … returning');
    expect(r.stdout.trim().split('\n')).toEqual(['1|Ann|12.50', '2|Bo|0.13', 'INSERT 0 2']);
  });

  it('a transaction with a savepoint: ROLLBACK TO undoes only what followed it', async () => {
    const script = path.join(dir, 'savepoint.sql');
    await writeFile(
      script,
      [
        'begin;',
        "insert into customers (name) values ('Cy');",
        'savepoint s1;',
        "insert into customers (name) values ('Dee');",
        'rollback to savepoint s1;',
        "insert into customers (name) values ('Eve');",
        'release savepoint s1;',
        'commit;',
        "select string_agg(name, ',' order by name) from customers where name in ('Cy', 'Dee', 'Eve');",
      ].join('\n'),
    );
    const r = await viaProxy(['-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-f', script]);
    assertExitedOk(r, 'psql savepoint script');
    expect(r.stdout.trim()).toBe('Cy,Eve');
  });

  it('an error mid-transaction: 25P02 until ROLLBACK, nothing of the transaction kept, the session goes on', async () => {
    const script = path.join(dir, 'aborted.sql');
    await writeFile(
      script,
      [
        '\\set VERBOSITY verbose',
        'begin;',
        "insert into customers (name) values ('Lost');",
        'select 1 / 0;',
        "insert into customers (name) values ('Also lost');",
        'rollback;',
        "select 'after', count(*) from customers where name in ('Lost', 'Also lost');",
      ].join('\n'),
    );
    // Without ON_ERROR_STOP psql goes on after an error, as an interactive user would.
    const r = await viaProxy(['-q', '-A', '-t', '-f', script]);
    expect(r.code, r.stderr).toBe(0);
    const errors = r.stderr.split('\n').filter((l) => /ERROR:/.test(l));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/ERROR:\s+22012: division by zero/);
    expect(errors[1]).toMatch(/ERROR:\s+25P02: current transaction is aborted, commands ignored until end of transaction block/);
    expect(r.stdout.trim()).toBe('after|0');
  });
});
