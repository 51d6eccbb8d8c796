// Values as tedious returns them → Postgres text output, compared with what a real Postgres prints for the
// same values. Date/time values are made by tedious's own value parser from TDS wire bytes (so the Date +
// nanosecondsDelta shape is tedious's, not ours); the others are the JS types tedious returns.
import { createRequire } from 'node:module';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataRowWriter } from '../../../connectors/sqlite/data-row-writer.js';
import { columnWriter, textOf } from '../../../connectors/mssql/mssql-values.js';
import type { ServerColumn } from '../../../connectors/mssql/mssql-types.js';
import { adminUrl } from '../../helpers/test-database.js';

type TdsType = { name: string };
const require = createRequire(import.meta.url);
const valueParser = require('tedious/lib/value-parser.js') as { readValue(buf: Buffer, offset: number, metadata: unknown, options: unknown): { value: unknown } };
const TYPE = (require('tedious/lib/data-type.js') as { TYPE: Record<number, TdsType> }).TYPE;

const DAY_MS = 86_400_000;
const YEAR1 = new Date(0).setUTCFullYear(1, 0, 1);

/** 'YYYY-MM-DD' → days since 0001-01-01 (TDS's date epoch). */
function tdsDays(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round((new Date(0).setUTCFullYear(y, m - 1, d) - YEAR1) / DAY_MS);
}

/** 'hh:mm:ss[.fffffff]' → units of 10^-scale seconds. */
function tdsTime(time: string, scale: number): bigint {
  const [hms, frac = ''] = time.split('.') as [string, string?];
  const [h, mi, s] = hms.split(':').map(Number) as [number, number, number];
  return BigInt(h * 3600 + mi * 60 + s) * 10n ** BigInt(scale) + BigInt((frac.padEnd(scale, '0') || '0').slice(0, scale));
}

function parse(type: number, bytes: Buffer, scale: number): unknown {
  return valueParser.readValue(bytes, 0, { type: TYPE[type], scale, dataLength: bytes.length - 1 }, { useUTC: true }).value;
}

function datetime2(ts: string, scale = 6): unknown {
  const [date, time] = ts.split(' ') as [string, string];
  const b = Buffer.alloc(9);
  b[0] = 8;
  b.writeUIntLE(Number(tdsTime(time, scale)), 1, 5);
  b.writeUIntLE(tdsDays(date), 6, 3);
  return parse(0x2a, b, scale);
}

/** datetimeoffset: the UTC time and date, then the offset in minutes (which Postgres does not keep either). */
function datetimeoffset(utc: string, offsetMinutes: number, scale = 6): unknown {
  const [date, time] = utc.split(' ') as [string, string];
  const b = Buffer.alloc(11);
  b[0] = 10;
  b.writeUIntLE(Number(tdsTime(time, scale)), 1, 5);
  b.writeUIntLE(tdsDays(date), 6, 3);
  b.writeInt16LE(offsetMinutes, 9);
  return parse(0x2b, b, scale);
}

function time(t: string, scale: number): unknown {
  const b = Buffer.alloc(6);
  b[0] = 5;
  b.writeUIntLE(Number(tdsTime(t, scale)), 1, 5);
  return parse(0x29, b, scale);
}

function date(d: string): unknown {
  const b = Buffer.alloc(4);
  b[0] = 3;
  b.writeUIntLE(tdsDays(d), 1, 3);
  return parse(0x28, b, 0);
}

const col = (type: string, extra: Partial<ServerColumn> = {}): ServerColumn => ({ name: 'c', type, length: 0, ...extra });

