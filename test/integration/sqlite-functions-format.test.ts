// pgf_to_char (date/time and number templates), pgf_to_date/pgf_to_timestamp against real Postgres.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openHarness, type Harness } from './sqlite-functions-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('sqlite_functions_format');
});
afterAll(async () => {
  await h.close();
});

const TS = '2024-02-29 13:05:09.5';
const dateFormats = ['YYYY-MM-DD', 'YYYY-MM-DD HH24:MI:SS', 'DD/MM/YYYY HH12:MI AM', 'Mon DD, YYYY', 'FMMonth DD, YYYY', 'Month', 'Day',
  'FMDay, FMDD FMMonth', 'Dy', 'DY mon', 'HH24:MI:SS.MS', 'US', 'Q', 'WW', 'IW', 'J', 'DDD', 'D', 'ID', 'IYYY', 'YY', 'CC', 'RM',
  'FMDDth "of" FMMonth', 'DDTH', 'HH12 pm', 'SSSS', '"Year" YYYY', 'YYYY-MM-DD"T"HH24:MI:SS', 'W', 'a.m.', 'BC'];

describe('to_char date/time', () => {
  for (const f of dateFormats) {
    it(`timestamp ${f}`, () => h.check({ pg: `to_char('${TS}'::timestamp, '${f}')`, lite: `pgf_to_char('${TS}', '${f}', 'timestamp')` }));
  }
  it('timestamptz TZ', () => h.check({ pg: `to_char('${TS}+00'::timestamptz, 'YYYY-MM-DD HH24:MI:SS TZ OF')`, lite: `pgf_to_char('${TS}+00', 'YYYY-MM-DD HH24:MI:SS TZ OF', 'timestamptz')` }));
  it('date', () => h.check({ pg: `to_char('2024-01-07'::date, 'FMDay DD Mon YYYY IW')`, lite: `pgf_to_char('2024-01-07', 'FMDay DD Mon YYYY IW', 'date')` }));
  it('interval', () => h.check({ pg: `to_char('15:02:03'::interval, 'HH24:MI:SS')`, lite: `pgf_to_char('15:02:03', 'HH24:MI:SS', 'interval')` }));
});

const numberCases: [string, string][] = [
  ['123.45', '999.99'], ['-123.45', '999.99'], ['0.5', '9.99'], ['0.5', '0.99'], ['-0.5', '9.99'], ['1234567.891', '9,999,999.99'],
  ['12', '9999'], ['12', 'FM9999'], ['0', '999'], ['123', '99'], ['1.5', 'FM9.99'], ['12', '0000'], ['-12', 'S9999'], ['12', 'S9999'],
  ['-12', '9999MI'], ['12', '9999MI'], ['-12', '9999PR'], ['12', '9999PR'], ['1234.5', 'FM9,999.00'], ['3.14159', '9.9999'],
  ['2.5', '9'], ['-2.5', '9'], ['0', '9.99'], ['0', 'FM9.99'], ['-0.001', '9.99'], ['0.001', '9.99PR'], ['1000', '9G999D99'], ['0.001', 'FM0.999'],
];

describe('to_char numbers', () => {
  for (const [n, f] of numberCases) {
    it(`${n} ${f}`, () => h.check({ pg: `to_char(${n}::numeric, '${f}')`, lite: `pgf_to_char('${n}', '${f}', 'numeric')` }));
  }
  it('integer', () => h.check({ pg: `to_char(42, '000')`, lite: `pgf_to_char(42, '000', 'int4')` }));
});

describe('to_date / to_timestamp', () => {
  const cases: [string, string][] = [['2024-02-29', 'YYYY-MM-DD'], ['29/02/2024', 'DD/MM/YYYY'], ['Feb 29 2024', 'Mon DD YYYY'], ['20240229', 'YYYYMMDD']];
  for (const [t, f] of cases) {
    it(`to_date ${t}`, () => h.check({ pg: `to_date('${t}', '${f}')`, lite: `pgf_to_date('${t}', '${f}')` }));
  }
  const ts: [string, string][] = [['2024-02-29 13:05:09', 'YYYY-MM-DD HH24:MI:SS'], ['29.02.2024 01:05 PM', 'DD.MM.YYYY HH12:MI AM']];
  for (const [t, f] of ts) {
    it(`to_timestamp ${t}`, () => h.check({ pg: `to_timestamp('${t}', '${f}')`, lite: `pgf_to_timestamp('${t}', '${f}')` }));
  }
});
