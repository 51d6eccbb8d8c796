// pgf_num_* and numeric aggregates against real Postgres: result scales (add/sub/mul/div select_div_scale,
// round/trunc), errors, integer division, and sum/avg/min/max.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openHarness, type Case, type Harness } from './sqlite-functions-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('sqlite_functions_numeric');
});
afterAll(async () => {
  await h.close();
});

const binary: [string, string, string, string][] = [
  ['+', 'pgf_num_add', '1.10', '2.205'],
  ['+', 'pgf_num_add', '-5', '5.00'],
  ['-', 'pgf_num_sub', '1.10', '2.205'],
  ['-', 'pgf_num_sub', '0.1', '0.1'],
  ['*', 'pgf_num_mul', '1.10', '2.205'],
  ['*', 'pgf_num_mul', '-0.5', '0.5'],
  ['/', 'pgf_num_div', '10', '3'],
  ['/', 'pgf_num_div', '1', '3'],
  ['/', 'pgf_num_div', '2', '3'],
  ['/', 'pgf_num_div', '1', '8'],
  ['/', 'pgf_num_div', '10', '4'],
  ['/', 'pgf_num_div', '100000', '3'],
  ['/', 'pgf_num_div', '123456789.123', '7'],
  ['/', 'pgf_num_div', '1', '30000'],
  ['/', 'pgf_num_div', '0.0001', '3'],
  ['/', 'pgf_num_div', '-7.5', '2.5'],
  ['/', 'pgf_num_div', '5.123456789012345678901', '3'],
  ['/', 'pgf_num_div', '99999', '0.001'],
  ['/', 'pgf_num_div', '0', '7'],
  ['/', 'pgf_num_div', '12345678', '10000'],
  ['%', 'pgf_num_mod', '10', '3'],
  ['%', 'pgf_num_mod', '-10.5', '3'],
  ['%', 'pgf_num_mod', '10', '-3.25'],
  ['^', 'pgf_num_pow', '2', '10'],
  ['^', 'pgf_num_pow', '2.5', '3'],
  ['^', 'pgf_num_pow', '2', '-2'],
  ['^', 'pgf_num_pow', '10', '20'],
  ['^', 'pgf_num_pow', '0.5', '4'],
  ['^', 'pgf_num_pow', '7', '0'],
  ['^', 'pgf_num_pow', '2', '0.5'],
  ['^', 'pgf_num_pow', '1.5', '2.5'],
  ['^', 'pgf_num_pow', '10', '-3.5'],
  ['^', 'pgf_num_pow', '123.456', '7.89'],
  ['^', 'pgf_num_pow', '0.001', '0.25'],
  ['^', 'pgf_num_pow', '2.00000', '1.5'],
];

const unary: [string, string, string][] = [
  ['round', 'pgf_num_round', '2.5'],
  ['round', 'pgf_num_round', '-2.5'],
  ['round', 'pgf_num_round', '0.49999'],
  ['trunc', 'pgf_num_trunc', '-2.7'],
  ['ceil', 'pgf_num_ceil', '-2.7'],
  ['ceil', 'pgf_num_ceil', '2.1'],
  ['floor', 'pgf_num_floor', '-2.1'],
  ['floor', 'pgf_num_floor', '2.9'],
  ['abs', 'pgf_num_abs', '-3.50'],
  ['sqrt', 'pgf_num_sqrt', '2'],
  ['sqrt', 'pgf_num_sqrt', '16'],
  ['sqrt', 'pgf_num_sqrt', '0.0002'],
  ['sqrt', 'pgf_num_sqrt', '123456789.5'],
  ['-', 'pgf_num_neg', '1.50'],
];

const withScale: [string, string, string, number][] = [
  ['round', 'pgf_num_round', '1.2345', 2],
  ['round', 'pgf_num_round', '1.2355', 3],
  ['round', 'pgf_num_round', '1.2', 4],
  ['round', 'pgf_num_round', '1250', -2],
  ['round', 'pgf_num_round', '-1250', -2],
  ['trunc', 'pgf_num_trunc', '1.2399', 2],
  ['trunc', 'pgf_num_trunc', '-1.2399', 2],
  ['trunc', 'pgf_num_trunc', '1299', -2],
];

const inputs = ['1.50', ' -0.0 ', '+7', '.5', '5.', '1.5e3', '1E-3', '-1.25e-2', 'NaN', '0012.3400', 'Infinity', '-infinity'];

