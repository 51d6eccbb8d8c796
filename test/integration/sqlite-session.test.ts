// SQLite tenants through pgfabric with real clients: simple and extended query, transactions with
// Postgres semantics (warnings, 25P02, savepoints), settings, errors → SQLSTATE, NULLs and binary results.
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSqliteTranslator } from '../../src/backends/sqlite-translator.js';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { T, cols, run, testTranslator } from '../helpers/sqlite-test-translator.js';

const item = cols({ id: T.int4, name: T.text, price: T.numeric, ok: T.bool, ratio: T.float8, data: T.bytea, big: T.int8 });

const translator = testTranslator({
  'select id, name, price, ok, ratio, data, big from items order by id': run('SELECT id, name, price, ok, ratio, data, big FROM items ORDER BY id', { columns: item }),
  'select id, name, price, ok, ratio, data, big from items where id = $1': run('SELECT id, name, price, ok, ratio, data, big FROM items WHERE id = ?1', { columns: item, params: [T.int4] }),
  'select count(*) from items': run('SELECT count(*) FROM items', { columns: cols({ count: T.int8 }) }),
  'select name from items order by id': run('SELECT name FROM items ORDER BY id', { columns: cols({ name: T.text }) }),
  'insert into items (id, name) values ($1, $2) returning id, name': run('INSERT INTO items (id, name) VALUES (?1, ?2) RETURNING id, name', { columns: cols({ id: T.int4, name: T.text }), params: [T.int4, T.text], tag: { kind: 'rows', command: 'INSERT' }, readOnly: false }),
  'select 1/0': { kind: 'error', code: '22012', message: 'division by zero' },
  'select floats': run("SELECT 1e21, 1e-7, 0.1, 'Infinity', 'NaN', 1e15, 123456.5", { columns: cols({ a: T.float8, b: T.float8, c: T.float8, d: T.float8, e: T.float8, f: T.float8, g: T.float4 }) }),
  'select * from missing': run('SELECT * FROM missing', { columns: cols({ x: T.int4 }) }),
  'select nosuch from items': run('SELECT nosuch FROM items', { columns: cols({ x: T.int4 }) }),
  'select series': run('WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 10) SELECT n FROM s', { columns: cols({ n: T.int4 }) }),
  'select ts': run("SELECT '2024-02-03', '2024-02-03 04:05:06.5+00', '6f1c2c1e-4a4b-4c1d-8e2f-0123456789ab'", { columns: cols({ d: T.date, t: T.timestamptz, u: T.uuid }) }),
});

let proxy: RunningProxy;

beforeAll(async () => {
  useSqliteTranslator(translator);
  proxy = await startProxy({ database: 'sqlite_session', sqlite: true });
  const c = new pg.Client(proxy.url('alice'));
  await c.connect();
  await c.query(`create table items (id integer primary key, name text not null unique, price text, ok integer, ratio real, data blob, big integer)`);
  await new Promise((r) => setTimeout(r, 300));
  await c.query(`insert into items values (1, 'apple', '1.50', 1, 0.5, x'00ff', 9007199254740993), (2, 'pear', null, 0, null, null, null)`);
  await c.end();
});

afterAll(async () => {
  await proxy?.stop();
  useSqliteTranslator(null);
});

async function client(): Promise<pg.Client> {
  const c = new pg.Client(proxy.url('alice'));
  await c.connect();
  return c;
}

