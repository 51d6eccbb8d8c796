// Arrays, array_agg/string_agg, JSON/jsonb, table-valued functions, sequences and session functions
// against real Postgres.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPgFunctions } from '../../connectors/sqlite/functions/register-pg-functions.js';
import { openHarness, testSession, type Harness } from './sqlite-functions-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('sqlite_functions_collections');
});
afterAll(async () => {
  await h.close();
});

const rows = (values: string[]): string => values.map((v) => `select ${v} as x`).join(' union all ');

describe('arrays', () => {
  const calls: [string, string][] = [
    [`array['a b', 'c"d', 'e,f', 'NULL', '', null, 'x\\y', '{z}', 'plain']`, `pgf_array_literal('text', 'a b', 'c"d', 'e,f', 'NULL', '', null, 'x\\y', '{z}', 'plain')`],
    [`array[1, 2, null]`, `pgf_array_literal('int4', 1, 2, null)`],
    [`array[true, false]`, `pgf_array_literal('bool', 1, 0)`],
    [`array[1.50, 2]::numeric[]`, `pgf_array_literal('numeric', '1.50', '2')`],
    [`array[array[1, 2], array[3, 4]]`, `pgf_array_literal('_int4', '{1,2}', '{3,4}')`],
    [`'{ "a b" , c,NULL, "NULL"}'::text[]`, `pgf_array_literal('text', 'a b', 'c', null, 'NULL')`],
    [`array_length(array[1, 2, 3], 1)`, `pgf_array_length('{1,2,3}', 1)`],
    [`array_length('{}'::int[], 1)`, `pgf_array_length('{}', 1)`],
    [`array_length(array[array[1, 2, 3], array[4, 5, 6]], 2)`, `pgf_array_length('{{1,2,3},{4,5,6}}', 2)`],
    [`cardinality(array[array[1, 2], array[3, 4]])`, `pgf_cardinality('{{1,2},{3,4}}')`],
    [`(array['a', 'b c'])[2]`, `pgf_array_get('{a,"b c"}', 2)`], [`(array['a'])[5]`, `pgf_array_get('{a}', 5)`],
    [`(array[10, 20])[2] + 1`, `pgf_array_get('{10,20}', 2, 'int4') + 1`], [`((array[true, false])[1])::int`, `pgf_array_get('{t,f}', 1, 'bool')`],
    [`array_to_string(array['a', null, 'c'], ',')`, `pgf_array_to_string('{a,NULL,c}', ',')`],
    [`array_to_string(array['a', null, 'c'], ',', '*')`, `pgf_array_to_string('{a,NULL,c}', ',', '*')`],
    [`(array[1, 2, 3] @> array[3, 1])::int`, `pgf_array_contains('{1,2,3}', '{3,1}')`], [`(array[1, 2] @> array[4])::int`, `pgf_array_contains('{1,2}', '{4}')`],
    [`(array[1, 2] && array[2, 5])::int`, `pgf_array_overlap('{1,2}', '{2,5}')`], [`(array[1, 2] && array[7])::int`, `pgf_array_overlap('{1,2}', '{7}')`],
    [`array_position(array['a', 'b', 'c'], 'b')`, `pgf_array_position('{a,b,c}', 'b')`],
    [`(2 = any(array[1, 2]))::int`, `pgf_any_eq(2, '{1,2}')`], [`(3 = any(array[1, null]))::int`, `pgf_any_eq(3, '{1,NULL}')`],
    [`(3 = any('{}'::int[]))::int`, `pgf_any_eq(3, '{}')`],
    [`(true = any(array[false, true]))::int`, `pgf_any_eq('true', '{f,t}', 'bool')`], [`(1.0 = any(array[1, 2]::numeric[]))::int`, `pgf_any_eq('1.0', '{1,2}', 'numeric')`],
    [`(7 = any(array[1, null]))::int`, `pgf_any_eq(7, '{1,NULL}', 'int4')`], [`array_position(array[1.50, 2]::numeric[], 1.5)`, `pgf_array_position('{1.50,2}', '1.5', 'numeric')`],
    [`array_position(array['a', null], null)`, `pgf_array_position('{a,NULL}', null)`],
    [`(select array_agg(x) from (${rows(["'a b'", "null", "'c'"])}) t)`, `(select pgf_array_agg(x, 'text') from (${rows(["'a b'", 'null', "'c'"])}))`],
    [`(select array_agg(x) from (${rows(['true', 'false'])}) t)`, `(select pgf_array_agg(x, 'bool') from (${rows(['1', '0'])}))`],
    [`(select array_agg(x) from (select 1 as x where false) t)`, `(select pgf_array_agg(x, 'int4') from (select 1 as x where 0))`],
    [`(select string_agg(x, ', ') from (${rows(["'a'", 'null', "'c'"])}) t)`, `(select pgf_string_agg(x, ', ') from (${rows(["'a'", 'null', "'c'"])}))`],
    [`(select string_agg(x, ', ') from (select 'a' as x where false) t)`, `(select pgf_string_agg(x, ', ') from (select 'a' as x where 0))`],
  ];
  for (const [pg, lite] of calls) it(pg, () => h.check({ pg, lite }));
  it('malformed literal', () => h.checkError({ pg: `'{a,b'::text[]`, lite: `pgf_array_length('{a,b', 1)` }));
});

