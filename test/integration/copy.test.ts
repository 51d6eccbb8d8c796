// COPY through pgfabric with pg-copy-streams and postgres.js: 100k rows in and out (text and CSV),
// checked against the backend directly, a bad row mid-stream, COPY in a rolled-back transaction.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, direct, failure } from './support.js';

const ROWS = 100_000;
let proxy: RunningProxy;
const open: pg.Client[] = [];
afterEach(() => closeAll(open));

beforeAll(async () => {
  proxy = await startProxy({ database: 'it_copy', poolMax: 2 });
  await direct(
    proxy.backendUrl,
    `create table copy_in (id int primary key, name text, note text);
     create table copy_csv (id int primary key, name text, note text);
     create table copy_js (id int primary key, name text);
     create table copy_tx (id int);
     create table copy_src as select g as id, 'name ' || g as name, case when g % 10 = 0 then null else md5(g::text) end as note from generate_series(1, ${ROWS}) g;`,
  );
});
afterAll(() => proxy.stop());

/** 100k text-format lines in chunks of 1000 rows, with tabs/newlines escaped and NULLs. */
function* textRows(): Generator<string> {
  for (let start = 1; start <= ROWS; start += 1000) {
    let chunk = '';
    for (let id = start; id < start + 1000; id++) chunk += `${id}\tname\\t${id}\\n\t${id % 7 === 0 ? '\\N' : `note ${id} ✓`}\n`;
    yield chunk;
  }
}

async function digestOf(url: string, table: string): Promise<{ n: string; digest: string }> {
  const [row] = await direct<{ n: string; digest: string }>(url, `select count(*) as n, md5(string_agg(concat_ws('|', id, name, coalesce(note, '<null>')), ',' order by id)) as digest from ${table}`);
  return row!;
}

describe('COPY with pg-copy-streams', () => {
  it('copies 100k rows in (text format), identical to the expected data', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const stream = client.query(copyFrom('copy copy_in (id, name, note) from stdin'));
    await pipeline(Readable.from(textRows()), stream);
    expect(stream.rowCount).toBe(ROWS);
    const [check] = await direct<{ n: number; tabs: number; nulls: number; sum: string }>(
      proxy.backendUrl,
      `select count(*)::int as n, count(*) filter (where name = 'name' || chr(9) || id || chr(10))::int as tabs,
              count(*) filter (where note is null)::int as nulls, sum(id) as sum from copy_in`,
    );
    expect(check).toEqual({ n: ROWS, tabs: ROWS, nulls: Math.floor(ROWS / 7), sum: String((ROWS * (ROWS + 1)) / 2) });
    expect((await client.query('select count(*)::int as n from copy_in')).rows).toEqual([{ n: ROWS }]);
  });

  it('copies 100k rows out (text and CSV), byte-identical to a direct COPY', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const backend = await connectPg(proxy.backendUrl, {}, open);
    for (const sql of ['copy (select * from copy_src order by id) to stdout', "copy (select * from copy_src order by id) to stdout with (format csv, header true, null 'NULL')"]) {
      const hashes = await Promise.all(
        [client, backend].map(async (c) => {
          const hash = createHash('sha256');
          let lines = 0;
          const out = c.query(copyTo(sql));
          for await (const chunk of out as AsyncIterable<Buffer>) {
            hash.update(chunk);
            for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
          }
          return { digest: hash.digest('hex'), lines };
        }),
      );
      expect(hashes[0]!.lines, sql).toBe(sql.includes('header') ? ROWS + 1 : ROWS);
      expect(hashes[0], sql).toEqual(hashes[1]);
    }
    expect((await client.query('select 1 as still_ok')).rows).toEqual([{ still_ok: 1 }]);
  });

  it('round-trips CSV: out of one table and into another through the proxy', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const other = await connectPg(proxy.url('bob'), {}, open);
    const source = client.query(copyTo('copy copy_src to stdout with (format csv)'));
    const sink = other.query(copyFrom('copy copy_csv from stdin with (format csv)'));
    await pipeline(source, sink);
    expect(sink.rowCount).toBe(ROWS);
    expect(await digestOf(proxy.backendUrl, 'copy_csv')).toEqual(await digestOf(proxy.backendUrl, 'copy_src'));
  });

  it('fails a COPY with a bad row (22P02) and the connection keeps working', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const stream = client.query(copyFrom('copy copy_tx from stdin'));
    const err = await failure(pipeline(Readable.from(['1\n2\n', 'three\n', '4\n']), stream));
    expect(err.code).toBe('22P02');
    expect((await client.query('select count(*)::int as n from copy_tx')).rows).toEqual([{ n: 0 }]);
    // The client aborts the COPY itself (CopyFail): 57014 and the session goes on.
    const aborted = client.query(copyFrom('copy copy_tx from stdin'));
    aborted.write('5\n');
    const abortErr = await failure(
      new Promise((resolve, reject) => {
        aborted.on('error', reject);
        aborted.on('finish', resolve);
        aborted.destroy(new Error('client gave up'));
      }),
    );
    expect(abortErr.message).toMatch(/client gave up|COPY from stdin failed/);
    expect((await client.query('select count(*)::int as n from copy_tx')).rows).toEqual([{ n: 0 }]);
  });

  it('undoes a COPY inside a rolled-back transaction and keeps one committed', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    await client.query('begin');
    await pipeline(Readable.from(['10\n11\n12\n']), client.query(copyFrom('copy copy_tx from stdin')));
    expect((await client.query('select count(*)::int as n from copy_tx where id >= 10')).rows).toEqual([{ n: 3 }]);
    await client.query('rollback');
    expect(await direct(proxy.backendUrl, 'select id from copy_tx where id >= 10')).toEqual([]);
    await client.query('begin');
    await pipeline(Readable.from(['20\n21\n']), client.query(copyFrom('copy copy_tx from stdin')));
    await client.query('commit');
    expect(await direct(proxy.backendUrl, 'select id from copy_tx where id >= 20 order by id')).toEqual([{ id: 20 }, { id: 21 }]);
  });
});

