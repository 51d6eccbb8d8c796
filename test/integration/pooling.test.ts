// Transaction-mode pooling through pgfabric with small pools: named prepared statements shared and
// re-prepared across server connections, transactions holding their connection, SET tracking and
// replay, DEALLOCATE/DISCARD ALL, and pool exhaustion (53300).
import type pg from 'pg';
import { serialize } from 'pg-protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, USERS, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, deferred, direct, failure, RawClient, waitFor } from './support.js';

const open: pg.Client[] = [];
afterEach(() => closeAll(open));

function waitingOn(proxy: RunningProxy): number {
  return proxy.server.connectorStats()['main']?.['waiting'] ?? -1;
}

describe('named prepared statements with 6 clients on a pool of 2', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ database: 'it_pool_statements', poolMax: 2 });
    await direct(proxy.backendUrl, `create table items (id int primary key, owner int not null, val int not null default 0)`);
  });
  afterAll(() => proxy.stop());

  it('reuses the same and different named statements across many interleaved transactions', async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => connectPg(proxy.url(), {}, open)));
    const rounds = 40;
    await Promise.all(
      clients.map(async (client, c) => {
        for (let i = 0; i < rounds; i++) {
          const id = c * 1000 + i;
          const inTx = i % 2 === 0;
          if (inTx) await client.query('begin');
          // Shared text across clients: one server-side statement for everyone.
          const common = await client.query({ name: 'common', text: 'select $1::int * 2 as doubled, $2::text as tag', values: [id, `c${c}`] });
          expect(common.rows).toEqual([{ doubled: id * 2, tag: `c${c}` }]);
          // Client-specific statements, one of them under a name other clients use for other SQL.
          await client.query({ name: `ins_${c}`, text: `insert into items (id, owner) values ($1, ${c})`, values: [id] });
          const mine = await client.query({ name: 'mine', text: `select count(*)::int as n, ${c} as me from items where owner = ${c}` });
          expect(mine.rows).toEqual([{ n: i + 1, me: c }]);
          await client.query({ name: 'bump', text: 'update items set val = val + $2 where id = $1', values: [id, i] });
          if (inTx) await client.query('commit');
        }
      }),
    );
    const rows = await direct<{ owner: number; n: number; total: number }>(
      proxy.backendUrl,
      'select owner, count(*)::int as n, sum(val)::int as total from items group by owner order by owner',
    );
    const expectedTotal = (rounds * (rounds - 1)) / 2;
    expect(rows).toEqual(Array.from({ length: 6 }, (_, c) => ({ owner: c, n: rounds, total: expectedTotal })));
    // Never more server connections than pool.max.
    const stats = proxy.server.connectorStats()['main']!;
    expect(stats['total']).toBeLessThanOrEqual(2);
  });

  it('keeps per-client statement names apart when the texts are the same or differ', async () => {
    const [a, b] = [await connectPg(proxy.url(), {}, open), await connectPg(proxy.url('bob'), {}, open)];
    // Same text under different names, and the same name for different texts.
    const text = 'select $1::int + 100 as r';
    for (let i = 0; i < 10; i++) {
      const [ra, rb, sa, sb] = await Promise.all([
        a.query({ name: 'a_stmt', text, values: [i] }),
        b.query({ name: 'b_stmt', text, values: [i * 2] }),
        a.query({ name: 'same', text: "select 'from-a' as who" }),
        b.query({ name: 'same', text: "select 'from-b' as who" }),
      ]);
      expect([ra.rows[0].r, rb.rows[0].r, sa.rows[0].who, sb.rows[0].who]).toEqual([100 + i, 100 + i * 2, 'from-a', 'from-b']);
    }
  });

  it('closing a statement in one client leaves the same text working for another', async () => {
    const rawA = await RawClient.connect(proxy.host, proxy.port, 'alice', USERS.alice.password, 'acme');
    const rawB = await RawClient.connect(proxy.host, proxy.port, 'bob', USERS.bob.password, 'globex');
    try {
      const text = 'select $1::int * 7';
      rawA.send(serialize.parse({ name: 'x', text }), serialize.sync());
      rawB.send(serialize.parse({ name: 'y', text }), serialize.sync());
      expect(await rawA.untilReady()).toEqual(['parseComplete', 'ready:I']);
      expect(await rawB.untilReady()).toEqual(['parseComplete', 'ready:I']);
      rawA.send(serialize.close({ type: 'S', name: 'x' }), serialize.sync());
      expect(await rawA.untilReady()).toEqual(['closeComplete', 'ready:I']);
      rawB.send(serialize.bind({ statement: 'y', values: ['6'] }), serialize.execute(), serialize.sync());
      expect(await rawB.untilReady()).toEqual(['bindComplete', 'row:42', 'commandComplete', 'ready:I']);
      // A's name is gone for A (26000, like Postgres), and A may prepare it again.
      rawA.send(serialize.bind({ statement: 'x', values: ['1'] }), serialize.execute(), serialize.sync());
      expect(await rawA.untilReady()).toEqual(['error:26000', 'ready:I']);
      rawA.send(serialize.parse({ name: 'x', text: 'select $1::int * 3' }), serialize.bind({ statement: 'x', values: ['5'] }), serialize.execute(), serialize.sync());
      expect(await rawA.untilReady()).toEqual(['parseComplete', 'bindComplete', 'row:15', 'commandComplete', 'ready:I']);
      // Preparing a name twice is refused like Postgres (42P05) and the session stays in sync.
      rawA.send(serialize.parse({ name: 'x', text: 'select 1' }), serialize.bind({ statement: 'x', values: ['1'] }), serialize.execute(), serialize.sync());
      expect(await rawA.untilReady()).toEqual(['error:42P05', 'ready:I']);
      rawA.send(serialize.query('select 9'));
      expect(await rawA.untilReady()).toEqual(['rowDescription', 'row:9', 'commandComplete', 'ready:I']);
    } finally {
      rawA.close();
      rawB.close();
    }
  });

  it('DEALLOCATE ALL and DISCARD ALL drop only the issuing client’s names; names can be prepared again', async () => {
    const rawA = await RawClient.connect(proxy.host, proxy.port, 'alice', USERS.alice.password, 'acme');
    const other = await connectPg(proxy.url('bob'), {}, open);
    try {
      for (const drop of ['deallocate all', 'discard all']) {
        rawA.send(serialize.parse({ name: 'n1', text: 'select 1 as v' }), serialize.parse({ name: 'n2', text: 'select $1::int as v' }), serialize.sync());
        expect(await rawA.untilReady()).toEqual(['parseComplete', 'parseComplete', 'ready:I']);
        // Another client uses the same texts, so their server-side statements exist on the pooled connections.
        expect((await other.query({ name: 'o1', text: 'select 1 as v' })).rows).toEqual([{ v: 1 }]);
        expect((await other.query({ name: 'o2', text: 'select $1::int as v', values: [2] })).rows).toEqual([{ v: 2 }]);

        rawA.send(serialize.query(drop));
        expect(await rawA.untilReady(), drop).toEqual(['commandComplete', 'ready:I']);
        // Like Postgres: the names are gone…
        rawA.send(serialize.bind({ statement: 'n1' }), serialize.execute(), serialize.sync());
        expect(await rawA.untilReady(), drop).toEqual(['error:26000', 'ready:I']);
        // …and may be prepared again, with new texts.
        rawA.send(
          serialize.parse({ name: 'n1', text: 'select 11 as v' }),
          serialize.parse({ name: 'n2', text: 'select $1::int + 1 as v' }),
          serialize.bind({ statement: 'n1' }),
          serialize.execute(),
          serialize.bind({ statement: 'n2', values: ['20'] }),
          serialize.execute(),
          serialize.sync(),
        );
        expect(await rawA.untilReady(), drop).toEqual(['parseComplete', 'parseComplete', 'bindComplete', 'row:11', 'commandComplete', 'bindComplete', 'row:21', 'commandComplete', 'ready:I']);
        // The other client's statements still work on whatever connection it gets.
        for (let i = 0; i < 4; i++) {
          expect((await other.query({ name: 'o1', text: 'select 1 as v' })).rows, drop).toEqual([{ v: 1 }]);
          expect((await other.query({ name: 'o2', text: 'select $1::int as v', values: [i] })).rows, drop).toEqual([{ v: i }]);
        }
        rawA.send(serialize.close({ type: 'S', name: 'n1' }), serialize.close({ type: 'S', name: 'n2' }), serialize.sync());
        expect(await rawA.untilReady()).toEqual(['closeComplete', 'closeComplete', 'ready:I']);
      }
    } finally {
      rawA.close();
    }
  });

  it('pins a client that creates a TEMP table or uses SQL PREPARE; others never see that state', async () => {
    const pinned = await connectPg(proxy.url(), {}, open);
    const others = await Promise.all([connectPg(proxy.url('bob'), {}, open), connectPg(proxy.url(), {}, open)]);
    await pinned.query('create temp table scratch (v int)');
    await pinned.query('prepare sqlprep (int) as select $1 * 10 as v');
    for (let i = 0; i < 10; i++) {
      await pinned.query('begin');
      await pinned.query('insert into scratch values ($1)', [i]);
      await pinned.query('commit');
      expect((await pinned.query('execute sqlprep(' + i + ')')).rows).toEqual([{ v: i * 10 }]);
      for (const o of others) {
        // The other clients share the one remaining server connection and see no temp table or statement.
        expect((await o.query("select to_regclass('pg_temp.scratch') is null as none, (select count(*)::int from pg_prepared_statements where name = 'sqlprep') as preps")).rows).toEqual([{ none: true, preps: 0 }]);
      }
    }
    expect((await pinned.query('select count(*)::int as n from scratch')).rows).toEqual([{ n: 10 }]);
  });

  it('a pg client that reuses a name after DEALLOCATE ALL fails exactly as it does on Postgres directly', async () => {
    const outcome = async (client: pg.Client) => {
      const out: string[] = [];
      out.push(String((await client.query({ name: 'd1', text: 'select 5 as v' })).rows[0].v));
      await client.query('deallocate all');
      // pg thinks d1 is still prepared and sends only Bind/Execute.
      out.push(await client.query({ name: 'd1', text: 'select 5 as v' }).then(() => 'ok', (e: { code: string }) => e.code));
      out.push(String((await client.query({ name: 'd2', text: 'select 6 as v' })).rows[0].v));
      return out;
    };
    const viaProxy = await outcome(await connectPg(proxy.url(), {}, open));
    const viaPostgres = await outcome(await connectPg(proxy.backendUrl, {}, open));
    expect(viaProxy).toEqual(viaPostgres);
    expect(viaProxy).toEqual(['5', '26000', '6']);
  });
});