// [label, value as tedious gives it, Postgres oid sent, SQL Server column, the same value as a Postgres expression]
const CASES: [string, unknown, number, ServerColumn, string][] = [
  ['timestamp with microseconds', datetime2('2024-02-29 13:45:12.123456'), 1114, col('DateTime2', { scale: 6 }), "'2024-02-29 13:45:12.123456'::timestamp"],
  ['timestamp, trailing zeros dropped', datetime2('2024-02-29 13:45:12.100000'), 1114, col('DateTime2', { scale: 6 }), "'2024-02-29 13:45:12.1'::timestamp"],
  ['timestamp without fraction', datetime2('2024-02-29 13:45:12.000000'), 1114, col('DateTime2', { scale: 6 }), "'2024-02-29 13:45:12'::timestamp"],
  ['timestamp one microsecond', datetime2('1969-07-20 20:17:40.000001'), 1114, col('DateTime2', { scale: 6 }), "'1969-07-20 20:17:40.000001'::timestamp"],
  ['timestamp at year 1', datetime2('0001-01-01 00:00:00.000000'), 1114, col('DateTime2', { scale: 6 }), "'0001-01-01 00:00:00'::timestamp"],
  ['timestamp at the end of 9999', datetime2('9999-12-31 23:59:59.999999'), 1114, col('DateTime2', { scale: 6 }), "'9999-12-31 23:59:59.999999'::timestamp"],
  ['datetime2(7) rounded to microseconds', datetime2('2024-01-01 00:00:00.1234567', 7), 1114, col('DateTime2', { scale: 7 }), "'2024-01-01 00:00:00.1234567'::timestamp"],
  ['time(7) rounded to microseconds', time('13:45:12.1234567', 7), 1083, col('Time', { scale: 7 }), "'13:45:12.1234567'::time"],
  ['time midnight', time('00:00:00', 0), 1083, col('Time', { scale: 0 }), "'00:00:00'::time"],
  ['time last microsecond', time('23:59:59.999999', 6), 1083, col('Time', { scale: 6 }), "'23:59:59.999999'::time"],
  ['date leap day', date('2024-02-29'), 1082, col('Date'), "'2024-02-29'::date"],
  ['date year 1', date('0001-01-01'), 1082, col('Date'), "'0001-01-01'::date"],
  ['date 9999', date('9999-12-31'), 1082, col('Date'), "'9999-12-31'::date"],
  ['numeric negative, scale kept', -1234.5, 1700, col('Decimal', { precision: 10, scale: 2 }), "'-1234.5'::numeric(10,2)"],
  ['numeric small, scale kept', 0.05, 1700, col('Decimal', { precision: 10, scale: 4 }), "'0.05'::numeric(10,4)"],
  ['numeric 16 digits', 12345678901234.56, 1700, col('Decimal', { precision: 18, scale: 2 }), "'12345678901234.56'::numeric(18,2)"],
  ['numeric minus zero', -0, 1700, col('Decimal', { precision: 5, scale: 2 }), "'-0.00'::numeric(5,2)"],
  ['numeric integer without scale', 42, 1700, col('Int'), "'42'::numeric"],
  ['numeric tiny (no exponent)', 1e-7, 1700, col('Float'), "'0.0000001'::numeric"],
  ['numeric from CONVERT(varchar)', '-0.50', 1700, col('VarChar'), "'-0.50'::numeric"],
  ['numeric 38 digits from CONVERT(varchar)', '1234567890123456789012345678.9012345678', 1700, col('VarChar'), "'1234567890123456789012345678.9012345678'::numeric"],
  ['money', 12.3456, 1700, col('Money'), "'12.3456'::numeric(19,4)"],
  ['uuid upper-case from SQL Server', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 2950, col('UniqueIdentifier'), "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid"],
  ['uuid column the compiler typed as text', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 25, col('UniqueIdentifier'), "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text"],
  ['bytea', Buffer.from([0, 1, 255, 16]), 17, col('VarBinary'), "'\\x0001ff10'::bytea"],
  ['empty bytea', Buffer.alloc(0), 17, col('VarBinary'), "''::bytea"],
  ['bool true', true, 16, col('Bit'), 'true'],
  ['bool false', false, 16, col('Bit'), 'false'],
  ['float8 shortest exact', 0.1 + 0.2, 701, col('Float'), '0.1::float8 + 0.2::float8'],
  ['float8 large', 1e21, 701, col('Float'), "'1e21'::float8"],
  ['float4', Math.fround(1.1), 700, col('Real'), "'1.1'::float4"],
  ['int8 (tedious gives a string)', '-9223372036854775808', 20, col('BigInt'), "'-9223372036854775808'::int8"],
  ['int4', -2147483648, 23, col('Int'), "'-2147483648'::int4"],
  ['bpchar padded', 'ab  ', 1042, col('NChar', { length: 8 }), "'ab'::char(4)"],
];

