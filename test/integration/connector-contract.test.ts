// One contract, every connector: the same statements through a Postgres-backed, a SQLite-backed and (when a
// SQL Server is reachable: MSSQL_URL, or Docker for testcontainers) a SQL Server-backed pgfabric, with the
// same expectations (Postgres's own answers). Transactions and savepoints, errors → SQLSTATE, cancel, NULLs
// and type round trips (literals and parameters), large results. What the connectors returned is compared
// with Postgres's answers at the end. Known gaps are in SQLITE-GAPS.md and MSSQL-GAPS.md and marked where
// they occur, never passed silently; without a SQL Server its suite is skipped with the reason printed.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mssqlServer, skipReason } from '../helpers/mssql-server.js';
import { startProxy, type ProxyOptions, type RunningProxy } from '../helpers/start-proxy.js';
import { createTypedTable, lit, TYPE_CASES, type TypeCase } from './connector-contract-types.js';
import { closeAll, connectPg, failure, sendCancel, sleep } from './support.js';

type Kind = 'postgres' | 'sqlite' | 'mssql';
const MSSQL = mssqlServer(import.meta.url);
/** `skip`: why the target cannot run here (its suite is skipped, the reason printed once by mssqlServer). */
const TARGETS: { kind: Kind; options: ProxyOptions; skip?: string | undefined }[] = [
  { kind: 'postgres', options: { database: 'contract_pg' } },
  { kind: 'sqlite', options: { database: 'contract_lite', sqlite: true } },
  { kind: 'mssql', options: { database: 'contract_ms', mssql: 'url' in MSSQL ? MSSQL.url : '' }, skip: skipReason(MSSQL) },
];

/**
 * Type cases SQL Server cannot store as Postgres does (MSSQL-GAPS.md): left out of the round trips on that
 * target and run on their own as it.fails, so a fix shows up.
 */
const MSSQL_TYPE_GAPS = new Map<string, string>([
  ['big', 'unconstrained numeric is decimal(38,10): 30 integer and 30 fraction digits do not fit'],
]);
const typeCasesFor = (kind: Kind): readonly TypeCase[] => (kind === 'mssql' ? TYPE_CASES.filter((t) => !MSSQL_TYPE_GAPS.has(t.column)) : TYPE_CASES);

/** Every value as the text the server sent (no pg type parsing), so connectors are compared byte for byte. */
const rawText: pg.CustomTypesConfig = { getTypeParser: (() => (value: string) => value) as unknown as pg.CustomTypesConfig['getTypeParser'] };

/** What each connector answered, for the comparison at the end. */
const answers = new Map<Kind, Map<string, unknown>>();