describe('numeric arithmetic', () => {
  for (const [op, fn, a, b] of binary) {
    it(`${a} ${op} ${b}`, () => h.check({ pg: `'${a}'::numeric ${op} '${b}'::numeric`, lite: `${fn}('${a}', '${b}')` }));
  }
  for (const [name, fn, a] of unary) {
    it(`${name}(${a})`, () => h.check({ pg: name === '-' ? `-('${a}'::numeric)` : `${name}('${a}'::numeric)`, lite: `${fn}('${a}')` }));
  }
  for (const [name, fn, a, s] of withScale) {
    it(`${name}(${a}, ${s})`, () => h.check({ pg: `${name}('${a}'::numeric, ${s})`, lite: `${fn}('${a}', ${s})` }));
  }
  for (const text of inputs) {
    it(`input ${JSON.stringify(text)}`, () => h.check({ pg: `'${text}'::numeric`, lite: `pgf_numeric('${text}')` }));
  }
  const typmods: [string, number, number][] = [['123.456', 5, 2], ['0.005', 3, 2], ['-9.995', 4, 2], ['12345', 5, 0], ['1234', 3, -1]];
  for (const [text, p, s] of typmods) {
    it(`numeric(${p},${s}) of ${text}`, () => h.check({ pg: `'${text}'::numeric(${p},${s})`, lite: `pgf_numeric('${text}', ${p}, ${s})` }));
  }
  it('numeric(5,2) overflow', () => h.checkError({ pg: `'1234.5'::numeric(5,2)`, lite: `pgf_numeric('1234.5', 5, 2)` }));
  it('division by zero', () => h.checkError({ pg: `1::numeric / 0`, lite: `pgf_num_div('1', '0')` }));
  it('mod by zero', () => h.checkError({ pg: `1::numeric % 0`, lite: `pgf_num_mod('1', 0)` }));
  it('bad numeric input', () => h.checkError({ pg: `'1.2.3'::numeric`, lite: `pgf_numeric('1.2.3')` }));
  it('sqrt of negative', () => h.checkError({ pg: `sqrt(-1::numeric)`, lite: `pgf_num_sqrt('-1')` }));
  it('compare', async () => {
    await h.check({ pg: `('10.50'::numeric > '9.999'::numeric)::int`, lite: `(pgf_num_cmp('10.50', '9.999') > 0)` });
    await h.check({ pg: `('1.0'::numeric = '1.000'::numeric)::int`, lite: `(pgf_num_cmp('1.0', '1.000') = 0)` });
  });
  it('integer division and modulo', async () => {
    await h.check({ pg: '7 / 2', lite: 'pgf_int_div(7, 2)' });
    await h.check({ pg: '-7 / 2', lite: 'pgf_int_div(-7, 2)' });
    await h.check({ pg: '-7 % 3', lite: 'pgf_int_mod(-7, 3)' });
    await h.check({ pg: '9223372036854775807 / 2', lite: 'pgf_int_div(9223372036854775807, 2)' });
    await h.checkError({ pg: '1 / 0', lite: 'pgf_int_div(1, 0)' });
    await h.checkError({ pg: '1 % 0', lite: 'pgf_int_mod(1, 0)' });
    await h.check({ pg: '1.0::float8 / 3', lite: 'pgf_float_div(1.0, 3)', type: 'float8' });
    await h.checkError({ pg: '1.0::float8 / 0', lite: 'pgf_float_div(1.0, 0)' });
    for (const x of ['2.5', '3.5', '-2.5', '-0.4', '1.4999']) {
      await h.check({ pg: `round(${x}::float8)`, lite: `pgf_float_round(${x})`, type: 'float8' });
    }
  });
});

const VALUES = `(values (1), (2), (null::int)) t(x)`;
const NUM_VALUES = `(values ('1.10'), ('2.205'), ('-0.5'), (null)) t(x)`;

describe('numeric aggregates', () => {
  const cases: Case[] = [
    { pg: `(select avg(x) from ${VALUES})`, lite: `(select pgf_num_avg(x) from (select 1 x union all select 2 union all select null))` },
    { pg: `(select sum(x::numeric) from ${NUM_VALUES})`, lite: `(select pgf_num_sum(x) from (select '1.10' x union all select '2.205' union all select '-0.5' union all select null))` },
    { pg: `(select avg(x::numeric) from ${NUM_VALUES})`, lite: `(select pgf_num_avg(x) from (select '1.10' x union all select '2.205' union all select '-0.5' union all select null))` },
    { pg: `(select min(x::numeric) from ${NUM_VALUES})`, lite: `(select pgf_num_min(x) from (select '1.10' x union all select '2.205' union all select '-0.5'))` },
    { pg: `(select max(x::numeric) from ${NUM_VALUES})`, lite: `(select pgf_num_max(x) from (select '1.10' x union all select '2.205' union all select '-0.5'))` },
    { pg: `(select sum(x::numeric) from ${NUM_VALUES} where false)`, lite: `(select pgf_num_sum(x) from (select '1' x) where 0)` },
    { pg: `(select sum(x) from (values (9223372036854775807::int8), (10)) t(x))`, lite: `(select pgf_int_sum8(x) from (select 9223372036854775807 x union all select 10))` },
    { pg: `(select avg(x) from (values (1), (2), (2)) t(x))`, lite: `(select pgf_num_avg(x) from (select 1 x union all select 2 union all select 2))` },
    { pg: `(select avg(x) from (values (10000000), (1)) t(x))`, lite: `(select pgf_num_avg(x) from (select 10000000 x union all select 1))` },
    { pg: `(select stddev_samp(x::float8) from (values (1), (2), (4)) t(x))`, lite: `(select pgf_stddev_samp(x) from (select 1.0 x union all select 2.0 union all select 4.0))`, type: 'float8' },
    { pg: `(select var_pop(x::float8) from (values (1), (2), (4)) t(x))`, lite: `(select pgf_var_pop(x) from (select 1.0 x union all select 2.0 union all select 4.0))`, type: 'float8' },
    { pg: `(select stddev_pop(x::float8) from (values (1.5), (2.25), (4.125)) t(x))`, lite: `(select pgf_stddev_pop(x) from (select 1.5 x union all select 2.25 union all select 4.125))`, type: 'float8' },
    { pg: `(select var_samp(x::float8) from (values (1)) t(x))`, lite: `(select pgf_var_samp(x) from (select 1.0 x))`, type: 'float8' },
    { pg: `(select bool_and(x) from (values (true), (false)) t(x))`, lite: `(select pgf_bool_and(x) from (select 1 x union all select 0))`, type: 'bool' },
    { pg: `(select bool_or(x) from (values (true), (false), (null)) t(x))`, lite: `(select pgf_bool_or(x) from (select 1 x union all select 0 union all select null))`, type: 'bool' },
  ];
  for (const c of cases) it(c.pg, () => h.check(c));
});
