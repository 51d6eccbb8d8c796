// Bind values (text and binary, by the plan's Postgres parameter types) → the JS values tedious sends for
// each declared @pN, and the mssql type declarations. Binary inputs are made by Postgres's own send
// functions, so the bytes are the ones a client would send.
import { createRequire } from 'node:module';
import mssql from 'mssql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindParams, dateOf, paramForType, sqlTypeOf } from '../../../connectors/mssql/mssql-params.js';
import type { TsqlParam } from '../../../connectors/mssql/mssql-plan.js';
import { microsOf } from '../../../connectors/mssql/mssql-values.js';
import { adminUrl } from '../../helpers/test-database.js';

type Param = { value: Buffer | string | null; binary?: boolean };

/** The part of a Bind message after the portal and statement names. */
function bindPayload(params: readonly Param[], resultFormats: readonly number[] = []): Buffer {
  const parts: Buffer[] = [];
  const i16 = (n: number) => {
    const b = Buffer.alloc(2);
    b.writeInt16BE(n);
    parts.push(b);
  };
  i16(params.length);
  for (const p of params) i16(p.binary ? 1 : 0);
  i16(params.length);
  for (const p of params) {
    const len = Buffer.alloc(4);
    if (p.value === null) {
      len.writeInt32BE(-1);
      parts.push(len);
      continue;
    }
    const bytes = typeof p.value === 'string' ? Buffer.from(p.value, 'utf8') : p.value;
    len.writeInt32BE(bytes.length);
    parts.push(len, bytes);
  }
  i16(resultFormats.length);
  for (const f of resultFormats) i16(f);
  return Buffer.concat(parts);
}

function bindOne(oid: number, param: TsqlParam, value: Param): unknown {
  return bindParams(bindPayload([value]), 0, [oid], [param]).values[0];
}

/** Microseconds since 1970 a tedious date parameter carries (its `nanosecondDelta` is what tedious writes below the millisecond). */
function microsOfParam(d: unknown): bigint {
  expect(d).toBeInstanceOf(Date);
  const delta = (d as Date & { nanosecondDelta?: number }).nanosecondDelta ?? 0;
  return BigInt((d as Date).getTime()) * 1000n + BigInt(Math.round(delta * 1e6));
}

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  await client.query(`SET TimeZone = 'UTC'`);
});

afterAll(async () => {
  await client.end();
});

async function sendBytes(expr: string, fn: string): Promise<Buffer> {
  const res = await client.query<{ b: string }>(`SELECT encode(${fn}(${expr}), 'hex') AS b`);
  return Buffer.from(res.rows[0]!.b, 'hex');
}