describe('json', () => {
  const docs = ['{"b": 1, "a": 2, "aa": [1, 2.50, 1e2, -0]}', '{"a":1,"a":2}', '[1, "two", null, true, {"x": {}}]', '"s\\u00e9\\n"', '{"long key": 1, "z": null, "é": 2}', '  3.0  '];
  for (const d of docs) {
    it(`jsonb ${d}`, () => h.check({ pg: `'${d}'::jsonb`, lite: `pgf_jsonb('${d}')` }));
    it(`json ${d}`, () => h.check({ pg: `'${d}'::json`, lite: `pgf_json('${d}')` }));
  }
  const J = '{"a": {"b": [10, "x", {"c": null}]}, "n": 1.50, "s": "text"}';
  const calls: [string, string][] = [
    [`'${J}'::jsonb -> 'a'`, `pgf_json_get('${J}', 'a')`], [`'${J}'::json -> 'a'`, `pgf_json_get('${J}', 'a', 'json')`],
    [`'${J}'::jsonb ->> 's'`, `pgf_json_get_text('${J}', 's')`], [`'${J}'::jsonb ->> 'n'`, `pgf_json_get_text('${J}', 'n')`],
    [`'${J}'::jsonb -> 'missing'`, `pgf_json_get('${J}', 'missing')`], [`'[1, 2, 3]'::jsonb -> 1`, `pgf_json_get('[1, 2, 3]', 1)`],
    [`'[1, 2, 3]'::jsonb -> -1`, `pgf_json_get('[1, 2, 3]', -1)`], [`'${J}'::jsonb #> '{a,b,2}'`, `pgf_json_path('${J}', '{a,b,2}')`],
    [`'${J}'::jsonb #>> '{a,b,1}'`, `pgf_json_path_text('${J}', '{a,b,1}')`], [`'${J}'::jsonb #>> '{a,b,2,c}'`, `pgf_json_path_text('${J}', '{a,b,2,c}')`],
    [`('${J}'::jsonb @> '{"a": {"b": [10]}}')::int`, `pgf_jsonb_contains('${J}', '{"a": {"b": [10]}}')`],
    [`('${J}'::jsonb @> '{"n": 1.5}')::int`, `pgf_jsonb_contains('${J}', '{"n": 1.5}')`], [`('${J}'::jsonb @> '{"n": 2}')::int`, `pgf_jsonb_contains('${J}', '{"n": 2}')`],
    [`('[1, 2, [3]]'::jsonb @> '[[3]]')::int`, `pgf_jsonb_contains('[1, 2, [3]]', '[[3]]')`], [`('[1, 2]'::jsonb @> '1')::int`, `pgf_jsonb_contains('[1, 2]', '1')`],
    [`('${J}'::jsonb ? 's')::int`, `pgf_jsonb_exists('${J}', 's')`], [`('["a", "b"]'::jsonb ? 'b')::int`, `pgf_jsonb_exists('["a", "b"]', 'b')`],
    [`json_build_object('a', 1, 'b', 'x', 'c', true, 'd', null)`, `pgf_json_build_object('a', 'text', 1, 'int4', 'b', 'text', 'x', 'text', 'c', 'text', 1, 'bool', 'd', 'text', null, 'text')`],
    [`jsonb_build_object('b', 1.50, 'a', array[1, 2])`, `pgf_jsonb_build_object('b', 'text', '1.50', 'numeric', 'a', 'text', '{1,2}', 'int4[]')`],
    [`json_build_array(1, 'x', '2024-02-29 13:45:10.5+00'::timestamptz)`, `pgf_json_build_array(1, 'int4', 'x', 'text', '2024-02-29 13:45:10.5+00', 'timestamptz')`],
    [`to_json('say "hi"'::text)`, `pgf_to_json('say "hi"', 'text')`], [`to_json(array['a', null])`, `pgf_to_json('{a,NULL}', '_text')`],
    [`to_json('2024-02-29'::date)`, `pgf_to_json('2024-02-29', 'date')`],
    [`jsonb_typeof('{"a": 1}')`, `pgf_jsonb_typeof('{"a": 1}')`], [`jsonb_typeof('1.5')`, `pgf_jsonb_typeof('1.5')`],
    [`json_array_length('[1, [2], 3]')`, `pgf_json_array_length('[1, [2], 3]')`],
    [`jsonb_set('${J}', '{a,b,0}', '"new"')`, `pgf_jsonb_set('${J}', '{a,b,0}', '"new"')`], [`jsonb_set('{"a": 1}', '{b}', '2')`, `pgf_jsonb_set('{"a": 1}', '{b}', '2')`],
    [`'{"a": 1, "b": 2}'::jsonb || '{"b": 3, "c": 4}'`, `pgf_jsonb_concat('{"a": 1, "b": 2}', '{"b": 3, "c": 4}')`],
    [`'[1, 2]'::jsonb || '3'`, `pgf_jsonb_concat('[1, 2]', '3')`],
    [`json_build_object(1, true, 'k', 2.5::float8)`, `pgf_json_build_object(1, 'int4', 1, 'bool', 'k', 'text', 2.5, 'float8')`],
    [`'{"a": 1, "b": 2}'::jsonb - 'a'`, `pgf_jsonb_delete('{"a": 1, "b": 2}', 'a')`], [`'["a", "b", "a"]'::jsonb - 'a'`, `pgf_jsonb_delete('["a", "b", "a"]', 'a')`],
    [`'[1, 2, 3]'::jsonb - 1`, `pgf_jsonb_delete('[1, 2, 3]', 1)`], [`'[1, 2, 3]'::jsonb - -1`, `pgf_jsonb_delete('[1, 2, 3]', -1)`], [`jsonb_strip_nulls('{"a": null, "b": {"c": null, "d": 1}}')`, `pgf_jsonb_strip_nulls('{"a": null, "b": {"c": null, "d": 1}}')`],
    [`(select json_agg(x) from (${rows(['1', '2', 'null'])}) t)`, `(select pgf_json_agg(x, 'int4') from (${rows(['1', '2', 'null'])}))`],
    [`(select jsonb_agg(x) from (${rows(["'b'", "'a'"])}) t)`, `(select pgf_jsonb_agg(x, 'text') from (${rows(["'b'", "'a'"])}))`],
    [`(select json_object_agg(k, v) from (select 'a' as k, 1 as v union all select 'b', 2) t)`, `(select pgf_json_object_agg(k, v, 'int4') from (select 'a' as k, 1 as v union all select 'b', 2))`],
  ];
  for (const [pg, lite] of calls) it(pg, () => h.check({ pg, lite }));
  it('bad json', () => h.checkError({ pg: `'{"a":}'::jsonb`, lite: `pgf_jsonb('{"a":}')` }));
});

