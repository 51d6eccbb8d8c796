// Real clients through pgfabric: psql (simple protocol, COPY in both directions, catalog queries
// behind \d, error reporting) and pgbench (-M simple|extended|prepared, select-only, a connection per
// transaction). Both run as child processes against the proxy; when they are not installed the tests
// are skipped with the reason printed, never passed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertExitedOk, onPath, runClient, type RunResult } from '../helpers/cli-clients.js';
import { startProxy, USERS, type RunningProxy } from '../helpers/start-proxy.js';

const PSQL = onPath('psql');
const PGBENCH = onPath('pgbench');
if (!PSQL) console.log('psql-pgbench.test.ts: psql is not on PATH; psql tests are skipped');
if (!PGBENCH) console.log('psql-pgbench.test.ts: pgbench is not on PATH; pgbench tests are skipped');
const itPsql = PSQL ? it : it.skip;
const itPgbench = PGBENCH && PSQL ? it : it.skip;

describe('compat: psql and pgbench through pgfabric', () => {
  let proxy: RunningProxy;
  let dir: string;

  beforeAll(async () => {
    proxy = await startProxy({ database: 'psql_pgbench_compat', poolMax: 10 });
    dir = await mkdtemp(path.join(tmpdir(), 'pgfabric-psql-'));
  });
  afterAll(async () => {
    await proxy?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function run(file: string, args: string[], timeoutMs?: number): Promise<RunResult> {
    return runClient(file, args, { password: USERS.alice.password, cwd: dir, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  }

  const conn = (): string[] => ['-h', proxy.host, '-p', String(proxy.port), '-U', 'alice'];

  /** psql without psqlrc, unaligned tuples-only output, stopping at the first error. */
  function psql(args: string[], timeoutMs?: number): Promise<RunResult> {
    return run(PSQL!, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...conn(), '-d', USERS.alice.tenant, ...args], timeoutMs);
  }

  function pgbench(args: string[], timeoutMs?: number): Promise<RunResult> {
    return run(PGBENCH!, [...conn(), ...args, USERS.alice.tenant], timeoutMs);
  }

  const ok = assertExitedOk;

  itPsql('psql -c runs a query and prints its result', async () => {
    const r = await psql(['-c', "select 40 + 2 as answer, 'hé, there'::text as greeting, null::int as nothing"]);
    ok(r, 'psql -c');
    expect(r.stdout.trim()).toBe('42|hé, there|');
  });

  itPsql('psql -f runs a script with a transaction, and a rolled back one leaves nothing', async () => {
    const script = path.join(dir, 'tx.sql');
    await writeFile(
      script,
      [
        'create table script_t (id int primary key, v text);',
        'begin;',
        "insert into script_t values (1, 'one'), (2, 'two');",
        "update script_t set v = v || '!' where id = 2;",
        'commit;',
        'begin;',
        "insert into script_t values (3, 'three');",
        'rollback;',
        "select string_agg(id || ':' || v, ',' order by id) from script_t;",
        'select count(*) from script_t;',
        '',
      ].join('\n'),
    );
    const r = await psql(['-f', script]);
    ok(r, 'psql -f');
    expect(r.stdout.trim().split('\n')).toEqual(['1:one,2:two!', '2']);
  });

  itPsql('\\copy from a CSV file and back to a CSV file gives the same bytes', async () => {
    const rows = [
      '1,alice,1.50',
      '2,"bob, jr",2.25',
      '3,,',
      '4,"say ""hi""",0',
      '5,"multi\nline",-7.125',
    ];
    for (let i = 6; i <= 5000; i++) rows.push(`${i},name ${i},${(i * 0.01).toFixed(2)}`);
    const input = path.join(dir, 'in.csv');
    const output = path.join(dir, 'out.csv');
    await writeFile(input, rows.join('\n') + '\n');
    ok(await psql(['-c', 'create table copy_t (id int, name text, amount numeric)']), 'create table');
    const copyIn = await psql(['-c', `\\copy copy_t from '${input}' csv`]);
    ok(copyIn, '\\copy from');
    const count = await psql(['-c', 'select count(*), count(name), sum(id) from copy_t']);
    ok(count, 'count');
    expect(count.stdout.trim()).toBe(`5000|4999|${(5000 * 5001) / 2}`);
    const copyOut = await psql(['-c', `\\copy copy_t to '${output}' csv`]);
    ok(copyOut, '\\copy to');
    const [a, b] = await Promise.all([readFile(input, 'utf8'), readFile(output, 'utf8')]);
    expect(b.length).toBe(a.length);
    expect(b === a).toBe(true);
  });

  itPsql('an error makes psql exit non-zero with the SQLSTATE and message', async () => {
    const r = await psql(['-v', 'VERBOSITY=verbose', '-c', 'select * from no_such_table_here']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('42P01');
    expect(r.stderr).toContain('relation "no_such_table_here" does not exist');

    // In a script: stops at the failing statement, the rest does not run.
    const script = path.join(dir, 'err.sql');
    await writeFile(script, "select 'before';\nselect 1/0;\nselect 'after';\n");
    const s = await psql(['-v', 'VERBOSITY=verbose', '-f', script]);
    expect(s.code).toBe(3); // psql: a script stopped by ON_ERROR_STOP
    expect(s.stderr).toContain('22012');
    expect(s.stderr).toContain('division by zero');
    expect(s.stdout).toContain('before');
    expect(s.stdout).not.toContain('after');
  });

  itPsql('\\d table and \\dt mention the table', async () => {
    ok(await psql(['-c', 'create table describe_me (id bigint primary key, label varchar(20) not null)']), 'create');
    const d = await run(PSQL!, ['-X', ...conn(), '-d', USERS.alice.tenant, '-c', '\\d describe_me']);
    ok(d, '\\d');
    expect(d.stdout).toContain('Table "public.describe_me"');
    expect(d.stdout).toMatch(/id\s+\|\s+bigint/);
    expect(d.stdout).toMatch(/label\s+\|\s+character varying\(20\)/);
    expect(d.stdout).toContain('describe_me_pkey');
    const dt = await run(PSQL!, ['-X', ...conn(), '-d', USERS.alice.tenant, '-c', '\\dt']);
    ok(dt, '\\dt');
    expect(dt.stdout).toMatch(/public\s+\|\s+describe_me\s+\|\s+table/);
  });

  describe('pgbench', () => {
    /** Checks a pgbench run's report; returns its tps. */
    function report(r: RunResult, what: string): number {
      ok(r, what);
      const out = r.stdout;
      const failed = /number of failed transactions: (\d+)/.exec(out);
      if (!failed) throw new Error(`${what}: no "number of failed transactions" line\n${out}\n${r.stderr}`);
      expect(Number(failed[1]), `${what} failed transactions\n${out}\n${r.stderr}`).toBe(0);
      const processed = /number of transactions actually processed: (\d+)/.exec(out);
      expect(Number(processed?.[1] ?? 0), `${what}: transactions processed`).toBeGreaterThan(0);
      const tps = /^tps = ([0-9.]+)/m.exec(out);
      if (!tps) throw new Error(`${what}: no tps line\n${out}`);
      const value = Number(tps[1]);
      expect(value).toBeGreaterThan(0);
      return value;
    }

    itPgbench('pgbench -i -s 1 initialises through the proxy', async () => {
      const r = await pgbench(['-i', '-s', '1', '-q'], 60_000);
      ok(r, 'pgbench -i');
      expect(r.stderr).toMatch(/done in [0-9.]+ s/);
      const counts = await psql([
        '-c',
        'select (select count(*) from pgbench_accounts), (select count(*) from pgbench_branches), (select count(*) from pgbench_tellers)',
      ]);
      ok(counts, 'counts');
      expect(counts.stdout.trim()).toBe('100000|1|10');
    });

    for (const mode of ['simple', 'extended', 'prepared'] as const) {
      itPgbench(`pgbench -T 3 -c 4 -j 2 -M ${mode}`, async () => {
        const r = await pgbench(['-T', '3', '-c', '4', '-j', '2', '-M', mode]);
        report(r, `pgbench -M ${mode}`);
        expect(r.stdout).toContain(`query mode: ${mode}`);
      });
    }

    itPgbench('pgbench -S (select only, prepared)', async () => {
      const r = await pgbench(['-S', '-T', '2', '-c', '4', '-j', '2', '-M', 'prepared']);
      report(r, 'pgbench -S');
      expect(r.stdout).toContain('select only');
    });

    itPgbench('pgbench -C: a new connection per transaction', async () => {
      const r = await pgbench(['-C', '-T', '2', '-c', '4', '-j', '2']);
      report(r, 'pgbench -C');
      // Every transaction logged in anew: far more logins than clients.
      const processed = Number(/number of transactions actually processed: (\d+)/.exec(r.stdout)?.[1] ?? 0);
      expect(processed).toBeGreaterThan(4);
      // The proxy lets go of every one of those client connections.
      for (let i = 0; i < 50 && proxy.server.clientCount > 0; i++) await new Promise((res) => setTimeout(res, 20));
      expect(proxy.server.clientCount).toBe(0);
    });

    itPgbench('pgbench -M prepared with more clients than pool.max (14 on 10) does not deadlock', async () => {
      // pgbench prepares with a blocking PQprepare in the thread that drives its other clients: a Parse that
      // waited for a server connection held by those clients mid-transaction would never be answered.
      const r = await pgbench(['-T', '3', '-c', '14', '-j', '2', '-M', 'prepared']);
      report(r, 'pgbench -c 14 -M prepared');
      expect(Number(/number of transactions actually processed: (\d+)/.exec(r.stdout)?.[1] ?? 0)).toBeGreaterThan(14);
    });

    itPgbench('the tpcb runs left the bank balanced', async () => {
      // pgbench's transaction moves the same delta into one account, teller and branch: sums agree.
      const r = await psql([
        '-c',
        'select (select sum(abalance) from pgbench_accounts) = (select sum(bbalance) from pgbench_branches) and (select sum(tbalance) from pgbench_tellers) = (select sum(bbalance) from pgbench_branches), (select count(*) > 0 from pgbench_history)',
      ]);
      ok(r, 'balance check');
      expect(r.stdout.trim()).toBe('t|t');
    });
  });
});