describe('SQLite session', () => {
  it('answers the simple and extended protocols with Postgres types and NULLs', async () => {
    const c = await client();
    const simple = await c.query('select id, name, price, ok, ratio, data, big from items order by id');
    expect(simple.rows[0]).toEqual({ id: 1, name: 'apple', price: '1.50', ok: true, ratio: 0.5, data: Buffer.from([0, 255]), big: '9007199254740993' });
    expect(simple.rows[1]).toEqual({ id: 2, name: 'pear', price: null, ok: false, ratio: null, data: null, big: null });
    expect(simple.fields.map((f) => f.dataTypeID)).toEqual([23, 25, 1700, 16, 701, 17, 20]);
    const extended = await c.query('select id, name, price, ok, ratio, data, big from items where id = $1', [2]);
    expect(extended.rows).toEqual([{ id: 2, name: 'pear', price: null, ok: false, ratio: null, data: null, big: null }]);
    const inserted = await c.query('insert into items (id, name) values ($1, $2) returning id, name', [3, 'plum']);
    expect(inserted.command).toBe('INSERT');
    expect(inserted.rowCount).toBe(1);
    expect(inserted.rows).toEqual([{ id: 3, name: 'plum' }]);
    const updated = await c.query(`update items set price = '2' where id > 1`);
    expect(updated.command).toBe('UPDATE');
    expect(updated.rowCount).toBe(2);
    await c.query('delete from items where id = 3');
    expect((await c.query('select count(*) from items')).rows).toEqual([{ count: '2' }]);
    await c.end();
  });

  it('formats floats as Postgres does and other types as stored', async () => {
    const c = await client();
    const r = await c.query({ text: 'select floats', rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
    expect(r.rows[0]).toEqual(['1e+21', '1e-07', '0.1', 'Infinity', 'NaN', '1e+15', '123456.5']);
    const t = await c.query({ text: 'select ts', rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
    expect(t.rows[0]).toEqual(['2024-02-03', '2024-02-03 04:05:06.5+00', '6f1c2c1e-4a4b-4c1d-8e2f-0123456789ab']);
    await c.end();
  });

  it('maps errors to SQLSTATEs', async () => {
    const c = await client();
    const code = (sql: string, values?: unknown[]) => c.query(sql, values).then(() => 'ok', (e: { code?: string; message: string }) => `${e.code} ${e.message}`);
    expect(await code(`insert into items (id, name) values (1, 'again')`)).toBe('23505 duplicate key value violates unique constraint "items_pkey"');
    expect(await code(`insert into items (id, name) values (9, 'apple')`)).toBe('23505 duplicate key value violates unique constraint "items_name_key"');
    expect(await code(`insert into items (id, name) values (9, null)`)).toBe('23502 null value in column "name" of relation "items" violates not-null constraint');
    expect(await code('select * from missing')).toMatch(/^42P01 relation "missing" does not exist/);
    expect(await code('select nosuch from items')).toBe('42703 column "nosuch" does not exist');
    expect(await code('select 1/0')).toBe('22012 division by zero');
    expect(await code('show nonsense')).toBe('42704 unrecognized configuration parameter "nonsense"');
    expect(await code("set timezone = 'Europe/Paris'")).toMatch(/^0A000 /);
    expect(await code('select id, name, price, ok, ratio, data, big from items where id = $1', ['x'])).toBe('22P02 invalid input syntax for type integer: "x"');
    // the session is still usable
    expect((await c.query('select count(*) from items')).rows).toEqual([{ count: '2' }]);
    await c.end();
  });

  it('keeps Postgres transaction semantics: warnings, 25P02, COMMIT of an aborted transaction, savepoints', async () => {
    const c = await client();
    const notices: string[] = [];
    c.on('notice', (n) => notices.push(`${n.code} ${n.message}`));
    const commit = await c.query('commit');
    expect(commit.command).toBe('COMMIT');
    await c.query('begin');
    await c.query('begin');
    expect(notices).toEqual(['25P01 there is no transaction in progress', '25001 there is already a transaction in progress']);
    await c.query(`insert into items (id, name) values (10, 'ten')`);
    await expect(c.query(`insert into items (id, name) values (10, 'ten again')`)).rejects.toMatchObject({ code: '23505' });
    await expect(c.query('select count(*) from items')).rejects.toMatchObject({ code: '25P02', message: 'current transaction is aborted, commands ignored until end of transaction block' });
    const ended = await c.query('commit');
    expect(ended.command).toBe('ROLLBACK');
    expect((await c.query('select count(*) from items')).rows).toEqual([{ count: '2' }]);

    await c.query('begin');
    await c.query(`insert into items (id, name) values (11, 'eleven')`);
    await c.query('savepoint a');
    await c.query(`insert into items (id, name) values (12, 'twelve')`);
    await expect(c.query(`insert into items (id, name) values (12, 'dup')`)).rejects.toMatchObject({ code: '23505' });
    await c.query('rollback to savepoint a');
    await c.query(`insert into items (id, name) values (13, 'thirteen')`);
    await expect(c.query('release savepoint nope')).rejects.toMatchObject({ code: '3B001' });
    await c.query('rollback');
    await c.query('begin');
    await c.query(`insert into items (id, name) values (11, 'eleven')`);
    await c.query('savepoint a');
    await c.query(`insert into items (id, name) values (12, 'twelve')`);
    await c.query('rollback to a');
    await c.query(`insert into items (id, name) values (13, 'thirteen')`);
    await c.query('commit');
    expect((await c.query('select name from items order by id')).rows.map((r) => r.name)).toEqual(['apple', 'pear', 'eleven', 'thirteen']);
    await expect(c.query('savepoint x')).rejects.toMatchObject({ code: '25P01' });
    await c.query('delete from items where id > 2');
    await c.end();
  });

  it('runs a multi-statement query as one implicit transaction', async () => {
    const c = await client();
    await expect(c.query(`insert into items (id, name) values (20, 'x'); insert into items (id, name) values (20, 'y')`)).rejects.toMatchObject({ code: '23505' });
    expect((await c.query('select count(*) from items')).rows).toEqual([{ count: '2' }]);
    await c.query(`begin; insert into items (id, name) values (21, 'x'); commit; insert into items (id, name) values (22, 'y')`);
    expect((await c.query('select count(*) from items')).rows).toEqual([{ count: '4' }]);
    await c.query('delete from items where id > 2');
    await c.end();
  });

  it('keeps settings in the session: SET, SHOW, RESET, SET LOCAL, ParameterStatus', async () => {
    const sql = postgres(proxy.url('alice'), { max: 1, onnotice: () => undefined, fetch_types: false });
    expect((await sql`show timezone`)[0]).toEqual({ timezone: 'UTC' });
    await sql.unsafe('set application_name = myapp');
    expect((await sql.unsafe('show application_name'))[0]).toEqual({ application_name: 'myapp' });
    expect(sql.parameters.application_name).toBe('myapp');
    await sql.unsafe('begin');
    await sql.unsafe("set local statement_timeout = '5s'");
    expect((await sql.unsafe('show statement_timeout'))[0]).toEqual({ statement_timeout: '5s' });
    await sql.unsafe('commit');
    expect((await sql.unsafe('show statement_timeout'))[0]).toEqual({ statement_timeout: '0' });
    await sql.unsafe('reset application_name');
    expect((await sql.unsafe('show application_name'))[0]).toEqual({ application_name: 'postgres.js' }); // the startup value
    await sql.unsafe("set application_name = other; set statement_timeout = '7s'");
    await sql.unsafe('reset all');
    expect((await sql.unsafe('show application_name'))[0]).toEqual({ application_name: 'postgres.js' });
    expect((await sql.unsafe('show statement_timeout'))[0]).toEqual({ statement_timeout: '0' });
    await sql.end();
  });

  it('sends binary results when the client asks (postgres.js prepared statements)', async () => {
    const sql = postgres(proxy.url('alice'), { max: 1, prepare: true, fetch_types: false });
    const rows = await sql.unsafe('select id, name, price, ok, ratio, data, big from items where id = $1', [1], { prepare: true });
    expect(rows[0]).toMatchObject({ id: 1, name: 'apple', ok: true, ratio: 0.5 });
    await sql.end();
    // node-postgres with binary: true asks for every result column in binary.
    const c = new pg.Client({ connectionString: proxy.url('alice'), binary: true } as pg.ClientConfig);
    await c.connect();
    const r = await c.query({ text: 'select id, name, price, ok, ratio, data, big from items where id = $1', values: [1] });
    // pg-types' own binary parsers for numeric, float8 and bytea are unreliable: only the exact ones are checked.
    expect(r.rows[0]).toMatchObject({ id: 1, name: 'apple', ok: true, big: '9007199254740993' });
    await c.end();
  });

  it('answers an empty query', async () => {
    const c = await client();
    const r = await c.query('');
    expect(r.command).toBe(null);
    await c.end();
  });
});