describe('Bind values → tedious parameter values', () => {
  it('reads text-format values by their Postgres type', () => {
    expect(bindOne(16, { type: 'Bit' }, { value: 'true' })).toBe(true);
    expect(bindOne(16, { type: 'Bit' }, { value: 'f' })).toBe(false);
    expect(bindOne(23, { type: 'Int' }, { value: '-42' })).toBe(-42);
    expect(bindOne(20, { type: 'BigInt' }, { value: '9223372036854775807' })).toBe(9223372036854775807n);
    expect(bindOne(701, { type: 'Float' }, { value: '0.1' })).toBe(0.1);
    expect(bindOne(1700, { type: 'Decimal', length: 12, scale: 2 }, { value: '-001234.50' })).toBe('-1234.50');
    expect(bindOne(25, { type: 'NVarChar', length: -1 }, { value: 'héllo' })).toBe('héllo');
    expect(bindOne(17, { type: 'VarBinary', length: -1 }, { value: '\\x00ff' })).toEqual(Buffer.from([0, 255]));
    expect(bindOne(2950, { type: 'UniqueIdentifier' }, { value: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' })).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(bindOne(25, { type: 'NVarChar' }, { value: null })).toBeNull();
  });

  it('keeps microseconds of dates and times in the Date tedious writes', () => {
    const ts = bindOne(1114, { type: 'DateTime2', length: 6 }, { value: '2024-02-29 13:45:12.123456' });
    expect(microsOfParam(ts)).toBe(BigInt(Date.UTC(2024, 1, 29, 13, 45, 12, 123)) * 1000n + 456n);
    const tz = bindOne(1184, { type: 'DateTimeOffset', length: 6 }, { value: '2024-02-29 15:45:12.000001+02' });
    expect(microsOfParam(tz)).toBe(BigInt(Date.UTC(2024, 1, 29, 13, 45, 12)) * 1000n + 1n);
    const t = bindOne(1083, { type: 'Time', length: 6 }, { value: '23:59:59.999999' });
    expect(microsOfParam(t)).toBe(86_399_999_999n);
    const d = bindOne(1082, { type: 'Date' }, { value: '0001-01-01' });
    expect((d as Date).toISOString()).toBe('0001-01-01T00:00:00.000Z');
  });

  it('reads timestamptz text without a zone in the session TimeZone, as Postgres does', async () => {
    const zone = 'America/New_York';
    for (const text of ['2024-07-04 12:00:00.000001', '2024-01-15 08:30:00', '2024-07-04 12:00:00+00', '2024-03-10 02:30:00+05:30']) {
      const v = bindParams(bindPayload([{ value: text }]), 0, [1184], [{ type: 'DateTimeOffset', length: 6 }], zone).values[0];
      await client.query(`SET TimeZone = '${zone}'`);
      const res = await client.query<{ us: string }>(`SELECT (extract(epoch from '${text}'::timestamptz) * 1000000)::bigint::text AS us`);
      await client.query(`SET TimeZone = 'UTC'`);
      expect(microsOfParam(v)).toBe(BigInt(res.rows[0]!.us));
    }
    // Binary timestamptz is an instant already: the zone does not apply.
    const binary = bindParams(bindPayload([{ value: await sendBytes("'2024-07-04 12:00:00+00'::timestamptz", 'timestamptz_send'), binary: true }]), 0, [1184], [{ type: 'DateTimeOffset', length: 6 }], zone).values[0];
    expect(microsOfParam(binary)).toBe(BigInt(Date.UTC(2024, 6, 4, 12)) * 1000n);
  });

  it('reads binary-format values as Postgres sends them', async () => {
    expect(bindOne(23, { type: 'Int' }, { value: await sendBytes("'-7'::int4", 'int4send'), binary: true })).toBe(-7);
    expect(bindOne(20, { type: 'BigInt' }, { value: await sendBytes("'-9223372036854775808'::int8", 'int8send'), binary: true })).toBe(-9223372036854775808n);
    expect(bindOne(16, { type: 'Bit' }, { value: await sendBytes('true', 'boolsend'), binary: true })).toBe(true);
    expect(bindOne(1700, { type: 'Decimal', length: 20, scale: 4 }, { value: await sendBytes("'-12345.6700'::numeric", 'numeric_send'), binary: true })).toBe('-12345.6700');
    const ts = bindOne(1114, { type: 'DateTime2', length: 6 }, { value: await sendBytes("'1999-12-31 23:59:59.999999'::timestamp", 'timestamp_send'), binary: true });
    expect(microsOfParam(ts)).toBe(BigInt(Date.UTC(1999, 11, 31, 23, 59, 59, 999)) * 1000n + 999n);
    const uuid = bindOne(2950, { type: 'UniqueIdentifier' }, { value: await sendBytes("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", 'uuid_send'), binary: true });
    expect(uuid).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  });

  it('refuses what SQL Server cannot hold, with Postgres codes', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as { code?: string }).code;
      }
      return 'no error';
    };
    expect(code(() => bindOne(701, { type: 'Float' }, { value: 'NaN' }))).toBe('22003');
    expect(code(() => bindOne(1114, { type: 'DateTime2' }, { value: 'infinity' }))).toBe('22008');
    expect(code(() => bindOne(16, { type: 'Bit' }, { value: 'maybe' }))).toBe('22P02');
    expect(code(() => bindOne(23, { type: 'Int' }, { value: '12x' }))).toBe('22P02');
    expect(code(() => bindParams(bindPayload([{ value: '1' }]), 0, [23, 23], [{ type: 'Int' }, { type: 'Int' }]))).toBe('08P01');
  });

  it('returns the result formats the client asked for', () => {
    expect(bindParams(bindPayload([], [1, 0]), 0, [], []).resultFormats).toEqual([1, 0]);
  });

  it('rejects dates outside SQL Server range', () => {
    expect(() => dateOf(BigInt(Date.UTC(10000, 0, 1)) * 1000n)).toThrow(/out of range/);
  });
});

