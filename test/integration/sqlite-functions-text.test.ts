// LIKE/ILIKE, regular expressions and string functions against real Postgres.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openHarness, type Harness } from './sqlite-functions-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('sqlite_functions_text');
});
afterAll(async () => {
  await h.close();
});

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

describe('LIKE and ILIKE', () => {
  const cases: [string, string, string | null, boolean][] = [
    ['abc', 'a%', null, false], ['abc', '_b_', null, false], ['abc', 'A%', null, false], ['abc', 'A%', null, true],
    ['a%c', 'a\\%c', null, false], ['abc', 'a\\%c', null, false], ['a_c', 'a#_c', '#', false], ['abc', 'a#_c', '#', false],
    ['', '%', null, false], ['', '_', null, false], ['line1\nline2', 'line1%', null, false],
    ['100%', '100!%', '!', false], ['a.c', 'a.c', null, false], ['SKU-1000', 'SKU-10_0', null, false], ['a-b', '%-%', null, false],
    ['x/y=z,{q}^$|', '%/%=%,{q}^$|', null, false], ['tab\there', 'tab_here', null, false], ['abc', 'a.c', null, false], ['(x)', '(%)', null, false],
  ];
  for (const [s, p, esc, ci] of cases) {
    const pg = `(${q(s)} ${ci ? 'ILIKE' : 'LIKE'} ${q(p)}${esc ? ` ESCAPE ${q(esc)}` : ''})::int`;
    it(pg, () => h.check({ pg, lite: `pgf_like(${q(s)}, ${q(p)}, ${q(esc ?? '\\')}, ${ci ? 1 : 0})` }));
  }
});

describe('regular expressions', () => {
  const cases: [string, string, string][] = [
    ['abc', '^a', ''], ['abc', 'B', ''], ['abc', 'B', 'i'], ['foo123', '[[:digit:]]+$', ''], ['a\nb', 'a.b', ''], ['hello world', '\\mworld', ''],
    ['x', '^(a|b)$', ''],
  ];
  for (const [s, p, flags] of cases) {
    const pg = `(${q(s)} ${flags === 'i' ? '~*' : '~'} ${q(p)})::int`;
    it(pg, () => h.check({ pg, lite: `pgf_regex(${q(s)}, ${q(p)}, ${q(flags)})` }));
  }
  const calls: [string, string][] = [
    [`regexp_replace('Hello World', 'o', '0')`, `pgf_regexp_replace('Hello World', 'o', '0')`],
    [`regexp_replace('Hello World', 'o', '0', 'g')`, `pgf_regexp_replace('Hello World', 'o', '0', 'g')`],
    [`regexp_replace('John Smith', '(\\w+) (\\w+)', '\\2, \\1')`, `pgf_regexp_replace('John Smith', '(\\w+) (\\w+)', '\\2, \\1')`],
    [`regexp_replace('a$b', '\\$', '\\&\\&', 'g')`, `pgf_regexp_replace('a$b', '\\$', '\\&\\&', 'g')`],
    [`regexp_match('foobarbequebaz', '(bar)(beque)')`, `pgf_regexp_match('foobarbequebaz', '(bar)(beque)')`],
    [`regexp_match('foobar', 'o+')`, `pgf_regexp_match('foobar', 'o+')`],
    [`regexp_match('foobar', 'z')`, `pgf_regexp_match('foobar', 'z')`],
    [`regexp_match('a b', '(a) (x)?')`, `pgf_regexp_match('a b', '(a) (x)?')`],
    [`substring('foobar' from 'o.b')`, `pgf_regexp_substr('foobar', 'o.b')`], [`substring('foobar' from 'o(.)b')`, `pgf_regexp_substr('foobar', 'o(.)b')`],
    [`substring('foobar' from 'z')`, `pgf_regexp_substr('foobar', 'z')`],
  ];
  for (const [pg, lite] of calls) it(pg, () => h.check({ pg, lite }));
});

