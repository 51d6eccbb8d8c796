// Review findings on the SQLite connector (connectors/sqlite): each test shows one defect fixed there —
// protocol edge cases sent as raw messages, the write lock and worker connections after failures and
// disconnects, settings after a worker restart, and what the inline reader may run on the main thread.
import { readdirSync, readlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { RawClient, sleep } from './support.js';

let proxy: RunningProxy;

beforeAll(async () => {
  proxy = await startProxy({ database: 'sqlite_review', sqlite: true });
  const c = await client();
  await c.query('create table notes (id integer primary key, body text)');
  await c.query("insert into notes values (1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'), (2, 'b')");
  await c.end();
});

afterAll(async () => {
  await proxy?.stop();
});

async function client(): Promise<pg.Client> {
  const c = new pg.Client(proxy.url('alice'));
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

function raw(): Promise<RawClient> {
  return RawClient.connect(proxy.host, proxy.port, 'alice', 'alice-secret', 'acme');
}

function inlineReads(): number {
  return proxy.server.connectorStats()['acme_db']?.['inlineReads'] ?? 0;
}

/** Open file descriptors of this process on acme's database file (one per SQLite connection). */
function connectionsOnFile(): number {
  const file = proxy.sqliteFiles!.acme;
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === file) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

describe('SQLite connector review', () => {
  it('Execute of SHOW sends its row without a RowDescription (only Describe sends one)', async () => {
    const c = await raw();
    c.send(serialize.parse({ text: 'show timezone' }), serialize.bind({}), serialize.execute({}), serialize.sync());
    expect(await c.untilReady()).toEqual(['parseComplete', 'bindComplete', 'row:UTC', 'commandComplete', 'ready:I']);
    c.close();
  });

  it('ignores a simple Query while skipping to Sync after an extended-protocol error', async () => {
    const c = await raw();
    c.send(serialize.parse({ text: 'select * from no_such_table' }), serialize.query('select 1'), serialize.sync());
    expect(await c.untilReady()).toEqual(['error:42P01', 'ready:I']);
    c.send(serialize.query('select 2'));
    expect(await c.untilReady()).toEqual(['rowDescription', 'row:2', 'commandComplete', 'ready:I']);
    c.close();
  });

  it('releases the write lock when BEGIN IMMEDIATE fails (another process writing the file)', async () => {
    const outside = new Database(proxy.sqliteFiles!.acme, { timeout: 0 });
    const w = await client();
    const z = await client();
    try {
      outside.exec('BEGIN IMMEDIATE');
      await expect(w.query("insert into notes values (10, 'w')")).rejects.toMatchObject({ code: '55P03' });
      outside.exec('ROLLBACK');
      // w is idle: it must not keep the file's write lock from z.
      await z.query('set lock_timeout = 500');
      await z.query("insert into notes values (11, 'z')");
      await w.query('delete from notes where id in (10, 11)');
    } finally {
      outside.close();
      await w.end();
      await z.end();
    }
  });

  it('keeps session settings on the worker after it restarts', async () => {
    const b = await client();
    const x = await client();
    try {
      await b.query("set application_name = 'review-b'");
      expect((await b.query("select current_setting('application_name') as v, current_database() as d")).rows).toEqual([{ v: 'review-b', d: 'acme' }]);
      // A statement that ignores its cancel flag: the worker is restarted a second after the timeout.
      await x.query('set statement_timeout = 200');
      await expect(x.query('select count(*) from generate_series(1, 2000000000) g')).rejects.toMatchObject({ code: '57014' });
      expect((await b.query("select current_setting('application_name') as v, current_database() as d")).rows).toEqual([{ v: 'review-b', d: 'acme' }]);
    } finally {
      await b.end();
      await x.end();
    }
  }, 20_000);

  it('lets no writer past the lock after a worker restart failed its BEGIN', async () => {
    const r = await client();
    const w = await client();
    const z = await client();
    try {
      await r.query('set statement_timeout = 300');
      const slow = r.query('select count(*) from generate_series(1, 2000000000) g').catch((e: { code?: string }) => e.code);
      await sleep(100);
      // w's BEGIN waits behind r's statement in the worker, and is lost with it.
      await expect(w.query("insert into notes values (20, 'w')")).rejects.toMatchObject({ code: '08006' });
      expect(await slow).toBe('57014');
      await z.query('begin');
      await z.query("insert into notes values (21, 'z')");
      const wInsert = w.query("insert into notes values (22, 'w')").then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
      await sleep(200);
      await z.query('commit');
      expect(await wInsert).toBe('ok');
      expect((await w.query('select id from notes where id >= 20 order by id')).rows).toEqual([{ id: 21 }, { id: 22 }]);
      await w.query('delete from notes where id >= 20');
    } finally {
      await r.end();
      await w.end();
      await z.end();
    }
  }, 20_000);

  it('opens no worker connection for a client that left mid-query', async () => {
    const warm = await client();
    await warm.query('select 1');
    await warm.end();
    await sleep(200);
    const before = connectionsOnFile();
    for (let i = 0; i < 4; i++) {
      const c = await raw();
      c.send(serialize.query('select pg_sleep(0.2); select 1'));
      await sleep(20);
      c.socket.destroy();
    }
    await sleep(1000);
    expect(connectionsOnFile()).toBeLessThanOrEqual(before);
  }, 20_000);

  it('never runs a lookup that calls a regular expression on the main thread', async () => {
    const c = await client();
    try {
      const q = { name: 'by_regex', text: 'select id from notes where id = $1 and body ~ $2' };
      await c.query({ ...q, values: [2, 'b'] });
      await c.query({ ...q, values: [2, 'b'] });
      const before = inlineReads();
      expect((await c.query({ ...q, values: [2, '^b$'] })).rows).toEqual([{ id: 2 }]);
      expect(inlineReads()).toBe(before);
    } finally {
      await c.end();
    }
  });

  it('decodes binary parameters of date, time, timestamp(tz), interval, numeric and jsonb (Npgsql sends all in binary)', async () => {
    const c = await raw();
    const int32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const int64 = (n: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(n);
      return b;
    };
    const numeric = Buffer.from([0, 2, 0, 0, 0x40, 0, 0, 2, 0, 1, 0x13, 0x88]); // -1.50: digits 1, 5000; weight 0; dscale 2
    const interval = Buffer.concat([int64(7_200_000_000n), int32(1), int32(0)]);
    const jsonb = Buffer.concat([Buffer.from([1]), Buffer.from('{"b":1,"a":2}')]);
    c.send(
      serialize.parse({ text: 'select $1::date, $2::timestamptz, $3::numeric, $4::interval, $5::time, $6::jsonb', types: [1082, 1184, 1700, 1186, 1083, 3802] }),
      serialize.bind({ values: [int32(8766), int64(8766n * 86_400_000_000n + 1_500_000n), numeric, interval, int64(3_600_000_000n), jsonb] }),
      serialize.execute({}),
      serialize.bind({ values: [Buffer.from([0, 0]), null, null, null, null, null] }),
      serialize.execute({}),
      serialize.sync(),
    );
    const seen: unknown[] = [];
    for (;;) {
      const m = (await c.next()) as unknown as { name: string; fields?: unknown[]; code?: string };
      if (m.name === 'dataRow') seen.push(m.fields);
      if (m.name === 'error') seen.push(m.code);
      if (m.name === 'readyForQuery') break;
    }
    expect(seen).toEqual([['2024-01-01', '2024-01-01 00:00:01.5+00', '-1.50', '1 day 02:00:00', '01:00:00', '{"a": 2, "b": 1}'], '22P03']);
    c.close();
  });

  it('drops portals when the transaction ends, as Postgres does (a suspended one is not resumed after Sync)', async () => {
    const c = await raw();
    c.send(
      serialize.parse({ name: 's1', text: 'select id from notes order by id' }),
      serialize.bind({ portal: 'p1', statement: 's1' }),
      serialize.execute({ portal: 'p1', rows: 1 }),
      serialize.sync(),
    );
    expect(await c.untilReady()).toEqual(['parseComplete', 'bindComplete', 'row:1', 'portalSuspended', 'ready:I']);
    c.send(serialize.execute({ portal: 'p1' }), serialize.sync());
    expect(await c.untilReady()).toEqual(['error:34000', 'ready:I']);
    // Inside a transaction the portal lives on until COMMIT.
    c.send(serialize.query('begin'));
    await c.untilReady();
    c.send(serialize.bind({ portal: 'p2', statement: 's1' }), serialize.execute({ portal: 'p2', rows: 1 }), serialize.sync());
    expect(await c.untilReady()).toEqual(['bindComplete', 'row:1', 'portalSuspended', 'ready:T']);
    c.send(serialize.execute({ portal: 'p2', rows: 1 }), serialize.sync());
    const resumed = await c.untilReady();
    expect([resumed[0], resumed.at(-1)]).toEqual(['row:2', 'ready:T']);
    c.send(serialize.query('commit'));
    await c.untilReady();
    c.send(serialize.execute({ portal: 'p2' }), serialize.sync());
    expect(await c.untilReady()).toEqual(['error:34000', 'ready:I']);
    c.close();
  });

  it('answers a message other than CopyData/CopyDone/CopyFail during COPY FROM STDIN with 08P01 instead of waiting forever', async () => {
    const c = await raw();
    c.send(serialize.query('copy notes from stdin'));
    expect((await c.next()).name).toBe('copyInResponse');
    c.send(serialize.copyData(Buffer.from('30\tx\n')), serialize.query('select 1'));
    expect(await c.untilReady()).toEqual(['error:08P01', 'ready:I']);
    c.send(serialize.query('select count(*) from notes where id = 30'));
    expect(await c.untilReady()).toEqual(['rowDescription', 'row:0', 'commandComplete', 'ready:I']);
    c.close();
  });
});
