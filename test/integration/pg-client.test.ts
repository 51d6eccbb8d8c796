// node-postgres through pgfabric: simple and extended queries, type round trips, large results,
// the client's query queue, errors and recovery, transactions and savepoints.
import type pg from 'pg';
import { serialize } from 'pg-protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, USERS, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, direct, failure, RawClient } from './support.js';

let proxy: RunningProxy;
const open: pg.Client[] = [];
const connect = (extra: Omit<pg.ClientConfig, 'connectionString'> = {}) => connectPg(proxy.url(), extra, open);

beforeAll(async () => {
  proxy = await startProxy({ database: 'it_pg_client', poolMax: 4 });
  await direct(
    proxy.backendUrl,
    `create table uniq (id int primary key, note text);
     create table ledger (id serial primary key, label text not null);
     create table big as select g as id, md5(g::text) as h from generate_series(1, 10000) g;`,
  );
});
afterEach(() => closeAll(open));
afterAll(() => proxy.stop());

describe('queries and types', () => {
  it('runs simple-protocol multi-statement queries and extended queries on one connection', async () => {
    const client = await connect();
    const multi = (await client.query('select 1 as a; select 2 as b, null::text as c')) as unknown as pg.QueryResult[];
    expect(multi.map((r) => r.rows)).toEqual([[{ a: 1 }], [{ b: 2, c: null }]]);
    const ext = await client.query('select $1::text as t, $2::int as n, $3::text as missing', ['x', 42, null]);
    expect(ext.rows).toEqual([{ t: 'x', n: 42, missing: null }]);
    const empty = await client.query('select 1 where false');
    expect(empty.rowCount).toBe(0);
  });

  it('round-trips int8, numeric, text, bytea, timestamptz, json and arrays exactly', async () => {
    const client = await connect();
    const bytes = Buffer.from([0, 1, 2, 254, 255, 0x5c, 0x27]);
    const when = new Date('2024-02-29T23:59:58.123Z');
    const json = { a: [1, 'two', null, { deep: true }], ü: 'ünïcödé ✓' };
    const values = ['9223372036854775807', '-12345678901234567890.000000000001', "it's\ttabs\nand 'quotes' ✓", bytes, when, json, [1, 2, null, 4], ['a', 'b,c', '"q"', null]];
    const res = await client.query(
      `select $1::int8 as i8, $2::numeric as num, $3::text as txt, $4::bytea as bin, $5::timestamptz as ts,
              $6::json as j, $7::int[] as ints, $8::text[] as texts,
              $1::int8 + 0 = 9223372036854775807 as i8_ok, octet_length($4::bytea) as bin_len`,
      values,
    );
    const row = res.rows[0];
    expect(row.i8).toBe('9223372036854775807');
    expect(row.num).toBe('-12345678901234567890.000000000001');
    expect(row.txt).toBe(values[2]);
    expect(Buffer.compare(row.bin, bytes)).toBe(0);
    expect((row.ts as Date).toISOString()).toBe(when.toISOString());
    expect(row.j).toEqual(json);
    expect(row.ints).toEqual([1, 2, null, 4]);
    expect(row.texts).toEqual(['a', 'b,c', '"q"', null]);
    expect(row.i8_ok).toBe(true);
    expect(row.bin_len).toBe(bytes.length);

    // The same values in the simple protocol (literals), NULLs of every type.
    const simple = await client.query(
      `select 9223372036854775807::int8 as i8, '\\x00ff'::bytea as bin, array[[1,2],[3,4]] as grid, '{"k": [true, null]}'::jsonb as jb,
              null::int8 as n1, null::bytea as n2, null::timestamptz as n3, null::json as n4, null::int[] as n5`,
    );
    expect(simple.rows[0]).toEqual({ i8: '9223372036854775807', bin: Buffer.from([0, 255]), grid: [[1, 2], [3, 4]], jb: { k: [true, null] }, n1: null, n2: null, n3: null, n4: null, n5: null });
  });

  it('returns 10k-row results identical to a direct connection (count and checksum)', async () => {
    const client = await connect();
    const sql = 'select id, h, repeat(h, 4) as wide from big order by id';
    const through = await client.query<{ id: number; h: string; wide: string }>(sql);
    const extended = await client.query<{ id: number; h: string }>('select id, h from big where id > $1 order by id', [0]);
    const [expected] = await direct<{ n: string; sum: string; digest: string }>(
      proxy.backendUrl,
      `select count(*) as n, sum(id) as sum, md5(string_agg(h, ',' order by id)) as digest from big`,
    );
    const { createHash } = await import('node:crypto');
    const digest = (rows: { h: string }[]) => createHash('md5').update(rows.map((r) => r.h).join(',')).digest('hex');
    for (const result of [through, extended]) {
      expect(result.rows.length).toBe(10_000);
      expect(String(result.rows.reduce((s, r) => s + r.id, 0))).toBe(expected!.sum);
      expect(digest(result.rows)).toBe(expected!.digest);
    }
    expect(through.rows.every((r) => r.wide === r.h.repeat(4))).toBe(true);
    expect(String(through.rowCount)).toBe(expected!.n);
  });

  it('carries very large values both ways (20 MB result value, 8 MB bytea parameter)', async () => {
    const client = await connect();
    const big = await client.query<{ s: string }>("select repeat('ab', 10000000) as s");
    expect(big.rows[0]!.s.length).toBe(20_000_000);
    expect(big.rows[0]!.s.slice(-4)).toBe('abab');
    const blob = Buffer.alloc(8 * 1024 * 1024, 7);
    blob[blob.length - 1] = 9;
    const res = await client.query('select octet_length($1::bytea) as n, md5($1::bytea) as h', [blob]);
    const { createHash } = await import('node:crypto');
    expect(res.rows).toEqual([{ n: blob.length, h: createHash('md5').update(blob).digest('hex') }]);
    expect((await client.query('select 1 as after')).rows).toEqual([{ after: 1 }]);
  });

  it('passes empty queries, notices and command tags through', async () => {
    const client = await connect();
    const notices: string[] = [];
    client.on('notice', (n) => notices.push(n.message ?? ''));
    const empty = await client.query('');
    expect(empty.rows).toEqual([]);
    // (DO blocks are refused by the tenant rules; DROP … IF EXISTS raises a NOTICE of its own.)
    await client.query('drop table if exists no_such_table_here');
    const ins = await client.query("insert into ledger (label) values ('tag-1'), ('tag-2')");
    expect([ins.command, ins.rowCount]).toEqual(['INSERT', 2]);
    const upd = await client.query("update ledger set label = label || '!' where label like 'tag-%'");
    expect([upd.command, upd.rowCount]).toEqual(['UPDATE', 2]);
    expect(notices).toEqual(['table "no_such_table_here" does not exist, skipping']);
  });

  it("keeps pg's query queue in order: 200 queries issued without waiting", async () => {
    const client = await connect();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 3 === 0 ? client.query(`select ${i} as i`) : i % 3 === 1 ? client.query('select $1::int as i', [i]) : client.query({ name: 'queued', text: 'select $1::int as i', values: [i] }),
      ),
    );
    expect(results.map((r) => r.rows[0].i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});

describe('errors and recovery', () => {
  it('returns the SQLSTATE of syntax errors, division by zero and unique violations, and the connection keeps working', async () => {
    const client = await connect();
    await client.query('delete from uniq');
    const cases: [string, unknown[], string][] = [
      ['selec 1', [], '42601'],
      ['select 1/0', [], '22012'],
      ['select $1::int / 0', [1], '22012'],
      ['select * from no_such_table', [], '42P01'],
      ["insert into uniq values (1, 'a'), (1, 'b')", [], '23505'],
      ['insert into uniq values ($1, $2), ($1, $2)', [2, 'x'], '23505'],
    ];
    for (const [sql, values, code] of cases) {
      const err = await failure(client.query(sql, values));
      expect(err.code, sql).toBe(code);
      expect((await client.query('select 7 as seven')).rows).toEqual([{ seven: 7 }]);
    }
    // A failed named statement's Parse does not leave the name behind; it can be prepared again correctly.
    expect((await failure(client.query({ name: 'bad', text: 'selec 2' }))).code).toBe('42601');
    expect((await client.query('select count(*)::int as n from uniq')).rows).toEqual([{ n: 0 }]);
  });

  it('aborts a transaction after an error (25P02) until ROLLBACK', async () => {
    const client = await connect();
    await client.query('begin');
    await client.query("insert into ledger (label) values ('lost')");
    expect((await failure(client.query('select 1/0'))).code).toBe('22012');
    expect((await failure(client.query('select 1'))).code).toBe('25P02');
    expect((await failure(client.query('select $1::int', [1]))).code).toBe('25P02');
    expect((await failure(client.query('select 1; commit'))).code).toBe('25P02');
    await client.query('rollback');
    expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    expect(await direct(proxy.backendUrl, "select * from ledger where label = 'lost'")).toEqual([]);
    // COMMIT of an aborted transaction reports ROLLBACK.
    await client.query('begin');
    await failure(client.query('select 1/0'));
    const commit = await client.query('commit');
    expect(commit.command).toBe('ROLLBACK');
    expect((await client.query('select 2 as ok')).rows).toEqual([{ ok: 2 }]);
  });

  it('skips the rest of an extended-protocol batch after an error, up to Sync (raw protocol)', async () => {
    const raw = await RawClient.connect(proxy.host, proxy.port, 'alice', USERS.alice.password, 'acme');
    try {
      // Named statement s1 prepared first, so the later Parse of it on a pooled connection may be synthetic.
      raw.send(serialize.parse({ name: 's1', text: 'select $1::int + 1' }), serialize.sync());
      expect(await raw.untilReady()).toEqual(['parseComplete', 'ready:I']);

      raw.send(
        serialize.bind({ statement: 's1', values: ['1'] }),
        serialize.execute(),
        serialize.parse({ text: 'select 1/g from generate_series(0, 0) g' }),
        serialize.bind(),
        serialize.execute(),
        serialize.parse({ name: 's2', text: 'select 42' }),
        serialize.bind({ statement: 's1', values: ['10'] }),
        serialize.execute(),
        serialize.sync(),
      );
      expect(await raw.untilReady()).toEqual(['bindComplete', 'row:2', 'commandComplete', 'parseComplete', 'bindComplete', 'error:22012', 'ready:I']);

      // s2 was skipped, so it does not exist; s1 still works; the session is in sync.
      raw.send(serialize.bind({ statement: 's2' }), serialize.execute(), serialize.sync());
      expect(await raw.untilReady()).toEqual(['error:26000', 'ready:I']);
      raw.send(serialize.bind({ statement: 's1', values: ['41'] }), serialize.execute(), serialize.sync());
      expect(await raw.untilReady()).toEqual(['bindComplete', 'row:42', 'commandComplete', 'ready:I']);

      // Inside a transaction, the error aborts it: the next Sync reports 'E', and a later query 25P02.
      raw.send(serialize.query('begin'));
      expect(await raw.untilReady()).toEqual(['commandComplete', 'ready:T']);
      raw.send(serialize.bind({ statement: 's1', values: ['x'] }), serialize.execute(), serialize.bind({ statement: 's1', values: ['1'] }), serialize.execute(), serialize.sync());
      expect(await raw.untilReady()).toEqual(['error:22P02', 'ready:E']);
      raw.send(serialize.query('select 1'));
      expect(await raw.untilReady()).toEqual(['error:25P02', 'ready:E']);
      raw.send(serialize.query('rollback'));
      expect(await raw.untilReady()).toEqual(['commandComplete', 'ready:I']);
      raw.send(serialize.query('select 5'));
      expect(await raw.untilReady()).toEqual(['rowDescription', 'row:5', 'commandComplete', 'ready:I']);
    } finally {
      raw.close();
    }
  });
});

describe('transactions and savepoints', () => {
  it('commits what survives ROLLBACK TO SAVEPOINT and RELEASE, visible directly on the backend', async () => {
    const client = await connect();
    await client.query('begin');
    await client.query("insert into ledger (label) values ('sp-keep-1')");
    await client.query('savepoint a');
    await client.query("insert into ledger (label) values ('sp-undone')");
    await client.query('rollback to savepoint a');
    await client.query('savepoint b');
    await client.query("insert into ledger (label) values ('sp-keep-2')");
    expect((await failure(client.query('select 1/0'))).code).toBe('22012');
    await client.query('rollback to savepoint b');
    await client.query("insert into ledger (label) values ('sp-keep-3')");
    await client.query('release savepoint b');
    // Not visible outside before COMMIT.
    expect(await direct(proxy.backendUrl, "select label from ledger where label like 'sp-%'")).toEqual([]);
    await client.query('commit');
    const rows = await direct<{ label: string }>(proxy.backendUrl, "select label from ledger where label like 'sp-%' order by id");
    expect(rows.map((r) => r.label)).toEqual(['sp-keep-1', 'sp-keep-3']);
  });

  it('rolls back a whole transaction', async () => {
    const client = await connect();
    await client.query('begin');
    await client.query("insert into ledger (label) values ('rb-gone')");
    expect((await client.query("select count(*)::int as n from ledger where label = 'rb-gone'")).rows).toEqual([{ n: 1 }]);
    await client.query('rollback');
    expect(await direct(proxy.backendUrl, "select 1 from ledger where label = 'rb-gone'")).toEqual([]);
  });
});