describe('aggregates as window functions (inverse over moving frames)', () => {
  const frame = 'order by i rows between 1 preceding and current row';
  const data = (values: string[]): string => values.map((v, i) => `select ${i} as i, ${v} as x`).join(' union all ');
  const cases: [string, string, string, string][] = [
    ['sum', 'pgf_num_sum', 'numeric', "'1.5','2.25','-1','10'"],
    ['avg', 'pgf_num_avg', 'numeric', "'1.5','2.25','-1','10'"],
    ['min', 'pgf_num_min', 'numeric', "'1.5','2.25','-1','10'"],
    ['max', 'pgf_num_max', 'numeric', "'1.5','2.25','-1','10'"],
    ['sum', 'pgf_float_sum', 'float8', '0.1,0.2,0.3,1e20'],
    ['avg', 'pgf_float_avg', 'float8', '0.1,0.2,0.3,1e20'],
    ['sum', 'pgf_interval_sum', 'interval', "'1 day','01:00:00','1 mon','-2 days'"],
    ['avg', 'pgf_interval_avg', 'interval', "'1 day','01:00:00','1 mon','-2 days'"],
    ['max', 'pgf_interval_max', 'interval', "'1 day','01:00:00','1 mon','-2 days'"],
    ['string_agg', 'pgf_string_agg', 'text', "'a','b','c','d'"],
  ];
  for (const [pgFn, liteFn, type, list] of cases) {
    const values = list.split(',');
    const sep = pgFn === 'string_agg' ? `, '-'` : '';
    const pgValues = values.map((v) => `${v}::${type}`);
    const liteValues = type === 'interval' ? values.map((v) => `pgf_interval(${v})`) : values;
    const pgSql = `(select string_agg(v::text, ' | ' order by i) from (select i, ${pgFn}(x${sep}) over (${frame}) as v from (${data(pgValues)}) t) w)`;
    const liteText = type === 'float8' ? `pgf_text(${liteFn}(x${sep}) over (${frame}), 'float8')` : `${liteFn}(x${sep}) over (${frame})`;
    const liteSql = `(select group_concat(v, ' | ') from (select i, ${liteText} as v from (${data(liteValues)}) order by i))`;
    it(`${pgFn}(${type}) over a moving frame`, () => h.check({ pg: pgSql, lite: liteSql }));
  }
  it('array_agg and json_agg over a moving frame', async () => {
    await h.check({
      pg: `(select string_agg(v::text, ' | ' order by i) from (select i, array_agg(x) over (${frame}) as v from (${data(["'a'", 'null', "'c d'"])}) t) w)`,
      lite: `(select group_concat(v, ' | ') from (select i, pgf_array_agg(x, 'text') over (${frame}) as v from (${data(["'a'", 'null', "'c d'"])}) order by i))`,
    });
    await h.check({
      pg: `(select string_agg(v::text, ' | ' order by i) from (select i, json_agg(x) over (${frame}) as v from (${data(['1', '2', '3'])}) t) w)`,
      lite: `(select group_concat(v, ' | ') from (select i, pgf_json_agg(x, 'int4') over (${frame}) as v from (${data(['1', '2', '3'])}) order by i))`,
    });
  });
  const plain: [string, string][] = [
    [`(select sum(x) from (values (0.1::float8), (0.2), (0.3)) t(x))`, `(select pgf_float_sum(x) from (select 0.1 x union all select 0.2 union all select 0.3))`],
    [`(select avg(x) from (values (1::float8), (2), (4)) t(x))`, `(select pgf_float_avg(x) from (select 1.0 x union all select 2.0 union all select 4.0))`],
    [`(select avg(x) from (values ('1 mon'::interval), ('1 day'), ('00:00:01')) t(x))`, `(select pgf_interval_avg(x) from (select '1 mon' x union all select '1 day' union all select '00:00:01'))`],
    [`(select min(x) from (values ('1 mon'::interval), ('31 days')) t(x))`, `(select pgf_interval_min(x) from (select '1 mon' x union all select '31 days'))`],
  ];
  for (const [pg, lite] of plain) it(pg, () => h.check({ pg, lite, type: pg.includes('float8') ? 'float8' : 'text' }));
});