for (const { kind, options, skip } of TARGETS) describe.skipIf(skip !== undefined)(`connector contract: ${kind}`, () => {
  let proxy: RunningProxy;
  const typeCases = typeCasesFor(kind);
  const open: pg.Client[] = [];
  const record = (name: string, value: unknown): void => void answers.get(kind)!.set(name, value);
  const connect = async (): Promise<pg.Client> => {
    const client = await connectPg(proxy.url(), { types: rawText }, open);
    await client.query("set timezone = 'UTC'");
    return client;
  };
  const code = async (client: pg.Client, sql: string, values?: unknown[]): Promise<string | undefined> => (await failure(client.query(sql, values))).code;

  beforeAll(async () => {
    answers.set(kind, new Map());
    proxy = await startProxy(options);
    const c = await connect();
    await c.query('create table accounts (id int primary key, owner text not null, balance numeric(12,2) not null check (balance >= 0))');
    await c.query('create table parents (id int primary key)');
    await c.query('create table children (id int primary key, parent_id int references parents (id))');
    await c.query(createTypedTable('typed', typeCases));
    await c.query('create table short_codes (code varchar(3))');
  });
  afterEach(() => closeAll(open));
  afterAll(() => proxy?.stop());

  describe('transactions', () => {
    it('a transaction is invisible to others until COMMIT; ROLLBACK leaves nothing', async () => {
      const [a, b] = [await connect(), await connect()];
      await a.query('begin');
      await a.query("insert into accounts values (1, 'ann', 10)");
      expect((await a.query('select count(*)::int as n from accounts')).rows).toEqual([{ n: '1' }]);
      expect((await b.query('select count(*)::int as n from accounts')).rows).toEqual([{ n: '0' }]);
      await a.query('commit');
      expect((await b.query('select owner from accounts')).rows).toEqual([{ owner: 'ann' }]);
      await a.query('begin');
      await a.query("insert into accounts values (2, 'bo', 5)");
      await a.query("update accounts set balance = 0 where id = 1");
      await a.query('rollback');
      expect((await b.query('select id, balance from accounts order by id')).rows).toEqual([{ id: '1', balance: '10.00' }]);
    });

    it('savepoints: ROLLBACK TO undoes only what followed; RELEASE keeps it; an error inside is recoverable', async () => {
      const c = await connect();
      await c.query('create table sp (id int primary key)');
      await c.query('begin');
      await c.query('insert into sp values (1)');
      await c.query('savepoint a');
      await c.query('insert into sp values (2)');
      await c.query('rollback to savepoint a');
      await c.query('insert into sp values (3)');
      await c.query('savepoint b');
      await c.query('insert into sp values (4)');
      await c.query('release savepoint b');
      await c.query('savepoint c');
      expect(await code(c, 'insert into sp values (1)')).toBe('23505');
      expect(await code(c, 'select 1')).toBe('25P02');
      await c.query('rollback to c');
      await c.query('insert into sp values (5)');
      await c.query('commit');
      expect((await c.query('select string_agg(id::text, \',\' order by id) as ids from sp')).rows).toEqual([{ ids: '1,3,4,5' }]);
    });
  });

  describe('errors → SQLSTATE', () => {
    /** sqliteGap: a SQLITE-GAPS.md entry; that case is expected to fail on SQLite (it.fails), with the reason printed. */
    const cases: { name: string; sql: string; sqlstate: string; sqliteGap?: string }[] = [
      { name: 'unique violation', sql: "insert into accounts values (1, 'dup', 1)", sqlstate: '23505' },
      { name: 'not null violation', sql: 'insert into accounts values (7, null, 1)', sqlstate: '23502' },
      { name: 'check violation', sql: "insert into accounts values (8, 'neg', -1)", sqlstate: '23514' },
      { name: 'foreign key violation on insert', sql: 'insert into children values (1, 99)', sqlstate: '23503' },
      { name: 'undefined table', sql: 'select * from no_such_table', sqlstate: '42P01' },
      { name: 'undefined column', sql: 'select no_such_column from accounts', sqlstate: '42703' },
      { name: 'division by zero', sql: 'select 1 / 0', sqlstate: '22012' },
      { name: 'syntax error', sql: 'selec 1', sqlstate: '42601' },
      { name: 'integer out of range', sql: 'select 2147483647::int4 + 1', sqlstate: '22003' },
      { name: 'smallint out of range', sql: 'select 32767::int2 + 1::int2', sqlstate: '22003' },
      { name: 'bigint out of range', sql: 'select 9223372036854775807::int8 + 1', sqlstate: '22003' },
      { name: 'numeric field overflow', sql: "insert into accounts values (9, 'big', 12345678901)", sqlstate: '22003' },
      { name: 'invalid text representation', sql: "select 'abc'::int", sqlstate: '22P02' },
      { name: 'string too long', sql: "select 'abcd'::varchar(3) as v, cast('abcd' as char(2)) as c; insert into short_codes values ('abcd')", sqlstate: '22001' },
      { name: 'savepoint outside a transaction', sql: 'rollback to savepoint nowhere', sqlstate: '25P01' },
      { name: 'scalar subquery with two rows', sql: 'select (select g from generate_series(1, 2) g) as x', sqlstate: '21000' },
      { name: 'negative LIMIT', sql: 'select id from accounts limit -1', sqlstate: '2201W' },
      { name: 'negative OFFSET', sql: 'select id from accounts offset -2', sqlstate: '2201X' },
      { name: 'square root of a negative number', sql: 'select sqrt(-1.5::float8)', sqlstate: '2201F' },
      { name: 'logarithm of zero', sql: 'select ln(0::float8)', sqlstate: '2201E' },
    ];
    for (const { name, sql, sqlstate, sqliteGap } of cases) {
      const gap = kind === 'sqlite' && sqliteGap !== undefined;
      if (gap) console.log(`connector-contract: SQLite known gap (SQLITE-GAPS.md, "${sqliteGap}"): ${name} is expected to fail`);
      (gap ? it.fails : it)(`${name} → ${sqlstate}${gap ? ' (known SQLite gap)' : ''}`, async () => {
      const c = await connect();
      const err = await failure(c.query(sql));
      const got = err.code;
      record(`error: ${name}`, got);
      record(`message: ${name}`, err.message);
      expect(got).toBe(sqlstate);
      expect((await c.query('select 1 as ok')).rows).toEqual([{ ok: '1' }]); // the session is usable
      });
    }

    it('unknown savepoint inside a transaction → 3B001', async () => {
      const c = await connect();
      await c.query('begin');
      expect(await code(c, 'rollback to savepoint nowhere')).toBe('3B001');
      expect(await code(c, 'select 1')).toBe('25P02');
      const end = await c.query('commit'); // COMMIT of an aborted transaction rolls back
      expect(end.command).toBe('ROLLBACK');
    });

    it('a schema other than public: created on Postgres and SQL Server, refused with 0A000 on SQLite (one schema per file)', async () => {
      const c = await connect();
      if (kind === 'postgres' || kind === 'mssql') {
        await c.query('create schema extra');
        await c.query('create table extra.t (id int)');
        expect((await c.query('select count(*)::int as n from extra.t')).rows).toEqual([{ n: '0' }]);
        return;
      }
      const err = await failure(c.query('create schema extra'));
      console.log(`connector-contract: SQLite refuses as designed: create schema extra → ${err.code} ${err.message}`);
      expect(err.code).toBe('0A000');
      expect(await code(c, 'create table extra.t (id int)')).toBe('0A000');
      expect((await c.query('select 1 as ok')).rows).toEqual([{ ok: '1' }]);
    });

    it('explicit casts to char(n)/varchar(n) truncate; assignment raises 22001', async () => {
      const c = await connect();
      const r = await c.query("select 'abcd'::varchar(3) as v, cast('abcd' as char(2)) as c, 'ab'::char(4) as p, $1::char(2) as q", ['xyz']);
      expect(r.rows).toEqual([{ v: 'abc', c: 'ab', p: 'ab  ', q: 'xy' }]);
      expect(await code(c, "insert into short_codes values ('abcd')")).toBe('22001');
      expect(await code(c, 'insert into short_codes values ($1)', ['abcd'])).toBe('22001');
    });

    it('foreign key violation on deleting a referenced row → 23503', async () => {
      const c = await connect();
      await c.query('insert into parents values (1)');
      await c.query('insert into children values (1, 1)');
      expect(await code(c, 'delete from parents where id = 1')).toBe('23503');
      expect((await c.query('select count(*)::int as n from parents')).rows).toEqual([{ n: '1' }]);
    });

    it('an error inside a transaction aborts it: 25P02 until ROLLBACK, then the session recovers', async () => {
      const c = await connect();
      await c.query('begin');
      await c.query("insert into accounts values (20, 'tx', 1)");
      expect(await code(c, 'select 1 / 0')).toBe('22012');
      expect(await code(c, 'select 1')).toBe('25P02');
      expect(await code(c, "insert into accounts values (21, 'tx', 1)")).toBe('25P02');
      await c.query('rollback');
      expect((await c.query('select count(*)::int as n from accounts where id >= 20')).rows).toEqual([{ n: '0' }]);
    });
  });

  it('cancel: pg_sleep(20) ends with 57014 and the session is usable after', async () => {
    const c = await connect();
    const { processID, secretKey } = c as unknown as { processID: number; secretKey: number };
    const started = Date.now();
    let settled = false;
    const sleeping = failure(c.query('select pg_sleep(20)')).finally(() => (settled = true));
    // A cancel that arrives before the statement reached the backend is ignored (as by Postgres): repeat it.
    for (let i = 0; i < 20 && !settled; i++) {
      await sleep(250);
      if (!settled) await sendCancel(proxy.host, proxy.port, processID, secretKey);
    }
    const err = await sleeping;
    expect(err.code).toBe('57014');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await c.query('select 2 as ok')).rows).toEqual([{ ok: '2' }]);
  }, 30_000);

  describe('NULLs and type round trips', () => {
    const columns = typeCases.map((t) => t.column);
    const expectedRow = (n: number, pick: 'low' | 'high' | null) =>
      Object.fromEntries([['n', String(n)], ...typeCases.map((t) => [t.column, pick ? t[pick].output : null])]);

    it('literals, parameters and NULLs stored and read back as Postgres prints them', async () => {
      const c = await connect();
      await c.query(`insert into typed (n, ${columns.join(', ')}) values (1, ${typeCases.map((t) => `${lit(t.high.input)}::${t.type}`).join(', ')})`);
      await c.query(`insert into typed values (2, ${typeCases.map((t) => lit(t.low.input)).join(', ')})`);
      const params = typeCases.map((_, i) => `$${i + 2}`).join(', ');
      await c.query(`insert into typed (n, ${columns.join(', ')}) values ($1, ${params})`, [3, ...typeCases.map((t) => t.high.input)]);
      await c.query(`insert into typed (n, ${columns.join(', ')}) values ($1, ${params})`, [4, ...typeCases.map((t) => t.low.input)]);
      await c.query(`insert into typed (n, ${columns.join(', ')}) values ($1, ${params})`, [5, ...typeCases.map(() => null)]);
      await c.query('insert into typed (n) values (6)');
      const r = await c.query(`select n, ${columns.join(', ')} from typed order by n`);
      record('typed rows', r.rows);
      record('typed oids', r.fields.map((f) => f.dataTypeID));
      expect(r.fields.map((f) => f.dataTypeID)).toEqual([23, ...typeCases.map((t) => t.oid)]);
      expect(r.rows).toEqual([expectedRow(1, 'high'), expectedRow(2, 'low'), expectedRow(3, 'high'), expectedRow(4, 'low'), expectedRow(5, null), expectedRow(6, null)]);
    });

    const gapCases = TYPE_CASES.filter((t) => !typeCases.includes(t));
    for (const t of [...typeCases, ...gapCases]) {
      const gap = gapCases.includes(t) ? MSSQL_TYPE_GAPS.get(t.column) : undefined;
      if (gap && !skip) console.log(`connector-contract: SQL Server known gap (MSSQL-GAPS.md, "${gap}"): ${t.type} round trip is expected to fail`);
      (gap ? it.fails : it)(`${t.type}: a parameter and a literal cast, and IS NULL on NULL${gap ? ' (known SQL Server gap)' : ''}`, async () => {
        const c = await connect();
        const r = await c.query(`select $1::${t.type} as p, ${lit(t.high.input)}::${t.type} as l, $2::${t.type} as z, $2::${t.type} is null as isnull`, [t.low.input, null]);
        record(`select ${t.type}`, r.rows);
        expect(r.fields.slice(0, 3).map((f) => f.dataTypeID)).toEqual([t.oid, t.oid, t.oid]);
        expect(r.rows).toEqual([{ p: t.low.output, l: t.high.output, z: null, isnull: 't' }]);
      });
    }

    it('values filtered by equality with a parameter find their row', async () => {
      const c = await connect();
      const found: Record<string, string> = {};
      for (const t of typeCases.filter((x) => !['f8', 'doc'].includes(x.column))) {
        const r = await c.query(`select string_agg(n::text, ',' order by n) as ns from typed where ${t.column} = $1`, [t.high.input]);
        found[t.column] = String(r.rows[0]?.['ns']);
      }
      record('equality lookups', found);
      for (const [column, ns] of Object.entries(found)) expect(ns, column).toBe('1,3');
    });
  });

  describe('large results', () => {
    it('50,000 rows from generate_series arrive, all of them', async () => {
      const c = await connect();
      const r = await c.query("select g, 'row ' || g as label from generate_series(1, 50000) as g order by g");
      expect(r.rowCount).toBe(50_000);
      expect(r.rows.length).toBe(50_000);
      expect(r.rows[0]).toEqual({ g: '1', label: 'row 1' });
      expect(r.rows[49_999]).toEqual({ g: '50000', label: 'row 50000' });
      expect(r.rows.reduce((sum, row) => sum + Number(row['g']), 0)).toBe((50_000 * 50_001) / 2);
    });

    it('50,000 inserted rows read back with parameters (extended protocol)', async () => {
      const c = await connect();
      await c.query('create table big (id int primary key, payload text, amount numeric(10,2))');
      const ins = await c.query("insert into big select g, repeat('x', g % 50), g / 100.0 from generate_series(1, 50000) as g");
      expect(ins.rowCount).toBe(50_000);
      const r = await c.query('select id, payload, amount from big where id > $1 order by id', [0]);
      expect(r.rows.length).toBe(50_000);
      const payloadChars = r.rows.reduce((sum, row) => sum + String(row['payload']).length, 0);
      let expectedChars = 0;
      for (let g = 1; g <= 50_000; g++) expectedChars += g % 50;
      expect(payloadChars).toBe(expectedChars);
      expect(r.rows[12_344]).toEqual({ id: '12345', payload: 'x'.repeat(12_345 % 50), amount: '123.45' });
      expect((await c.query('select sum(amount) as s, count(*) as n from big')).rows).toEqual([{ s: '12500250.00', n: '50000' }]);
    });
  });
});

