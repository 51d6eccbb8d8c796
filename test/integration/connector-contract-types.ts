// The type round trips of the connector contract: one column per Postgres type, the values sent
// (as SQL literals and as text parameters) and the exact text Postgres answers with (TimeZone UTC).
export type TypeCase = {
  column: string;
  /** The column's type in CREATE TABLE and in casts. */
  type: string;
  /** The type OID RowDescription must carry. */
  oid: number;
  /** Low/edge value: as sent, and Postgres's text output. */
  low: { input: string; output: string };
  /** High/edge value. */
  high: { input: string; output: string };
};

export const TYPE_CASES: readonly TypeCase[] = [
  { column: 'i2', type: 'int2', oid: 21, low: { input: '-32768', output: '-32768' }, high: { input: '32767', output: '32767' } },
  { column: 'i4', type: 'int4', oid: 23, low: { input: '-2147483648', output: '-2147483648' }, high: { input: '2147483647', output: '2147483647' } },
  { column: 'i8', type: 'int8', oid: 20, low: { input: '-9223372036854775808', output: '-9223372036854775808' }, high: { input: '9223372036854775807', output: '9223372036854775807' } },
  // Cents: rounded half away from zero to the column's scale; trailing zeros kept.
  { column: 'cents', type: 'numeric(12,2)', oid: 1700, low: { input: '-0.005', output: '-0.01' }, high: { input: '9999999999.5', output: '9999999999.50' } },
  { column: 'big', type: 'numeric', oid: 1700, low: { input: '-0.000000000000000000000000000001', output: '-0.000000000000000000000000000001' }, high: { input: '123456789012345678901234567890.123456789012345678901234567890', output: '123456789012345678901234567890.123456789012345678901234567890' } },
  { column: 'txt', type: 'text', oid: 25, low: { input: '', output: '' }, high: { input: 'it\'s "quoted" — ünïcödé ✓ 𝄞 \\ back\ttab\nline', output: 'it\'s "quoted" — ünïcödé ✓ 𝄞 \\ back\ttab\nline' } },
  { column: 'flag', type: 'bool', oid: 16, low: { input: 'false', output: 'f' }, high: { input: 'true', output: 't' } },
  { column: 'day', type: 'date', oid: 1082, low: { input: '0001-01-01', output: '0001-01-01' }, high: { input: '2024-02-29', output: '2024-02-29' } },
  { column: 'ts', type: 'timestamp', oid: 1114, low: { input: '1970-01-01 00:00:00', output: '1970-01-01 00:00:00' }, high: { input: '2024-02-29 23:59:59.123456', output: '2024-02-29 23:59:59.123456' } },
  { column: 'tstz', type: 'timestamptz', oid: 1184, low: { input: '2000-01-01 00:00:00+00', output: '2000-01-01 00:00:00+00' }, high: { input: '2024-06-01 12:00:00.5+02', output: '2024-06-01 10:00:00.5+00' } },
  { column: 'bin', type: 'bytea', oid: 17, low: { input: '\\x', output: '\\x' }, high: { input: '\\xdeadbeef00ff', output: '\\xdeadbeef00ff' } },
  { column: 'doc', type: 'jsonb', oid: 3802, low: { input: '[]', output: '[]' }, high: { input: '{"b": [1, 2.50], "a": "x\\"y", "aa": null}', output: '{"a": "x\\"y", "b": [1, 2.50], "aa": null}' } },
  { column: 'id', type: 'uuid', oid: 2950, low: { input: '00000000-0000-0000-0000-000000000000', output: '00000000-0000-0000-0000-000000000000' }, high: { input: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', output: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' } },
  { column: 'f8', type: 'float8', oid: 701, low: { input: '-1.5e300', output: '-1.5e+300' }, high: { input: '0.1', output: '0.1' } },
];

/** A SQL string literal. */
export const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export const createTypedTable = (name: string, cases: readonly TypeCase[] = TYPE_CASES): string =>
  `create table ${name} (n int primary key, ${cases.map((c) => `${c.column} ${c.type}`).join(', ')})`;
