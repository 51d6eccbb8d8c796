// Date/time pgf_* functions against real Postgres (TimeZone UTC): input forms, date_trunc, extract
// (numeric scales of Postgres 14+), interval arithmetic and output, timestamp differences, age.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openHarness, type Harness } from './sqlite-functions-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('sqlite_functions_datetime');
});
afterAll(async () => {
  await h.close();
});

const TS = '2024-02-29 13:45:10.5';
const TSTZ = '2024-02-29 13:45:10.5+02';

describe('date/time input', () => {
  const timestamptz = [TSTZ, '2024-02-29T13:45:10Z', '2024-02-29 13:45', '2024-02-29', '2024-02-29 13:45:10.1234567+05:30',
    'Feb 29 2024 10:00', '29 February 2024', '2024-02-29 23:59:59.999999-08', '0044-03-15 12:00 BC', 'infinity', '-infinity', 'epoch',
    '2024-01-01 12:00:00 America/New_York', '2024-07-01 12:00:00 Europe/Paris', '2024-02-29 24:00:00'];
  for (const t of timestamptz) {
    it(`timestamptz ${t}`, () => h.check({ pg: `'${t}'::timestamptz`, lite: `pgf_timestamptz('${t}')` }));
  }
  for (const t of [TS, '2024-02-29 13:45:10+02', '1999-12-31T23:59:59.000001', '2024-02-29']) {
    it(`timestamp ${t}`, () => h.check({ pg: `'${t}'::timestamp`, lite: `pgf_timestamp('${t}')` }));
  }
  for (const t of ['2024-02-29', '2024-02-29 13:45', '02/29/2024', '20240229', 'Feb 29, 2024', '0001-01-01 BC']) {
    it(`date ${t}`, () => h.check({ pg: `'${t}'::date`, lite: `pgf_date('${t}')` }));
  }
  for (const t of ['13:45:10.5', '00:00', '24:00:00', '23:59:59.9999999']) {
    it(`time ${t}`, () => h.check({ pg: `'${t}'::time`, lite: `pgf_time('${t}')` }));
  }
  it('bad input errors', async () => {
    await h.checkError({ pg: `'x'::timestamptz`, lite: `pgf_timestamptz('x')` });
    await h.checkError({ pg: `'2024-02-30'::date`, lite: `pgf_date('2024-02-30')` });
    await h.checkError({ pg: `'2023-02-29 10:00'::timestamp`, lite: `pgf_timestamp('2023-02-29 10:00')` });
    await h.checkError({ pg: `'2024-01-01 25:00'::timestamp`, lite: `pgf_timestamp('2024-01-01 25:00')` });
  });
});

describe('interval input and output', () => {
  const intervals = ['1 day', '1 day 02:03:04', '2 hours 30 minutes', '-00:00:01.5', '1 mon 2 days', '1 year 2 months 3 days 04:05:06.789',
    '1.5 days', '1.5 months', '1.5 years', '-1 days +02:00:00', '@ 3 days ago', '10', '90 minutes', '100 hours', 'P1Y2M3DT4H5M6S', 'P2W',
    '1 week', '-1 year -2 mons', '0', '1 02:03:04', '3 decades', '1 millisecond', '2.5 seconds', '-1 day -00:00:01'];
  for (const i of intervals) {
    it(`interval ${i}`, () => h.check({ pg: `'${i}'::interval`, lite: `pgf_interval('${i}')` }));
  }
  it('bad interval', () => h.checkError({ pg: `'1 fortnight'::interval`, lite: `pgf_interval('1 fortnight')` }));
});

