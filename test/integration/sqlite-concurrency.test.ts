// SQLite tenants under concurrency and interruption: writers queue for the file's one write lock (and
// give up with 55P03), readers see WAL snapshots meanwhile, cancel and statement_timeout stop pg_sleep
// with 57014, COPY in and out, portals suspended at a row limit, and a file that cannot be opened.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSqliteTranslator } from '../../src/backends/sqlite-translator.js';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { T, cols, run, testTranslator } from '../helpers/sqlite-test-translator.js';

const csv = { format: 'csv', delimiter: ',', null: '', header: false, quote: '"', escape: '"' } as const;
const text = { format: 'text', delimiter: '\t', null: '\\N', header: false, quote: '"', escape: '"' } as const;
const noteCols = cols({ id: T.int4, body: T.text });

const translator = testTranslator({
  'select count(*) from notes': run('SELECT count(*) FROM notes', { columns: cols({ count: T.int8 }) }),
  'select id from notes order by id': run('SELECT id FROM notes ORDER BY id', { columns: cols({ id: T.int4 }) }),
  'select pg_sleep(5)': run('SELECT pgf_sleep(5)', { columns: cols({ pg_sleep: T.text }) }),
  'copy notes from stdin': { kind: 'copy_in', insert: 'INSERT INTO notes (id, body) VALUES (?1, ?2)', columns: noteCols, options: text },
  "copy notes from stdin with (format csv)": { kind: 'copy_in', insert: 'INSERT INTO notes (id, body) VALUES (?1, ?2)', columns: noteCols, options: csv },
  // The tenant rules hand COPY TO over as a query.
  'copy (select * from notes) to stdout': { kind: 'copy_out', query: run('SELECT id, body FROM notes ORDER BY id', { columns: noteCols }) as never, options: text },
  'copy (select * from notes) to stdout with (format csv)': { kind: 'copy_out', query: run('SELECT id, body FROM notes ORDER BY id', { columns: noteCols }) as never, options: csv },
});

let proxy: RunningProxy;

beforeAll(async () => {
  useSqliteTranslator(translator);
  proxy = await startProxy({ database: 'sqlite_concurrency', sqlite: true });
  const c = new pg.Client(proxy.url('alice'));
  await c.connect();
  await c.query('create table notes (id integer primary key, body text)');
  await c.end();
});

afterAll(async () => {
  await proxy?.stop();
  useSqliteTranslator(null);
});

async function client(): Promise<pg.Client> {
  const c = new pg.Client(proxy.url('alice'));
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

describe('SQLite concurrency', () => {
  it('queues a second writer until the first commits; readers see the committed snapshot meanwhile', async () => {
    const a = await client();
    const b = await client();
    const r = await client();
    await a.query('begin');
    await a.query(`insert into notes (id, body) values (1, 'a')`);
    let bDone = false;
    const bInsert = b.query(`insert into notes (id, body) values (2, 'b')`).then(() => (bDone = true));
    await new Promise((res) => setTimeout(res, 200));
    expect(bDone).toBe(false);
    expect((await r.query('select count(*) from notes')).rows).toEqual([{ count: '0' }]);
    await a.query('commit');
    await bInsert;
    expect((await r.query('select id from notes order by id')).rows.map((x) => x.id)).toEqual([1, 2]);
    await a.query('delete from notes');
    await Promise.all([a.end(), b.end(), r.end()]);
  });

  it('gives up waiting for the write lock after lock_timeout with 55P03', async () => {
    const a = await client();
    const b = await client();
    await a.query('begin');
    await a.query(`insert into notes (id, body) values (3, 'a')`);
    await b.query(`set lock_timeout = '150ms'`);
    await expect(b.query(`insert into notes (id, body) values (4, 'b')`)).rejects.toMatchObject({ code: '55P03' });
    await a.query('rollback');
    await b.query(`insert into notes (id, body) values (4, 'b')`);
    await b.query('delete from notes');
    await Promise.all([a.end(), b.end()]);
  });

  it('cancels pg_sleep with 57014 and the session goes on', async () => {
    const sql = postgres(proxy.url('alice'), { max: 1, fetch_types: false });
    const started = Date.now();
    const query = sql.unsafe('select pg_sleep(5)');
    setTimeout(() => void query.cancel(), 200);
    await expect(query).rejects.toMatchObject({ code: '57014', message: 'canceling statement due to user request' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await sql.unsafe('select count(*) from notes'))[0]).toEqual({ count: '0' });
    await sql.end();
  });

  it('stops a statement at statement_timeout (57014) and rolls back its transaction state', async () => {
    const c = await client();
    await c.query(`set statement_timeout = '200ms'`);
    await expect(c.query('select pg_sleep(5)')).rejects.toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
    await c.query('begin');
    await expect(c.query('select pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
    await expect(c.query('select count(*) from notes')).rejects.toMatchObject({ code: '25P02' });
    await c.query('rollback');
    await c.query(`set statement_timeout = 0`);
    expect((await c.query('select count(*) from notes')).rows).toEqual([{ count: '0' }]);
    await c.end();
  });

  it('copies rows in and out in text and csv, with NULLs and escapes', async () => {
    const c = await client();
    const load = async (sql: string, data: string) => {
      const stream = c.query(copyFrom(sql));
      await new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
        stream.end(data);
      });
    };
    const dump = async (sql: string) => {
      const chunks: Buffer[] = [];
      const stream = c.query(copyTo(sql));
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString();
    };
    await load('copy notes from stdin', '1\tone\\ttab\n2\t\\N\n');
    await load('copy notes from stdin with (format csv)', '3,"a, ""quoted"" b"\n4,\n');
    expect(await dump('copy notes to stdout')).toBe('1\tone\\ttab\n2\t\\N\n3\ta, "quoted" b\n4\t\\N\n');
    expect(await dump('copy notes to stdout with (format csv)')).toBe('1,one\ttab\n2,\n3,"a, ""quoted"" b"\n4,\n');
    await expect(load('copy notes from stdin', '5\tfive\n5\tagain\n')).rejects.toMatchObject({ code: '23505' });
    expect((await c.query('select count(*) from notes')).rows).toEqual([{ count: '4' }]);
    await c.query('delete from notes');
    await c.end();
  });

  it('suspends a portal at the row limit and resumes it (postgres.js cursor)', async () => {
    const c = await client();
    await c.query(`insert into notes (id, body) values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')`);
    await c.end();
    const sql = postgres(proxy.url('alice'), { max: 1, fetch_types: false });
    const batches: number[][] = [];
    await sql.unsafe('select id from notes order by id').cursor(2, (rows) => void batches.push(rows.map((r) => r.id as number)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    await sql.unsafe('delete from notes');
    await sql.end();
  });

  it('refuses the login when the file cannot be opened, and recovers once it can', async () => {
    const dir = path.join(path.dirname(proxy.sqliteFiles!.acme), 'not-yet');
    const bad = await startProxy({ database: 'sqlite_badfile', sqlite: { dir } });
    try {
      const c = new pg.Client(bad.url('alice'));
      await expect(c.connect()).rejects.toThrow(/SQLite backend "acme_db"/);
      mkdirSync(dir, { recursive: true });
      const ok = new pg.Client(bad.url('alice'));
      await ok.connect();
      await ok.end();
    } finally {
      await bad.stop();
    }
  });
});
