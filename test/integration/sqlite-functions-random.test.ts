// Randomised differential check: many generated numerics, timestamps and intervals go through Postgres and
// the pgf_* functions in bulk; every result must match. Seeded, so a failure reproduces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from './sqlite-functions-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('sqlite_functions_random');
});
afterAll(async () => {
  await h.close();
});

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomDecimal(next: () => number): string {
  const intDigits = Math.floor(next() * 12);
  const fracDigits = Math.floor(next() * 8);
  let s = '';
  for (let i = 0; i < intDigits; i++) s += Math.floor(next() * 10);
  s = s.replace(/^0+/, '') || '0';
  if (fracDigits > 0) {
    s += '.';
    for (let i = 0; i < fracDigits; i++) s += Math.floor(next() * 10);
  }
  return (next() < 0.3 ? '-' : '') + s;
}

async function pgRows(sql: string): Promise<string[]> {
  const text = await h.pgText(`(select string_agg(r, '|' order by n) from (${sql}) q)`);
  return (text ?? '').split('|');
}

function liteRows(sql: string): string[] {
  return (h.liteText(`(select group_concat(r, '|') from (select r from (${sql}) order by n))`) ?? '').split('|');
}

describe('random numerics', () => {
  const next = generator(42);
  const pairs = Array.from({ length: 300 }, () => [randomDecimal(next), randomDecimal(next)] as const)
    .filter(([, b]) => Number(b) !== 0);
  const values = pairs.map(([a, b], n) => `select ${n} as n, '${a}' as a, '${b}' as b`).join(' union all ');
  const ops: [string, string][] = [['+', 'pgf_num_add'], ['-', 'pgf_num_sub'], ['*', 'pgf_num_mul'], ['/', 'pgf_num_div'], ['%', 'pgf_num_mod']];
  for (const [op, fn] of ops) {
    it(`a ${op} b for ${pairs.length} pairs`, async () => {
      const expected = await pgRows(`select n, (a::numeric ${op} b::numeric)::text as r from (${values}) v`);
      expect(liteRows(`select n, ${fn}(a, b) as r from (${values})`)).toEqual(expected);
    });
  }
  it('to_char with number templates', async () => {
    for (const format of ['9999999999.99', 'FM9,999,999,990.000', 'S000000000000.0', '99999999999PR', 'FM99999999999.99999999MI']) {
      const expected = await pgRows(`select n, to_char(a::numeric, '${format}') as r from (${values}) v`);
      expect(liteRows(`select n, pgf_to_char(a, '${format}', 'numeric') as r from (${values})`)).toEqual(expected);
    }
  });
  it('round, trunc, sqrt', async () => {
    const expected = await pgRows(`select n, round(a::numeric, 2) || ' ' || trunc(b::numeric, 1) || ' ' || sqrt(abs(a::numeric)) as r from (${values}) v`);
    expect(liteRows(`select n, pgf_num_round(a, 2) || ' ' || pgf_num_trunc(b, 1) || ' ' || pgf_num_sqrt(pgf_num_abs(a)) as r from (${values})`)).toEqual(expected);
  });
});

describe('random timestamps and intervals', () => {
  const next = generator(7);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const stamps = Array.from({ length: 200 }, () => {
    const y = 1900 + Math.floor(next() * 250);
    const m = 1 + Math.floor(next() * 12);
    const d = 1 + Math.floor(next() * 28) + (next() < 0.2 ? 3 - Math.floor(next() * 3) : 0);
    const day = Math.min(d, new Date(Date.UTC(y, m, 0)).getUTCDate());
    const us = Math.floor(next() * 1e6);
    return `${y}-${pad(m)}-${pad(day)} ${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}:${pad(Math.floor(next() * 60))}.${pad(us, 6)}`;
  });
  const intervals = Array.from({ length: 200 }, () => {
    const sign = (): string => (next() < 0.3 ? '-' : '');
    return `${sign()}${Math.floor(next() * 30)} mons ${sign()}${Math.floor(next() * 40)} days ${sign()}${Math.floor(next() * 50)}:${pad(Math.floor(next() * 60))}:${pad(Math.floor(next() * 60))}.${pad(Math.floor(next() * 1e6), 6)}`;
  });
  const values = stamps.map((s, n) => `select ${n} as n, '${s}' as t, '${stamps[(n * 7 + 3) % stamps.length]}' as u, '${intervals[n]}' as i`).join(' union all ');
  it('timestamp + interval, timestamp - timestamp, age', async () => {
    const expected = await pgRows(`select n, (t::timestamp + i::interval) || ' ~ ' || (t::timestamp - u::timestamp) || ' ~ ' || age(t::timestamp, u::timestamp) as r from (${values}) v`);
    expect(liteRows(`select n, pgf_dt_add(t, 'timestamp', pgf_interval(i)) || ' ~ ' || pgf_dt_diff(t, u, 'timestamp') || ' ~ ' || pgf_age(t, u, 'timestamp') as r from (${values})`)).toEqual(expected);
  });
  it('interval normalisation, justify, multiplication, extract epoch', async () => {
    const expected = await pgRows(`select n, i::interval || ' ~ ' || justify_interval(i::interval) || ' ~ ' || (i::interval * 0.37) || ' ~ ' || extract(epoch from i::interval) as r from (${values}) v`);
    expect(liteRows(`select n, pgf_interval(i) || ' ~ ' || pgf_justify_interval(pgf_interval(i)) || ' ~ ' || pgf_interval_mul(pgf_interval(i), 0.37) || ' ~ ' || pgf_extract('epoch', pgf_interval(i), 'interval') as r from (${values})`)).toEqual(expected);
  });
  it('date_trunc and extract over random timestamps', async () => {
    const expected = await pgRows(`select n, date_trunc('week', t::timestamp) || ' ' || extract(week from t::timestamp) || ' ' || extract(isoyear from t::timestamp) || ' ' || extract(doy from t::timestamp) || ' ' || to_char(t::timestamp, 'IYYY-IW-ID Dy DDD WW') as r from (${values}) v`);
    expect(liteRows(`select n, pgf_date_trunc('week', t, 'timestamp') || ' ' || pgf_extract('week', t, 'timestamp') || ' ' || pgf_extract('isoyear', t, 'timestamp') || ' ' || pgf_extract('doy', t, 'timestamp') || ' ' || pgf_to_char(t, 'IYYY-IW-ID Dy DDD WW', 'timestamp') as r from (${values})`)).toEqual(expected);
  });
});