describe('date_trunc', () => {
  const units = ['microseconds', 'milliseconds', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century', 'millennium'];
  for (const unit of units) {
    it(`${unit} timestamptz`, () => h.check({ pg: `date_trunc('${unit}', '${TSTZ}'::timestamptz)`, lite: `pgf_date_trunc('${unit}', pgf_timestamptz('${TSTZ}'), 'timestamptz')` }));
    it(`${unit} timestamp`, () => h.check({ pg: `date_trunc('${unit}', '${TS}'::timestamp)`, lite: `pgf_date_trunc('${unit}', '${TS}', 'timestamp')` }));
  }
  it('date → timestamptz', () => h.check({ pg: `date_trunc('month', '2024-02-29'::date)`, lite: `pgf_date_trunc('month', '2024-02-29', 'date')` }));
  it('week on a Sunday', () => h.check({ pg: `date_trunc('week', '2024-03-10 10:00'::timestamp)`, lite: `pgf_date_trunc('week', '2024-03-10 10:00:00', 'timestamp')` }));
  for (const unit of ['hour', 'day', 'month', 'year', 'quarter']) {
    it(`${unit} interval`, () => h.check({ pg: `date_trunc('${unit}', '1 year 5 mons 3 days 04:05:06'::interval)`, lite: `pgf_date_trunc('${unit}', '1 year 5 mons 3 days 04:05:06', 'interval')` }));
  }
});

describe('extract and date_part', () => {
  const fields = ['epoch', 'dow', 'isodow', 'doy', 'week', 'quarter', 'year', 'month', 'day', 'hour', 'minute', 'second', 'milliseconds',
    'microseconds', 'decade', 'century', 'millennium', 'isoyear', 'julian'];
  for (const f of fields) {
    it(`${f} timestamptz`, () => h.check({ pg: `extract(${f} from '${TSTZ}'::timestamptz)`, lite: `pgf_extract('${f}', pgf_timestamptz('${TSTZ}'), 'timestamptz')` }));
    it(`${f} timestamp`, () => h.check({ pg: `extract(${f} from '${TS}'::timestamp)`, lite: `pgf_extract('${f}', '${TS}', 'timestamp')` }));
    it(`date_part ${f}`, () => h.check({ pg: `date_part('${f}', '${TS}'::timestamp)`, lite: `pgf_date_part('${f}', '${TS}', 'timestamp')`, type: 'float8' }));
  }
  for (const f of ['epoch', 'dow', 'doy', 'week', 'year', 'month', 'day', 'julian', 'century']) {
    it(`${f} date`, () => h.check({ pg: `extract(${f} from '2021-01-03'::date)`, lite: `pgf_extract('${f}', '2021-01-03', 'date')` }));
  }
  it('hour from date errors', () => h.checkError({ pg: `extract(hour from '2021-01-03'::date)`, lite: `pgf_extract('hour', '2021-01-03', 'date')` }));
  for (const f of ['epoch', 'year', 'month', 'day', 'hour', 'minute', 'second', 'milliseconds', 'quarter']) {
    const i = '1 year 5 mons 3 days 04:05:06.25';
    it(`${f} interval`, () => h.check({ pg: `extract(${f} from '${i}'::interval)`, lite: `pgf_extract('${f}', '${i}', 'interval')` }));
  }
  it('BC year', () => h.check({ pg: `extract(year from '0044-03-15 BC'::date)`, lite: `pgf_extract('year', '0044-03-15 BC', 'date')` }));
  it('time', () => h.check({ pg: `extract(second from '13:45:10.5'::time)`, lite: `pgf_extract('second', '13:45:10.5', 'time')` }));
});

describe('arithmetic', () => {
  const adds: [string, string, string][] = [
    ['2024-01-31', 'timestamp', '1 month'], ['2024-01-31 10:00', 'timestamp', '1 month 1 day'], ['2023-01-31', 'timestamp', '1 month'],
    ['2024-02-29', 'timestamp', '1 year'], ['2024-03-31', 'timestamp', '-1 month'], ['2024-02-29 13:45:10.5', 'timestamp', '-1 day -02:00:00'],
    ['2024-12-31 23:59:59', 'timestamp', '00:00:01'], ['2024-02-29 13:45:10.5+02', 'timestamptz', '36 hours'],
  ];
  for (const [v, kind, i] of adds) {
    it(`${v} + ${i}`, () => h.check({ pg: `'${v}'::${kind} + '${i}'::interval`, lite: `pgf_dt_add(pgf_${kind}('${v}'), '${kind}', pgf_interval('${i}'))` }));
    it(`${v} - ${i}`, () => h.check({ pg: `'${v}'::${kind} - '${i}'::interval`, lite: `pgf_dt_sub(pgf_${kind}('${v}'), '${kind}', pgf_interval('${i}'))` }));
  }
  it('date + interval → timestamp', () => h.check({ pg: `'2024-01-31'::date + '1 month'::interval`, lite: `pgf_dt_add('2024-01-31', 'date', '1 mon')` }));
  it('date + integer', () => h.check({ pg: `'2024-02-28'::date + 2`, lite: `pgf_date_add_days('2024-02-28', 2)` }));
  it('date - date', () => h.check({ pg: `'2024-03-01'::date - '2023-03-01'::date`, lite: `pgf_date_diff('2024-03-01', '2023-03-01')` }));
  it('time + interval', () => h.check({ pg: `'23:00'::time + '2 hours'::interval`, lite: `pgf_dt_add('23:00:00', 'time', '02:00:00')` }));
  const diffs: [string, string][] = [['2024-03-02 03:04:05', '2024-03-01 01:01:01'], ['2024-03-01', '2024-03-02 02:00'],
    ['2024-03-01 00:00:00.5', '2024-03-01 00:00:01'], ['2025-01-01', '2024-01-01'], ['2024-01-01', '2024-01-01']];
  for (const [a, b] of diffs) {
    it(`${a} - ${b}`, () => h.check({ pg: `'${a}'::timestamp - '${b}'::timestamp`, lite: `pgf_dt_diff(pgf_timestamp('${a}'), pgf_timestamp('${b}'), 'timestamp')` }));
    it(`age(${a}, ${b})`, () => h.check({ pg: `age('${a}'::timestamp, '${b}'::timestamp)`, lite: `pgf_age(pgf_timestamp('${a}'), pgf_timestamp('${b}'), 'timestamp')` }));
  }
  const ages: [string, string][] = [['2024-03-31', '2024-02-29'], ['2024-02-29', '2024-03-31'], ['2024-01-15', '1990-06-30 12:00'], ['2001-04-10', '1957-06-13']];
  for (const [a, b] of ages) {
    it(`age(${a}, ${b})`, () => h.check({ pg: `age('${a}'::timestamp, '${b}'::timestamp)`, lite: `pgf_age(pgf_timestamp('${a}'), pgf_timestamp('${b}'), 'timestamp')` }));
  }
  const ops: [string, string][] = [
    [`'1 day 02:00'::interval + '23:00'::interval`, `pgf_interval_add('1 day 02:00:00', '23:00:00')`],
    [`'1 mon'::interval - '1 day'::interval`, `pgf_interval_sub('1 mon', '1 day')`],
    [`'1 mon 1 day 01:00'::interval * 1.5`, `pgf_interval_mul('1 mon 1 day 01:00:00', 1.5)`],
    [`'1 hour'::interval * 2.5`, `pgf_interval_mul('01:00:00', 2.5)`],
    [`'1 year'::interval / 7`, `pgf_interval_mul('1 year', 1.0 / 7)`],
    [`-'1 day -01:00'::interval`, `pgf_interval_neg('1 day -01:00:00')`],
    [`justify_hours('27 hours'::interval)`, `pgf_justify_hours('27:00:00')`],
    [`justify_days('35 days'::interval)`, `pgf_justify_days('35 days')`],
    [`justify_interval('1 mon -1 hour'::interval)`, `pgf_justify_interval('1 mon -01:00:00')`],
    [`make_date(2024, 2, 29)`, `pgf_make_date(2024, 2, 29)`],
    [`make_interval(1, 2, 1, 3, 4, 5, 6.5)`, `pgf_make_interval(1, 2, 1, 3, 4, 5, 6.5)`],
    [`to_timestamp(1709214310.5)`, `pgf_to_timestamp_epoch(1709214310.5)`],
    [`date_bin('15 minutes', '2024-02-29 13:47:10'::timestamp, '2000-01-01')`, `pgf_date_bin('00:15:00', '2024-02-29 13:47:10', '2000-01-01 00:00:00')`],
    [`'2024-02-29 13:45:10+00'::timestamptz at time zone 'America/New_York'`, `pgf_timezone('America/New_York', '2024-02-29 13:45:10+00', 'timestamptz')`],
    [`'2024-07-01 12:00'::timestamp at time zone 'Europe/Paris'`, `pgf_timezone('Europe/Paris', '2024-07-01 12:00:00', 'timestamp')`],
    [`'2024-02-29 13:45:10+00'::timestamptz at time zone '+02'`, `pgf_timezone('+02', '2024-02-29 13:45:10+00', 'timestamptz')`],
    [`('1 mon'::interval > '29 days'::interval)::int`, `(pgf_interval_key('1 mon') > pgf_interval_key('29 days'))`],
  ];
  for (const [pg, lite] of ops) it(pg, () => h.check({ pg, lite }));
  const edges: [string, string][] = [
    [`'infinity'::timestamp + '1 day'::interval`, `pgf_dt_add('infinity', 'timestamp', '1 day')`],
    [`date_trunc('day', '-infinity'::timestamptz)`, `pgf_date_trunc('day', '-infinity', 'timestamptz')`],
    [`extract(year from 'infinity'::timestamp)`, `pgf_extract('year', 'infinity', 'timestamp')`],
    [`extract(epoch from '-infinity'::timestamptz)`, `pgf_extract('epoch', '-infinity', 'timestamptz')`],
    [`'0044-03-15 12:00 BC'::timestamp + '100 years'::interval`, `pgf_dt_add(pgf_timestamp('0044-03-15 12:00 BC'), 'timestamp', '100 years')`],
    [`extract(century from '0044-03-15 BC'::date)`, `pgf_extract('century', '0044-03-15 BC', 'date')`],
    [`extract(decade from '0001-03-15 BC'::date)`, `pgf_extract('decade', '0001-03-15 BC', 'date')`],
    [`date_trunc('century', '1900-06-01'::timestamp)`, `pgf_date_trunc('century', '1900-06-01 00:00:00', 'timestamp')`],
    [`date_trunc('decade', '1999-12-31'::timestamp)`, `pgf_date_trunc('decade', '1999-12-31 00:00:00', 'timestamp')`],
    [`'10000-01-01'::date`, `pgf_date('10000-01-01')`],
    [`'1999-12-31 23:59:59.9999995'::timestamp`, `pgf_timestamp('1999-12-31 23:59:59.9999995')`],
    [`age('2024-02-29'::timestamp, '2023-02-28'::timestamp)`, `pgf_age('2024-02-29 00:00:00', '2023-02-28 00:00:00')`],
    [`'2024-03-31'::date - '1 month'::interval`, `pgf_dt_sub('2024-03-31', 'date', '1 mon')`],
    [`'2024-02-29 13:45:10.5+00'::timestamptz - '2024-01-01 00:00:00+05'::timestamptz`, `pgf_dt_diff('2024-02-29 13:45:10.5+00', pgf_timestamptz('2024-01-01 00:00:00+05'), 'timestamptz')`],
  ];
  for (const [pg, lite] of edges) it(pg, () => h.check({ pg, lite }));
  it('make_date error', () => h.checkError({ pg: 'make_date(2023, 2, 29)', lite: 'pgf_make_date(2023, 2, 29)' }));
  it('now', () => h.check({ pg: `'2024-03-10 12:34:56.789+00'::timestamptz`, lite: 'pgf_now()' }));
});