describe('table functions', () => {
  const agg = (pgFrom: string, liteFrom: string): [string, string] => [
    `(select string_agg(value::text, ',') from ${pgFrom} as value)`, `(select group_concat(value, ',') from ${liteFrom})`,
  ];
  const cases: [string, string][] = [
    agg('generate_series(1, 10, 3)', 'pgf_generate_series(1, 10, 3)'), agg('generate_series(5, 1, -2)', 'pgf_generate_series(5, 1, -2)'),
    agg('generate_series(1, 3)', 'pgf_generate_series(1, 3)'),
    agg(`generate_series(1.0, 2, 0.25)`, `pgf_generate_series_num('1.0', '2', '0.25')`),
    agg(`generate_series(1, 2, 0.5)`, `pgf_generate_series_num('1', '2', '0.5')`),
    agg(`generate_series('2024-01-31'::timestamp, '2024-05-01', '1 month')`, `pgf_generate_series_ts('2024-01-31 00:00:00', '2024-05-01 00:00:00', '1 mon', 'timestamp')`),
    agg(`generate_series('2024-01-01 00:00+00'::timestamptz, '2024-01-01 02:00+00', '30 minutes')`, `pgf_generate_series_ts('2024-01-01 00:00:00+00', '2024-01-01 02:00:00+00', '00:30:00', 'timestamptz')`),
    agg(`unnest(array['a b', null, 'c'])`, `pgf_unnest('{"a b",NULL,c}', 'text')`),
    [`(select string_agg(key || '=' || value, ';') from jsonb_each('{"b": [1], "a": "x"}'))`, `(select group_concat(key || '=' || value, ';') from pgf_jsonb_each('{"b": [1], "a": "x"}'))`],
    [`(select string_agg(key || '=' || value, ';') from jsonb_each_text('{"b": [1], "a": "x"}'))`, `(select group_concat(key || '=' || value, ';') from pgf_jsonb_each_text('{"b": [1], "a": "x"}'))`],
    [`(select string_agg(value::text, ';') from jsonb_array_elements('[1, "x", {"a": 1}]'))`, `(select group_concat(value, ';') from pgf_jsonb_array_elements('[1, "x", {"a": 1}]'))`],
    [`(select string_agg(value, ';') from jsonb_array_elements_text('[1, "x", {"a": 1}]'))`, `(select group_concat(value, ';') from pgf_jsonb_array_elements_text('[1, "x", {"a": 1}]'))`],
    [`(select string_agg(v, '|') from regexp_split_to_table('a1b22c', '[0-9]+') v)`, `(select group_concat(value, '|') from pgf_regexp_split_to_table('a1b22c', '[0-9]+'))`],
    [`(select sum(value * ordinality) from unnest(array[10, 20, 30]) with ordinality as t(value, ordinality))`, `(select sum(value * ordinality) from pgf_unnest('{10,20,30}', 'int4'))`],
  ];
  for (const [pg, lite] of cases) it(pg, () => h.check({ pg, lite }));
  it('step zero', () => h.checkError({ pg: `(select count(*) from generate_series(1, 2, 0))`, lite: `(select count(*) from pgf_generate_series(1, 2, 0))` }));
});

