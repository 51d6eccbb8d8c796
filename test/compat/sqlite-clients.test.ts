// Real clients against a SQLite tenant through pgfabric: psql (a script with DDL, inserts and
// transactions; errors with their SQLSTATE; an aborted transaction and its recovery; \copy in and out)
// and pgbench (-i -s 1, then TPC-B in -M simple|extended|prepared with two clients, and the bank's
// consistency invariant afterwards). When psql or pgbench is missing, its tests are skipped with the
// reason printed, never passed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertExitedOk, onPath, parsePgbenchReport, runClient, type RunResult } from '../helpers/cli-clients.js';
import { startProxy, USERS, type RunningProxy } from '../helpers/start-proxy.js';

const PSQL = onPath('psql');
const PGBENCH = onPath('pgbench');
if (!PSQL) console.log('sqlite-clients.test.ts: psql is not on PATH; psql tests are skipped');
if (!PGBENCH) console.log('sqlite-clients.test.ts: pgbench is not on PATH; pgbench tests are skipped');
const itPsql = PSQL ? it : it.skip;
const itPgbench = PGBENCH && PSQL ? it : it.skip;

describe('compat: psql and pgbench on a SQLite tenant', () => {
  let proxy: RunningProxy;
  let dir: string;

  beforeAll(async () => {
    proxy = await startProxy({ database: 'sqlite_clients', sqlite: true });
    dir = await mkdtemp(path.join(tmpdir(), 'pgfabric-sqlite-clients-'));
  });
  afterAll(async () => {
    await proxy?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const conn = (): string[] => ['-h', proxy.host, '-p', String(proxy.port), '-U', 'alice'];
  const opts = (timeoutMs?: number) => ({ password: USERS.alice.password, cwd: dir, ...(timeoutMs ? { timeoutMs } : {}) });

  /** psql without psqlrc, unaligned tuples-only output; stops at the first error unless told otherwise. */
  function psql(args: string[], { stopOnError = true, timeoutMs }: { stopOnError?: boolean; timeoutMs?: number } = {}): Promise<RunResult> {
    return runClient(PSQL!, ['-X', '-q', '-A', '-t', '-v', `ON_ERROR_STOP=${stopOnError ? 1 : 0}`, '-v', 'VERBOSITY=verbose', ...conn(), '-d', USERS.alice.tenant, ...args], opts(timeoutMs));
  }

  async function script(name: string, lines: string[], stopOnError = true): Promise<RunResult> {
    const file = path.join(dir, name);
    await writeFile(file, lines.join('\n') + '\n');
    return psql(['-f', file], { stopOnError });
  }

  itPsql('psql -f: DDL, inserts, a committed and a rolled back transaction', async () => {
    const r = await script('tx.sql', [
      'create table ledger (id int primary key, who text not null, amount numeric(10,2), at date, ok boolean default true);',
      "insert into ledger values (1, 'ann', 10.50, '2024-01-02'), (2, 'bo''b', -3.25, null);",
      'begin;',
      "insert into ledger (id, who, amount) values (3, 'chloé', 100);",
      "update ledger set amount = amount * 2 where who = 'ann';",
      'commit;',
      'begin;',
      "insert into ledger values (4, 'dan', 1, '2024-05-05');",
      'delete from ledger where id = 1;',
      'rollback;',
      "select string_agg(id || ':' || who || ':' || coalesce(amount::text, 'null') || ':' || coalesce(at::text, '-') || ':' || ok, ',' order by id) from ledger;",
      'select count(*), sum(amount) from ledger;',
    ]);
    assertExitedOk(r, 'psql -f tx.sql');
    expect(r.stdout.trim().split('\n')).toEqual(["1:ann:21.00:2024-01-02:true,2:bo'b:-3.25:-:true,3:chloé:100.00:-:true", '3|117.75']);
  });

  itPsql('an error stops the script with the SQLSTATE; the rest does not run', async () => {
    const r = await script('err.sql', ["select 'before';", "insert into ledger values (1, 'dup');", "select 'after';"]);
    expect(r.code).toBe(3); // psql: a script stopped by ON_ERROR_STOP
    expect(r.stderr).toContain('23505');
    expect(r.stderr).toContain('duplicate key value violates unique constraint');
    expect(r.stdout).toContain('before');
    expect(r.stdout).not.toContain('after');

    const missing = await psql(['-c', 'select * from no_such_table_here']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('42P01');
    expect(missing.stderr).toContain('relation "no_such_table_here" does not exist');
  });

  itPsql('an error inside a transaction aborts it (25P02) until ROLLBACK; the session goes on', async () => {
    const r = await script('aborted.sql', [
      'begin;',
      "insert into ledger values (10, 'ten', 1, null, false);",
      'select 1/0;',
      "insert into ledger values (11, 'eleven');",
      'rollback;',
      "select 'count ' || count(*) from ledger where id >= 10;",
    ], false);
    expect(r.code).toBe(0); // ON_ERROR_STOP=0: psql reports and goes on
    expect(r.stderr).toContain('22012');
    expect(r.stderr).toContain('25P02');
    expect(r.stderr).toContain('current transaction is aborted');
    expect(r.stdout.trim()).toBe('count 0');
  });

  itPsql('\\copy from a CSV file and back gives the same bytes; \\copy of a query in text format', async () => {
    const rows = ['1,alice,1.50', '2,"bob, jr",2.25', '3,,', '4,"say ""hi""",0', '5,"multi\nline",-7.125', '6,ünïcödé ✓,3'];
    for (let i = 7; i <= 5000; i++) rows.push(`${i},name ${i},${(i * 0.01).toFixed(2)}`);
    const input = path.join(dir, 'in.csv');
    const output = path.join(dir, 'out.csv');
    await writeFile(input, rows.join('\n') + '\n');
    assertExitedOk(await psql(['-c', 'create table copy_t (id int primary key, name text, amount numeric)']), 'create table');
    const copyIn = await psql(['-c', `\\copy copy_t from '${input}' csv`]);
    assertExitedOk(copyIn, '\\copy from');
    const count = await psql(['-c', 'select count(*), count(name), sum(id) from copy_t']);
    assertExitedOk(count, 'count');
    expect(count.stdout.trim()).toBe(`5000|4999|${(5000 * 5001) / 2}`);
    const copyOut = await psql(['-c', `\\copy (select * from copy_t order by id) to '${output}' csv`]);
    assertExitedOk(copyOut, '\\copy to');
    const [a, b] = await Promise.all([readFile(input, 'utf8'), readFile(output, 'utf8')]);
    expect(b.length).toBe(a.length);
    expect(b === a).toBe(true);

    const text = path.join(dir, 'out.txt');
    assertExitedOk(await psql(['-c', `\\copy (select id, name, amount from copy_t where id in (2, 3, 5) order by id) to '${text}'`]), '\\copy to text');
    expect(await readFile(text, 'utf8')).toBe('2\tbob, jr\t2.25\n3\t\\N\t\\N\n5\tmulti\\nline\t-7.125\n');
  });

  describe('pgbench', () => {
    const pgbench = (args: string[], timeoutMs?: number): Promise<RunResult> =>
      runClient(PGBENCH!, [...conn(), ...args, USERS.alice.tenant], opts(timeoutMs));

    itPgbench('pgbench -i -s 1 initialises the SQLite tenant through the proxy', async () => {
      const r = await pgbench(['-i', '-s', '1', '-q'], 120_000);
      assertExitedOk(r, 'pgbench -i');
      expect(r.stderr).toMatch(/done in [0-9.]+ s/);
      const counts = await psql(['-c', 'select (select count(*) from pgbench_accounts), (select count(*) from pgbench_branches), (select count(*) from pgbench_tellers), (select count(*) from pgbench_history)']);
      assertExitedOk(counts, 'counts');
      expect(counts.stdout.trim()).toBe('100000|1|10|0');
    }, 150_000);

    for (const mode of ['simple', 'extended', 'prepared'] as const) {
      itPgbench(`pgbench -T 3 -c 2 -M ${mode}`, async () => {
        // -n: no vacuum and no truncation of pgbench_history, so its deltas add up over all three runs.
        const r = await pgbench(['-n', '-T', '3', '-c', '2', '-j', '2', '-M', mode], 60_000);
        assertExitedOk(r, `pgbench -M ${mode}`);
        const report = parsePgbenchReport(r, `pgbench -M ${mode}`);
        expect(r.stdout).toContain(`query mode: ${mode}`);
        expect(r.stdout).toContain('TPC-B (sort of)');
        expect(report.failed, `failed transactions\n${r.stdout}\n${r.stderr}`).toBe(0);
        expect(report.processed).toBeGreaterThan(0);
        expect(report.tps).toBeGreaterThan(0);
      });
    }

    itPgbench('the bank is consistent: every balance sum equals the sum of history deltas', async () => {
      const r = await psql([
        '-c',
        'select (select count(*) from pgbench_accounts), (select count(*) from pgbench_history), (select sum(abalance) from pgbench_accounts), (select sum(tbalance) from pgbench_tellers), (select sum(bbalance) from pgbench_branches), (select sum(delta) from pgbench_history)',
      ]);
      assertExitedOk(r, 'balance check');
      const [accounts, history, a, t, b, d] = r.stdout.trim().split('|');
      expect(accounts).toBe('100000');
      expect(Number(history)).toBeGreaterThan(0);
      expect({ a, t, b }).toEqual({ a: d, t: d, b: d });
    });
  });
});