// [TimeZone, UTC instant] → timestamptz printed in that zone, offset as Postgres writes it.
const TZ_CASES: [string, string][] = [
  ['UTC', '2024-02-29 13:45:12.123456'],
  ['America/New_York', '2024-07-04 03:00:00.5'],
  ['America/New_York', '2024-01-15 12:00:00'],
  ['Asia/Kolkata', '2024-03-10 23:59:59.999999'],
  ['Asia/Kathmandu', '2001-09-09 01:46:40'],
  ['Europe/Paris', '2024-10-27 00:30:00'],
  ['Europe/Amsterdam', '1900-06-01 12:00:00'],
];

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

async function pgText(expr: string, timeZone = 'UTC'): Promise<string> {
  await client.query(`SET TimeZone = '${timeZone}'`);
  // The value's own output function (no cast to text: char(n)::text would trim, bool::text spell true).
  const res = await client.query<{ v: string }>({ text: `SELECT (${expr}) AS v`, types: { getTypeParser: () => (v: string) => v } });
  return res.rows[0]!.v;
}

describe('tedious values → Postgres text, compared with Postgres', () => {
  it.each(CASES)('%s', async (_label, value, oid, server, expr) => {
    expect(textOf(value, oid, server, 'UTC')).toBe(await pgText(expr));
  });

  it.each(TZ_CASES)('timestamptz in TimeZone %s: %s UTC', async (zone, utc) => {
    const value = datetimeoffset(utc.padEnd(26, utc.includes('.') ? '0' : '.000000').slice(0, 26), 120);
    expect(textOf(value, 1184, col('DateTimeOffset', { scale: 6 }), zone)).toBe(await pgText(`'${utc}+00'::timestamptz`, zone));
  });
});

describe('DataRow encoding', () => {
  it('writes bytea as \\x hex in text and raw bytes in binary', () => {
    const text = new DataRowWriter();
    text.beginRow(1);
    columnWriter({ oid: 17, typmod: -1, typlen: -1, name: 'bytea' }, null, false, () => 'UTC')(text, Buffer.from([0xde, 0xad]));
    text.endRow();
    const t = text.take().bytes;
    expect(t.subarray(11).toString('latin1')).toBe('\\xdead');
    const bin = new DataRowWriter();
    bin.beginRow(1);
    columnWriter({ oid: 17, typmod: -1, typlen: -1, name: 'bytea' }, null, true, () => 'UTC')(bin, Buffer.from([0xde, 0xad]));
    bin.endRow();
    expect([...bin.take().bytes.subarray(11)]).toEqual([0xde, 0xad]);
  });

  it('sends the binary form Postgres sends for int4, int8, timestamp and numeric', async () => {
    const cases: [number, unknown, ServerColumn, string][] = [
      [23, -5, col('Int'), "'-5'::int4"],
      [20, '9007199254740993', col('BigInt'), "'9007199254740993'::int8"],
      [1114, datetime2('2024-02-29 13:45:12.123456'), col('DateTime2', { scale: 6 }), "'2024-02-29 13:45:12.123456'::timestamp"],
      [1700, '-1234.5600', col('VarChar'), "'-1234.5600'::numeric"],
    ];
    for (const [oid, value, server, expr] of cases) {
      const w = new DataRowWriter();
      w.beginRow(1);
      columnWriter({ oid, typmod: -1, typlen: -1, name: '' }, server, true, () => 'UTC')(w, value);
      w.endRow();
      const ours = w.take().bytes.subarray(11);
      // Postgres's own send function, as bytes.
      const res = await client.query<{ b: string }>(`SELECT encode(${sendFunction(oid)}(${expr}), 'hex') AS b`);
      expect(ours.toString('hex')).toBe(res.rows[0]!.b);
    }
  });
});

function sendFunction(oid: number): string {
  return { 23: 'int4send', 20: 'int8send', 1114: 'timestamp_send', 1700: 'numeric_send' }[oid] ?? 'textsend';
}