describe('sequences and session functions', () => {
  it('nextval, currval, setval behave like a Postgres sequence', async () => {
    const db = new Database(':memory:');
    const { sequences } = registerPgFunctions(db, testSession());
    db.exec(`create table _pgfabric_sequences (name text primary key, value integer, increment integer, called integer);
             insert into _pgfabric_sequences values ('s', 1, 1, 0), ('by5', 10, 5, 0);`);
    // The connector's part: load before each statement, flush after it.
    const one = (sql: string): unknown => {
      sequences.load();
      try {
        return db.prepare(`select ${sql}`).pluck().get();
      } finally {
        sequences.flush();
      }
    };
    expect(() => one(`pgf_currval('s')`)).toThrow(expect.objectContaining({ code: '55000', message: 'currval of sequence "s" is not yet defined in this session' }));
    expect([one(`pgf_nextval('s')`), one(`pgf_nextval('s')`), one(`pgf_currval('s')`)]).toEqual([1, 2, 2]);
    expect([one(`pgf_nextval('by5')`), one(`pgf_nextval('by5')`)]).toEqual([10, 15]);
    expect(one(`pgf_setval('s', 100)`)).toBe(100);
    expect(one(`pgf_nextval('s')`)).toBe(101);
    expect(one(`pgf_setval('s', 7, 0)`)).toBe(7);
    expect(one(`pgf_nextval('s')`)).toBe(7);
    expect(() => one(`pgf_nextval('nope')`)).toThrow(expect.objectContaining({ code: '42P01', message: 'relation "nope" does not exist' }));
    expect(db.prepare(`select value, called from _pgfabric_sequences where name = 's'`).get()).toEqual({ value: 7, called: 1 });
    expect(one(`(select max(pgf_nextval('by5')) from (select 1 union all select 2))`)).toBe(25);
    // A new connection (or a reload after DDL) continues from the flushed values.
    sequences.invalidate();
    expect(one(`pgf_nextval('by5')`)).toBe(30);
    db.close();
  });
  it('pg_sleep waits through the session and fails with 57014 when cancelled', () => {
    const slept: number[] = [];
    const db = new Database(':memory:');
    let cancelled = false;
    registerPgFunctions(db, testSession({ sleep: (ms) => { slept.push(ms); return !cancelled; }, cancelled: () => cancelled }));
    db.prepare('select pgf_sleep(0.25)').get();
    expect(slept).toEqual([250]);
    cancelled = true;
    expect(() => db.prepare('select pgf_sleep(1)').get()).toThrow(expect.objectContaining({ code: '57014', message: 'canceling statement due to user request' }));
    expect(() => db.prepare('select pgf_check_cancel()').get()).toThrow(expect.objectContaining({ code: '57014' }));
    expect(db.prepare(`select pgf_setting('TimeZone')`).pluck().get()).toBe('UTC');
    expect(() => db.prepare(`select pgf_setting('nope')`).get()).toThrow(expect.objectContaining({ code: '42704' }));
    expect(db.prepare(`select pgf_setting('nope', 1)`).pluck().get()).toBeNull();
    db.close();
  });
  it('the SQLSTATE survives better-sqlite3 (the thrown Error itself reaches the caller)', () => {
    try {
      h.db.prepare(`select pgf_num_div('1', '0')`).get();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as { code?: string }).code).toBe('22012');
      expect((error as Error).message).toBe('division by zero');
    }
    // Also inside aggregates, table-valued functions and while iterating.
    expect(() => h.db.prepare(`select pgf_num_sum(x) from (select 'x' as x)`).get()).toThrow(expect.objectContaining({ code: '22P02' }));
    expect(() => h.db.prepare(`select * from pgf_generate_series(1, 2, 0)`).all()).toThrow(expect.objectContaining({ code: '22023' }));
  });
});