describe('string functions', () => {
  const calls: [string, string, string?][] = [
    [`split_part('a,b,,c', ',', 3)`, `pgf_split_part('a,b,,c', ',', 3)`],
    [`split_part('a,b,c', ',', -1)`, `pgf_split_part('a,b,c', ',', -1)`],
    [`split_part('a,b,c', ',', 7)`, `pgf_split_part('a,b,c', ',', 7)`],
    [`initcap('hello wORLD-foo bar_baz 1st')`, `pgf_initcap('hello wORLD-foo bar_baz 1st')`],
    [`lpad('hi', 5)`, `pgf_lpad('hi', 5)`], [`lpad('hi', 5, 'xy')`, `pgf_lpad('hi', 5, 'xy')`], [`lpad('hello', 3)`, `pgf_lpad('hello', 3)`],
    [`rpad('hi', 5, '*')`, `pgf_rpad('hi', 5, '*')`], [`rpad('hi', 5, '')`, `pgf_rpad('hi', 5, '')`],
    [`left('héllo', 2)`, `pgf_left('héllo', 2)`], [`left('hello', -2)`, `pgf_left('hello', -2)`],
    [`right('hello', 2)`, `pgf_right('hello', 2)`], [`right('hello', -2)`, `pgf_right('hello', -2)`],
    [`repeat('ab', 3)`, `pgf_repeat('ab', 3)`], [`repeat('ab', -1)`, `pgf_repeat('ab', -1)`],
    [`reverse('héllo')`, `pgf_reverse('héllo')`], [`strpos('héllo', 'llo')`, `pgf_strpos('héllo', 'llo')`], [`strpos('abc', 'x')`, `pgf_strpos('abc', 'x')`],
    [`translate('12345', '143', 'ax')`, `pgf_translate('12345', '143', 'ax')`], [`md5('abc')`, `pgf_md5('abc')`],
    [`concat('a', null, 1, 'b')`, `pgf_concat('a', null, 1, 'b')`], [`concat_ws(', ', 'a', null, 'b')`, `pgf_concat_ws(', ', 'a', null, 'b')`],
    [`format('Hello %s, %I and %L', 'world', 'My Table', E'it''s')`, `pgf_format('Hello %s, %I and %L', 'world', 'My Table', 'it''s')`],
    [`format('%2$s %1$s %%', 'a', 'b')`, `pgf_format('%2$s %1$s %%', 'a', 'b')`], [`format('%L', null)`, `pgf_format('%L', null)`],
    [`chr(233)`, `pgf_chr(233)`], [`ascii('é')`, `pgf_ascii('é')`], [`starts_with('alphabet', 'alph')::int`, `pgf_starts_with('alphabet', 'alph')`],
    [`string_to_array('a,b,,NULL,c d', ',', 'NULL')`, `pgf_string_to_array('a,b,,NULL,c d', ',', 'NULL')`],
    [`string_to_array('abc', null)`, `pgf_string_to_array('abc', null)`], [`string_to_array('', ',')`, `pgf_string_to_array('', ',')`],
    [`quote_ident('foo')`, `pgf_quote_ident('foo')`], [`quote_ident('Foo bar')`, `pgf_quote_ident('Foo bar')`], [`quote_ident('select')`, `pgf_quote_ident('select')`],
    [`quote_literal(E'O''Reilly')`, `pgf_quote_literal('O''Reilly')`], [`quote_literal(E'back\\\\slash')`, `pgf_quote_literal('back\\slash')`],
    [`to_hex(255)`, `pgf_to_hex(255)`], [`to_hex(-1)`, `pgf_to_hex(-1)`], [`to_hex(-1::bigint)`, `pgf_to_hex(-1, 64)`],
    [`length(gen_random_uuid()::text)`, `length(pgf_gen_random_uuid())`],
  ];
  for (const [pg, lite] of calls) it(pg, () => h.check({ pg, lite }));
  it('split_part zero', () => h.checkError({ pg: `split_part('a', ',', 0)`, lite: `pgf_split_part('a', ',', 0)` }));
});