describe('parameter type declarations', () => {
  it('builds mssql types with length, precision and scale', () => {
    expect(sqlTypeOf({ type: 'NVarChar', length: -1 })).toEqual({ type: mssql.TYPES.NVarChar, length: mssql.MAX });
    expect(sqlTypeOf({ type: 'NVarChar', length: 50 })).toEqual({ type: mssql.TYPES.NVarChar, length: 50 });
    expect(sqlTypeOf({ type: 'Decimal', length: 12, scale: 2 })).toEqual({ type: mssql.TYPES.Decimal, precision: 12, scale: 2 });
    expect(sqlTypeOf({ type: 'DateTimeOffset', length: 6 })).toEqual({ type: mssql.TYPES.DateTimeOffset, scale: 6 });
    expect(sqlTypeOf({ type: 'Int' })).toEqual({ type: mssql.TYPES.Int });
  });

  it('declares a parameter the plan did not describe by its Postgres type', () => {
    expect(paramForType(1114)).toEqual({ type: 'DateTime2', length: 6 });
    expect(paramForType(1184)).toEqual({ type: 'DateTimeOffset', length: 6 });
    expect(paramForType(20)).toEqual({ type: 'BigInt' });
    expect(paramForType(17)).toEqual({ type: 'VarBinary', length: -1 });
    expect(paramForType(1700)).toEqual({ type: 'NVarChar', length: -1 });
    // A parameter without a TsqlParam is read by its Postgres type and sent with that declaration.
    expect(bindParams(bindPayload([{ value: '2024-01-02 03:04:05.000006' }]), 0, [1114], []).values[0]).toBeInstanceOf(Date);
  });
});

describe('date parameters through tedious', () => {
  type DataType = {
    generateParameterLength(p: unknown, o: unknown): Buffer;
    generateParameterData(p: unknown, o: unknown): Iterable<Buffer>;
    validate(v: unknown, collation: unknown, o: unknown): unknown;
  };
  const require = createRequire(import.meta.url);
  const tediousType = (file: string) => require(`tedious/lib/data-types/${file}.js`) as DataType;
  const valueParser = require('tedious/lib/value-parser.js') as { readValue(buf: Buffer, offset: number, metadata: unknown, options: unknown): { value: unknown } };
  const TYPE = (require('tedious/lib/data-type.js') as { TYPE: Record<number, unknown> }).TYPE;

  // What comes back is parsed by tedious (sub-millisecond part in `nanosecondsDelta`), read as results are.
  /** Writes the value with tedious's encoder for the declared type, then reads it back with tedious's parser. */
  function roundTrip(file: string, typeId: number, value: unknown, scale: number): unknown {
    const type = tediousType(file);
    const options = { useUTC: true };
    const parameter = { value: type.validate(value, null, options), scale };
    const bytes = Buffer.concat([type.generateParameterLength(parameter, options), ...type.generateParameterData(parameter, options)]);
    return valueParser.readValue(bytes, 0, { type: TYPE[typeId], scale, dataLength: bytes.length - 1 }, options).value;
  }

  it('keeps microseconds through tedious encoding of datetime2, datetimeoffset and time', () => {
    const ts = bindOne(1114, { type: 'DateTime2', length: 6 }, { value: '2024-02-29 13:45:12.123456' });
    expect(microsOf(roundTrip('datetime2', 0x2a, ts, 6) as Date)).toBe(microsOfParam(ts));
    const tz = bindOne(1184, { type: 'DateTimeOffset', length: 6 }, { value: '1999-12-31 23:59:59.999999+00' });
    expect(microsOf(roundTrip('datetimeoffset', 0x2b, tz, 6) as Date)).toBe(microsOfParam(tz));
    const t = bindOne(1083, { type: 'Time', length: 6 }, { value: '00:00:00.000007' });
    expect(microsOf(roundTrip('time', 0x29, t, 6) as Date)).toBe(7n);
  });
});
