// BEGIN on a SQLite tenant takes the file's write lock at once but reaches SQLite with the transaction's first
// statement (one worker round trip fewer). What must still hold: an empty transaction ends cleanly and frees
// the lock, savepoints and COPY (requests that are not statements) begin the transaction first, and what a
// transaction did is rolled back or committed as a whole.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';

let proxy: RunningProxy;
let a: pg.Client;
let b: pg.Client;

beforeAll(async () => {
  proxy = await startProxy({ database: 'sqlite_deferred_begin', sqlite: true });
  a = new pg.Client(proxy.url('alice'));
  b = new pg.Client(proxy.url('alice'));
  await a.connect();
  await b.connect();
  await a.query('create table t (id integer primary key, v text)');
});

afterAll(async () => {
  await a?.end();
  await b?.end();
  await proxy?.stop();
});

const count = async (): Promise<number> => Number((await b.query('select count(*) as n from t')).rows[0].n);

describe('deferred BEGIN on a SQLite tenant', () => {
  it('an empty transaction commits and frees the write lock at once', async () => {
    await a.query('begin');
    await a.query('commit');
    await b.query("set lock_timeout = '200ms'");
    await b.query("insert into t values (1, 'b')");
    expect(await count()).toBe(1);
  });

  it('the lock is held from BEGIN: another writer waits for COMMIT', async () => {
    await a.query('begin');
    const started = Date.now();
    await b.query("set lock_timeout = '150ms'");
    await expect(b.query("insert into t values (2, 'b')")).rejects.toMatchObject({ code: '55P03' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await a.query('rollback');
  });

  it('a savepoint right after BEGIN begins the transaction; ROLLBACK TO undoes only what followed it', async () => {
    await a.query('begin');
    await a.query('savepoint s');
    await a.query("insert into t values (3, 'gone')");
    await a.query('rollback to savepoint s');
    await a.query("insert into t values (4, 'kept')");
    await a.query('commit');
    expect((await b.query('select id from t where id in (3, 4) order by id')).rows).toEqual([{ id: 4 }]);
  });

  it('COPY as the first statement of a transaction, then ROLLBACK, leaves nothing', async () => {
    await a.query('begin');
    await pipeline(Readable.from(['10\tx\n11\ty\n']), a.query(copyFrom('copy t from stdin')));
    expect(Number((await a.query('select count(*) as n from t where id >= 10')).rows[0].n)).toBe(2);
    await a.query('rollback');
    expect(Number((await b.query('select count(*) as n from t where id >= 10')).rows[0].n)).toBe(0);
  });

  it('now() is the same for every statement of a transaction', async () => {
    await a.query('begin');
    const first = (await a.query('select now()::text as t')).rows[0].t as string;
    await new Promise((r) => setTimeout(r, 20));
    const second = (await a.query('select now()::text as t')).rows[0].t as string;
    await a.query('commit');
    expect(second).toBe(first);
  });
});