/** Error messages the SQLite connector words differently (SQLITE-GAPS.md); each must still differ, so a fix shows up here. */
const KNOWN_MESSAGE_GAPS = new Set(['message: foreign key violation on insert']);
/** Answers that differ because of a known gap (the SQLSTATE cases marked sqliteGap above). */
const KNOWN_ANSWER_GAPS = new Set<string>();

describe('connector contract: both connectors answered alike', () => {
  const both = (): [Map<string, unknown>, Map<string, unknown>] => {
    const pgAnswers = answers.get('postgres');
    const liteAnswers = answers.get('sqlite');
    if (!pgAnswers || !liteAnswers) throw new Error('a connector suite did not run');
    return [pgAnswers, liteAnswers];
  };
  const isGap = (key: string): boolean => KNOWN_MESSAGE_GAPS.has(key) || KNOWN_ANSWER_GAPS.has(key);

  it('the same rows, OIDs, SQLSTATEs and error messages from Postgres and SQLite', () => {
    const [pgAnswers, liteAnswers] = both();
    const keys = [...new Set([...pgAnswers.keys(), ...liteAnswers.keys()])].filter((k) => !isGap(k));
    expect(keys.length).toBeGreaterThan(30);
    expect(Object.fromEntries(keys.map((k) => [k, liteAnswers.get(k)]))).toEqual(Object.fromEntries(keys.map((k) => [k, pgAnswers.get(k)])));
  });

  it('the known message gaps still differ (remove them from the list and SQLITE-GAPS.md once fixed)', () => {
    const [pgAnswers, liteAnswers] = both();
    for (const key of KNOWN_MESSAGE_GAPS) {
      console.log(`connector-contract: SQLite known gap (SQLITE-GAPS.md): ${key}: Postgres ${JSON.stringify(pgAnswers.get(key))}, SQLite ${JSON.stringify(liteAnswers.get(key))}`);
      expect(liteAnswers.get(key), key).toBeDefined();
      expect(liteAnswers.get(key), key).not.toEqual(pgAnswers.get(key));
    }
  });
});