describe('a pool of 1: transactions hold their connection, SET is tracked per client', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ database: 'it_pool_one', poolMax: 1 });
    await direct(
      proxy.backendUrl,
      `create table events (id serial primary key, who text not null);
       create schema sa; create schema sb;
       create table sa.whoami (v text); insert into sa.whoami values ('schema-a');
       create table sb.whoami (v text); insert into sb.whoami values ('schema-b');`,
    );
  });
  afterAll(() => proxy.stop());

  it("makes a second client's query wait until the first client's transaction commits", async () => {
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    const log: string[] = [];
    await a.query('begin');
    await a.query("insert into events (who) values ('a')");
    const bQuery = b.query("select count(*)::int as n from events where who = 'a'").then((r) => {
      log.push(`b saw ${r.rows[0].n}`);
    });
    // B is queued for the only server connection, which A's transaction holds.
    await waitFor(() => waitingOn(proxy) === 1, 'B to wait for a server connection');
    log.push('a commits');
    await a.query('commit');
    log.push('a committed');
    await bQuery;
    expect(log).toEqual(['a commits', 'a committed', 'b saw 1']);
  });

  it('replays each client’s SET search_path / application_name / TIME ZONE on every query while they alternate', async () => {
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    const fresh = await connectPg(proxy.url(), {}, open);
    const defaults = (await fresh.query('select current_setting($1) as sp, current_setting($2) as app, current_setting($3) as tz', ['search_path', 'application_name', 'TimeZone'])).rows[0];
    await a.query("set search_path = sa, public; set application_name = 'client-a'");
    await a.query("SET TIME ZONE 'Asia/Tokyo'");
    await b.query('set search_path to sb');
    await b.query({ name: 'set_app_b', text: "set application_name to 'client-b'" }); // extended protocol
    await b.query('set time zone "America/New_York"');
    const show = 'select current_setting($1) as sp, current_setting($2) as app, current_setting($3) as tz, (select v from whoami) as who';
    const args = ['search_path', 'application_name', 'TimeZone'];
    for (let i = 0; i < 10; i++) {
      expect((await a.query(show, args)).rows[0]).toEqual({ sp: 'sa, public', app: 'client-a', tz: 'Asia/Tokyo', who: 'schema-a' });
      expect((await b.query(show, args)).rows[0]).toEqual({ sp: 'sb', app: 'client-b', tz: 'America/New_York', who: 'schema-b' });
      // The same named statement text in both clients resolves per client's search_path.
      expect((await a.query({ name: 'who', text: 'select v from whoami' })).rows).toEqual([{ v: 'schema-a' }]);
      expect((await b.query({ name: 'who', text: 'select v from whoami' })).rows).toEqual([{ v: 'schema-b' }]);
      expect((await fresh.query('show application_name')).rows).toEqual([{ application_name: defaults.app }]);
    }
    // SHOW in the simple protocol too.
    expect((await a.query('show time zone')).rows).toEqual([{ TimeZone: 'Asia/Tokyo' }]);
    expect((await b.query('show search_path')).rows).toEqual([{ search_path: 'sb' }]);

    await a.query('reset application_name');
    await b.query('select 1');
    expect((await a.query(show, args)).rows[0]).toEqual({ sp: 'sa, public', app: defaults.app, tz: 'Asia/Tokyo', who: 'schema-a' });
    await b.query('reset all');
    await a.query('select 1');
    expect((await b.query('select current_setting($1) as sp, current_setting($2) as app, current_setting($3) as tz', args)).rows[0]).toEqual(defaults);
    expect((await a.query(show, args)).rows[0]).toEqual({ sp: 'sa, public', app: defaults.app, tz: 'Asia/Tokyo', who: 'schema-a' });
  });

  it('keeps startup parameters (application_name, options -c) per client', async () => {
    const a = await connectPg(proxy.url(), { application_name: 'startup-a', options: '-c statement_timeout=4321' }, open);
    const b = await connectPg(proxy.url('bob'), { application_name: 'startup-b' }, open);
    for (let i = 0; i < 3; i++) {
      expect((await a.query('select current_setting($1) as app, current_setting($2) as st', ['application_name', 'statement_timeout'])).rows[0]).toEqual({ app: 'startup-a', st: '4321ms' });
      expect((await b.query('select current_setting($1) as app, current_setting($2) as st', ['application_name', 'statement_timeout'])).rows[0]).toEqual({ app: 'startup-b', st: '0' });
    }
  });

  it('RESET and RESET ALL go back to the startup-packet values, as on Postgres directly', async () => {
    const startup = { application_name: 'startup-c', options: '-c statement_timeout=4321' };
    const run = async (client: pg.Client, other: pg.Client | null) => {
      const show = async () => {
        await other?.query('select 1'); // through the proxy: the connection changes hands in between
        return (await client.query('select current_setting($1) as app, current_setting($2) as st', ['application_name', 'statement_timeout'])).rows[0];
      };
      await client.query("set application_name = 'changed'; set statement_timeout = 99");
      const out = [await show()];
      await client.query('reset application_name');
      out.push(await show());
      await client.query("set application_name = 'changed'");
      await client.query('reset all');
      out.push(await show());
      return out;
    };
    const viaProxy = await run(await connectPg(proxy.url(), startup, open), await connectPg(proxy.url('bob'), {}, open));
    const direct = await run(await connectPg(proxy.backendUrl, startup, open), await connectPg(proxy.backendUrl, {}, open));
    expect(direct).toEqual([
      { app: 'changed', st: '99ms' },
      { app: 'startup-c', st: '99ms' },
      { app: 'startup-c', st: '4321ms' },
    ]);
    expect(viaProxy, 'when the connection changes hands between statements').toEqual(direct);
    // And when the client keeps the same server connection (nobody else asks for it).
    const sameConnection = await run(await connectPg(proxy.url(), startup, open), null);
    expect(sameConnection, 'on the same server connection').toEqual(direct);
  });

  it("discards the server connection of a client that leaves mid-transaction: nothing commits, no lock stays", async () => {
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    await a.query('begin');
    await a.query("insert into events (who) values ('abandoned')");
    await a.query('lock table events in access exclusive mode');
    // The client vanishes without COMMIT (socket destroyed, no Terminate).
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const rows = await b.query("select count(*)::int as n, pg_current_xact_id_if_assigned() is null as fresh from events where who = 'abandoned'");
    expect(rows.rows).toEqual([{ n: 0, fresh: true }]);
    expect((await b.query('select txid_current() is not null as ok')).rows).toEqual([{ ok: true }]);
    expect(await direct(proxy.backendUrl, "select 1 from events where who = 'abandoned'")).toEqual([]);
  });

  it('does not let SET LOCAL leak past COMMIT, nor a SET undone by ROLLBACK', async () => {
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    await a.query('begin');
    await a.query("set local statement_timeout = '1234ms'");
    expect((await a.query('show statement_timeout')).rows).toEqual([{ statement_timeout: '1234ms' }]);
    await a.query('commit');
    expect((await a.query('show statement_timeout')).rows).toEqual([{ statement_timeout: '0' }]);
    expect((await b.query('show statement_timeout')).rows).toEqual([{ statement_timeout: '0' }]);

    // Postgres undoes a plain SET when its transaction rolls back.
    await a.query('begin');
    await a.query("set application_name = 'rolled-back'");
    await a.query('rollback');
    const after = (await a.query('show application_name')).rows[0].application_name;
    expect(after, 'right after ROLLBACK').not.toBe('rolled-back');
    await b.query('select 1'); // the connection goes to B and back: A's settings are replayed
    expect((await a.query('show application_name')).rows[0].application_name, 'after another client used the connection').toBe(after);
  });

  it('refuses set_config() (it could change any setting, the tenant GUC included) and A stays usable', async () => {
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    const before = (await b.query('show search_path')).rows[0].search_path;
    await expect(a.query("select set_config('search_path', 'sa', false)")).rejects.toMatchObject({ code: '42501' });
    expect((await a.query('select 1 as one')).rows[0].one).toBe(1);
    expect((await b.query('show search_path')).rows[0].search_path).toBe(before);
  });
});

