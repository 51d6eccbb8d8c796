// postgres.js through pgfabric: its prepared statements (prepare: true, the default) under a small
// shared pool, pipelining many queries on one connection, errors in the middle of a pipeline,
// transactions, and type round trips.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { direct, failure } from './support.js';

let proxy: RunningProxy;
const instances: postgres.Sql[] = [];
function sql(options: postgres.Options<Record<string, postgres.PostgresType>> = {}, user: 'alice' | 'bob' = 'alice'): postgres.Sql {
  const s = postgres(proxy.url(user), { max: 1, onnotice: () => undefined, ...options });
  instances.push(s);
  return s;
}

beforeAll(async () => {
  proxy = await startProxy({ database: 'it_postgres_js', poolMax: 2 });
  await direct(proxy.backendUrl, 'create table counters (owner int primary key, n int not null); create table uniq (id int primary key)');
});
afterAll(async () => {
  await Promise.all(instances.splice(0).map((s) => s.end({ timeout: 1 })));
  await proxy.stop();
});

describe('postgres.js', () => {
  it('pipelines 100 concurrent queries on one connection, answers in order', async () => {
    const db = sql();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? db`select ${i}::int as i, ${'t' + i} as t` : db`select ${i}::int as i, ${'t' + i} as t, 1 as other`)));
    expect(results.map((r) => [r[0]?.i, r[0]?.t])).toEqual(Array.from({ length: 100 }, (_, i) => [i, 't' + i]));
    // Again, now that every statement is prepared on some server connection.
    const again = await Promise.all(Array.from({ length: 100 }, (_, i) => db`select ${i}::int as i, ${'t' + i} as t`));
    expect(again.map((r) => r[0]?.i)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('answers the rest of a pipeline when one query in the middle fails', async () => {
    const db = sql();
    await db`delete from uniq`;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const q = i === 10 ? db`select 1 / ${0}::int as x` : i === 20 ? db`insert into uniq values (1), (1)` : db`select ${i}::int as x`;
        return q.then(
          (r) => String(r[0]?.x),
          (e: postgres.PostgresError) => e.code,
        );
      }),
    );
    expect(outcomes).toEqual(Array.from({ length: 30 }, (_, i) => (i === 10 ? '22012' : i === 20 ? '23505' : String(i))));
    expect((await db`select 'still fine' as s`)[0]?.s).toBe('still fine');
  });

  it('runs prepared statements from 6 instances on a pool of 2 with transactions, same and different texts', async () => {
    const dbs = Array.from({ length: 6 }, (_, c) => sql({}, c % 2 === 0 ? 'alice' : 'bob'));
    await Promise.all(dbs.map((db, c) => db`insert into counters values (${c}, 0) on conflict (owner) do update set n = 0`));
    const rounds = 30;
    await Promise.all(
      dbs.map(async (db, c) => {
        for (let i = 0; i < rounds; i++) {
          const shared = await db`select ${i}::int + ${c}::int as s`;
          expect(shared[0]?.s).toBe(i + c);
          const own = await db.unsafe(`select $1::int * ${c + 1} as p`, [i], { prepare: true });
          expect(own[0]?.p).toBe(i * (c + 1));
          await db.begin(async (tx) => {
            await tx`update counters set n = n + 1 where owner = ${c}`;
            const [row] = await tx`select n from counters where owner = ${c}`;
            expect(row?.n).toBe(i + 1);
            // A pipeline inside the transaction.
            const piped = await Promise.all([tx`select ${c}::int as c`, tx`select ${i}::int as i`, tx`select ${'x'}::text as x`]);
            expect(piped.map((r) => Object.values(r[0] ?? {})[0])).toEqual([c, i, 'x']);
          });
        }
      }),
    );
    const rows = await direct<{ owner: number; n: number }>(proxy.backendUrl, 'select owner, n from counters order by owner');
    expect(rows).toEqual(Array.from({ length: 6 }, (_, c) => ({ owner: c, n: rounds })));
  });

  it('recovers from errors in transactions: 25P02 until rollback, nothing committed', async () => {
    const db = sql();
    await db`delete from uniq`;
    const err = await failure(
      db.begin(async (tx) => {
        await tx`insert into uniq values (100)`;
        await tx`insert into uniq values (100)`;
      }),
    );
    expect(err.code).toBe('23505');
    expect(await direct(proxy.backendUrl, 'select * from uniq where id = 100')).toEqual([]);

    const reserved = await db.reserve();
    try {
      await reserved`begin`;
      expect((await failure(reserved`select 1 / ${0}::int`)).code).toBe('22012');
      expect((await failure(reserved`select 1`)).code).toBe('25P02');
      await reserved`rollback`;
      expect((await reserved`select 2 as two`)[0]?.two).toBe(2);
    } finally {
      reserved.release();
    }
    const [syntax] = await Promise.all([failure(db.unsafe('selectt 1')), db`select 1`]);
    expect(syntax.code).toBe('42601');
  });

  it('round-trips types with its own serialisers (bigint, numeric, bytea, timestamptz, json, arrays, nulls)', async () => {
    const db = sql({ types: { bigint: postgres.BigInt } });
    const bytes = Buffer.from([0, 10, 13, 255]);
    const when = new Date('1999-12-31T23:59:59.999Z');
    const [row] = await db`
      select ${'9007199254740993'}::int8 as big, ${'3.14159265358979323846264338327950288'}::numeric as num,
             ${bytes}::bytea as bin, ${when}::timestamptz as ts, ${db.json({ a: [1, { b: null }] })}::jsonb as j,
             ${[1, 2, 3]}::int[] as arr, ${null}::text as nothing, ${'ünïcödé ✓'} as txt`;
    expect(row?.big).toBe(9007199254740993n);
    expect(row?.num).toBe('3.14159265358979323846264338327950288');
    expect(Buffer.compare(row?.bin as Buffer, bytes)).toBe(0);
    expect((row?.ts as Date).toISOString()).toBe(when.toISOString());
    expect(row?.j).toEqual({ a: [1, { b: null }] });
    expect(row?.arr).toEqual([1, 2, 3]);
    expect(row?.nothing).toBeNull();
    expect(row?.txt).toBe('ünïcödé ✓');
  });

  it('streams a large result with a cursor', async () => {
    const db = sql();
    let count = 0;
    let sum = 0;
    await db.begin(async (tx) => {
      await tx`select g from generate_series(1, 20000) g`.cursor(1000, (rows) => {
        count += rows.length;
        for (const r of rows) sum += r.g as number;
      });
    });
    expect(count).toBe(20000);
    expect(sum).toBe((20000 * 20001) / 2);
  });
});