describe('scalar coercions', () => {
  const calls: [string, string, string][] = [
    [`'yes'::boolean`, `pgf_bool('yes')`, 'bool'], [`' f '::boolean`, `pgf_bool(' f ')`, 'bool'], [`'of'::boolean`, `pgf_bool('of')`, 'bool'],
    [`true::text`, `pgf_text(1, 'bool')`, 'text'], [`' 42 '::int`, `pgf_int(' 42 ', 32)`, 'int4'], [`'2.5'::numeric::int`, `pgf_int('2.5', 32, 1)`, 'int4'],
    [`2.5::float8::int`, `pgf_int(2.5, 32)`, 'int4'], [`3.5::float8::int`, `pgf_int(3.5, 32)`, 'int4'], [`'1e3'::float8`, `pgf_float('1e3')`, 'float8'],
    [`'NaN'::float8`, `pgf_float('NaN')`, 'float8'], [`0.1::float8 + 0.2::float8`, `0.1 + 0.2`, 'float8'], [`1e15::float8`, `1e15`, 'float8'],
    [`1e-5::float8`, `1e-5`, 'float8'], [`123456789012345678::float8`, `123456789012345678.0`, 'float8'], [`1.5::real`, `1.5`, 'float4'],
    [`0.1::real`, `pgf_float('0.1')`, 'float4'], [`'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid`, `pgf_uuid('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')`, 'uuid'],
    [`'{a0eebc999c0b4ef8bb6d6bb9bd380a11}'::uuid`, `pgf_uuid('{a0eebc999c0b4ef8bb6d6bb9bd380a11}')`, 'uuid'],
    [`'\\x4142ff'::bytea`, `pgf_bytea('\\x4142ff')`, 'bytea'], [`E'a\\\\\\\\b\\\\001'::bytea`, `pgf_bytea('a\\\\b\\001')`, 'bytea'],
    [`0.1::float8::numeric`, `pgf_numeric(0.1)`, 'numeric'], [`123456789.123456789::float8::numeric`, `pgf_numeric(123456789.123456789)`, 'numeric'],
    [`1e20::float8::numeric`, `pgf_numeric(1e20)`, 'numeric'], [`1e-7::float8::numeric`, `pgf_numeric(1e-7)`, 'numeric'],
    [`'ab'::char(4)`, `pgf_char('ab', 4)`, 'bpchar'], [`'ab  '::char(2)`, `pgf_char('ab  ', 2)`, 'bpchar'], [`'abcdef'::varchar(3)`, `pgf_varchar('abcdef', 3, 1)`, 'varchar'],
  ];
  for (const [pg, lite, type] of calls) it(pg, () => h.check({ pg, lite, type }));
  it('errors', async () => {
    await h.checkError({ pg: `'x'::int`, lite: `pgf_int('x', 32)` });
    await h.checkError({ pg: `'1.5'::int`, lite: `pgf_int('1.5', 32)` });
    await h.checkError({ pg: `'99999999999'::int`, lite: `pgf_int('99999999999', 32)` });
    await h.checkError({ pg: `70000::smallint`, lite: `pgf_int(70000, 16)` });
    await h.checkError({ pg: `'maybe'::boolean`, lite: `pgf_bool('maybe')` });
    await h.checkError({ pg: `'abc'::float8`, lite: `pgf_float('abc')` });
    await h.checkError({ pg: `'1e400'::float8`, lite: `pgf_float('1e400')` });
    await h.checkError({ pg: `'xyz'::uuid`, lite: `pgf_uuid('xyz')` });
  });
  it('varchar and char too long on assignment', async () => {
    await h.checkError({ pg: 'create temp table vt (v varchar(5), c char(3))', lite: "pgf_varchar('abc', 5)", statement: true });
    await h.checkError({ pg: "insert into vt(v) values ('abcdefg')", lite: "pgf_varchar('abcdefg', 5)", statement: true });
    await h.checkError({ pg: "insert into vt(c) values ('abcd')", lite: "pgf_char('abcd', 3)", statement: true });
  });
});