describe('random float8 output, jsonb documents and timestamptz input', () => {
  it('float8 text output (shortest round-trip, exponent from 1e15 and below 1e-4)', async () => {
    const next = generator(99);
    const floats = Array.from({ length: 300 }, () => {
      const mantissa = next() * 10;
      const exponent = Math.floor(next() * 60) - 30;
      const digits = Math.floor(next() * 17) + 1;
      return Number(((next() < 0.3 ? -1 : 1) * mantissa).toPrecision(digits)) * 10 ** exponent;
    });
    const values = floats.map((f, n) => `select ${n} as n, '${String(f)}' as f`).join(' union all ');
    const expected = await pgRows(`select n, f::float8::text || ' ' || f::real::text as r from (${values}) v`);
    expect(liteRows(`select n, pgf_text(pgf_float(f), 'float8') || ' ' || pgf_text(pgf_float(f), 'float4') as r from (${values})`)).toEqual(expected);
  });
  it('jsonb canonical output of generated documents', async () => {
    const next = generator(5);
    const keys = ['a', 'b', 'aa', 'ab', 'é', 'z', 'long key', 'B', '_', '10', '2'];
    const scalar = (): string => {
      const r = next();
      if (r < 0.2) return String(Math.floor(next() * 1000) - 500);
      if (r < 0.35) return `${Math.floor(next() * 100)}.${'0'.repeat(Math.floor(next() * 3))}${Math.floor(next() * 100)}`;
      if (r < 0.45) return `${Math.floor(next() * 9) + 1}e${Math.floor(next() * 6) - 3}`;
      if (r < 0.6) return JSON.stringify(keys[Math.floor(next() * keys.length)] + (next() < 0.3 ? '"\\\n\t' : ''));
      if (r < 0.7) return 'null';
      return next() < 0.5 ? 'true' : 'false';
    };
    const doc = (depth: number): string => {
      const r = next();
      if (depth > 2 || r < 0.3) return scalar();
      if (r < 0.6) return `[${Array.from({ length: Math.floor(next() * 4) }, () => doc(depth + 1)).join(',')}]`;
      return `{${Array.from({ length: Math.floor(next() * 5) }, () => `${JSON.stringify(keys[Math.floor(next() * keys.length)])}:${doc(depth + 1)}`).join(' , ')}}`;
    };
    const docs = Array.from({ length: 200 }, () => doc(0));
    const values = docs.map((d, n) => `select ${n} as n, '${d.replace(/'/g, "''")}' as j`).join(' union all ');
    const expected = await pgRows(`select n, j::jsonb::text as r from (${values}) v`);
    expect(liteRows(`select n, pgf_jsonb(j) as r from (${values})`)).toEqual(expected);
  });
  it('timestamptz input with offsets and zone names', async () => {
    const next = generator(11);
    const zones = ['', 'Z', '+02', '-05:30', '+0545', ' UTC', ' America/New_York', ' Europe/Berlin', ' Asia/Kolkata', ' Australia/Sydney', '-08'];
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const inputs = Array.from({ length: 200 }, () => {
      const y = 1950 + Math.floor(next() * 90);
      const sep = next() < 0.5 ? 'T' : ' ';
      const frac = next() < 0.5 ? `.${Math.floor(next() * 1000)}` : '';
      return `${y}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}${sep}${pad(Math.floor(next() * 24))}:${pad(Math.floor(next() * 60))}:${pad(Math.floor(next() * 60))}${frac}${zones[Math.floor(next() * zones.length)]}`;
    });
    const values = inputs.map((t, n) => `select ${n} as n, '${t}' as t`).join(' union all ');
    const expected = await pgRows(`select n, t::timestamptz::text as r from (${values}) v`);
    expect(liteRows(`select n, pgf_timestamptz(t) as r from (${values})`)).toEqual(expected);
  });
});