describe('pool exhaustion (pool.max 1, acquireTimeoutMs 300)', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ database: 'it_pool_exhaust', poolMax: 1, acquireTimeoutMs: 300 });
  });
  afterAll(() => proxy.stop());

  it('fails a waiting query with 53300 and serves the client once the connection is free', async () => {
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    await a.query('begin');
    await a.query('select 1');
    const err = await failure(b.query('select 2 as two'));
    expect(err.code).toBe('53300');
    expect(err.message).toMatch(/main/);
    // A's transaction is unaffected.
    expect((await a.query('select 3 as three')).rows).toEqual([{ three: 3 }]);
    await a.query('commit');
    expect((await b.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
    // The extended protocol recovers too.
    await a.query('begin');
    expect((await failure(b.query({ name: 'p', text: 'select $1::int as n', values: [1] }))).code).toBe('53300');
    await a.query('commit');
    expect((await b.query({ name: 'p', text: 'select $1::int as n', values: [4] })).rows).toEqual([{ n: 4 }]);
    expect((await b.query('select $1::int as n', [5])).rows).toEqual([{ n: 5 }]);
  });

  it('a session that waits is answered in order: a queued batch all fails, later requests succeed', async () => {
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    await a.query('begin');
    const outcomes = await Promise.all([b.query('select 1 as n'), b.query('select $1::int as n', [2]), b.query('select 3 as n')].map((p) => p.then((r) => String(r.rows[0].n), (e: { code: string }) => e.code)));
    expect(outcomes).toEqual(['53300', '53300', '53300']);
    const done = deferred();
    void a.query('commit').then(() => done.resolve());
    await done.promise;
    expect((await b.query('select 7 as n')).rows).toEqual([{ n: 7 }]);
  });
});