/**
 * Postgres's answers as the SQL Server suite recorded them: without the MSSQL_TYPE_GAPS columns, which that
 * suite leaves out of its typed table (they are run on their own, as it.fails).
 */
function withoutMssqlTypeGaps(key: string, value: unknown): unknown {
  const gap = (column: string): boolean => MSSQL_TYPE_GAPS.has(column);
  if (key === 'typed rows' && Array.isArray(value)) return value.map((row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([c]) => !gap(c))));
  if (key === 'typed oids' && Array.isArray(value)) return value.filter((_, i) => i === 0 || !gap(TYPE_CASES[i - 1]?.column ?? ''));
  if (key === 'equality lookups' && value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([c]) => !gap(c)));
  return value;
}

describe.skipIf(skipReason(MSSQL) !== undefined)('connector contract: SQL Server answered as Postgres did', () => {
  const both = (): [Map<string, unknown>, Map<string, unknown>] => {
    const pgAnswers = answers.get('postgres');
    const msAnswers = answers.get('mssql');
    if (!pgAnswers || !msAnswers) throw new Error('a connector suite did not run');
    return [pgAnswers, msAnswers];
  };
  /** The gap cases' own answers (MSSQL_TYPE_GAPS), and error messages: SQL Server words them itself (MSSQL-GAPS.md). */
  const isGap = (key: string): boolean =>
    key.startsWith('message: ') || TYPE_CASES.some((t) => MSSQL_TYPE_GAPS.has(t.column) && key === `select ${t.type}`);

  it('the same rows, OIDs and SQLSTATEs from Postgres and SQL Server', () => {
    const [pgAnswers, msAnswers] = both();
    const keys = [...new Set([...pgAnswers.keys(), ...msAnswers.keys()])].filter((k) => !isGap(k));
    expect(keys.length).toBeGreaterThan(20);
    expect(Object.fromEntries(keys.map((k) => [k, msAnswers.get(k)]))).toEqual(Object.fromEntries(keys.map((k) => [k, withoutMssqlTypeGaps(k, pgAnswers.get(k))])));
  });

  it('every error case has a message (SQL Server wording differs from Postgres: printed, see MSSQL-GAPS.md)', () => {
    const [pgAnswers, msAnswers] = both();
    const keys = [...pgAnswers.keys()].filter((k) => k.startsWith('message: '));
    expect(keys.length).toBeGreaterThan(10);
    const lines = keys.map((k) => `  ${k.slice('message: '.length)}: Postgres ${JSON.stringify(pgAnswers.get(k))}, SQL Server ${JSON.stringify(msAnswers.get(k))}`);
    console.log(`connector-contract: SQL Server error messages (MSSQL-GAPS.md, "error messages"):\n${lines.join('\n')}`);
    for (const k of keys) expect(String(msAnswers.get(k) ?? ''), k).not.toBe('');
  });
});