describe('COPY with postgres.js', () => {
  let sql: postgres.Sql;
  beforeAll(() => {
    sql = postgres(proxy.url(), { max: 1, onnotice: () => undefined });
  });
  afterAll(() => sql.end({ timeout: 1 }));

  it('writes 100k rows with .writable() and reads them back with .readable()', async () => {
    const writable = await sql`copy copy_js (id, name) from stdin`.writable();
    await pipeline(
      Readable.from(
        (function* () {
          for (let start = 1; start <= ROWS; start += 5000) {
            let chunk = '';
            for (let id = start; id < start + 5000; id++) chunk += `${id}\tjs ${id}\n`;
            yield chunk;
          }
        })(),
      ),
      writable,
    );
    const [count] = await direct<{ n: number; ok: number }>(proxy.backendUrl, "select count(*)::int as n, count(*) filter (where name = 'js ' || id)::int as ok from copy_js");
    expect(count).toEqual({ n: ROWS, ok: ROWS });

    const readable = await sql`copy (select id, name from copy_js order by id) to stdout with (format csv)`.readable();
    const hash = createHash('md5');
    // Flowing mode: postgres.js's readable stalls its connection when read with an async iterator
    // (the same against Postgres directly), so the next query would never run.
    await new Promise<void>((resolve, reject) => {
      readable.on('data', (chunk: Buffer) => hash.update(chunk));
      readable.on('end', () => resolve());
      readable.on('error', reject);
    });
    const [expected] = await direct<{ d: string }>(proxy.backendUrl, "select md5(string_agg(id || ',js ' || id || E'\\n', '' order by id)) as d from copy_js");
    expect(hash.digest('hex')).toBe(expected!.d);
    // The connection is usable after both COPYs.
    expect((await sql`select count(*)::int as n from copy_js`)[0]?.n).toBe(ROWS);
  });
});
