// Result-column metadata → Postgres types (every row of the brief's SQL Server → Postgres table, as tedious
// describes columns and as sp_describe_first_result_set does), parameter declarations, and COPY's batched insert.
import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { repeatedInsert } from '../../../connectors/mssql/mssql-copy.js';
import { declarationOf, pgTypeOfDescribed } from '../../../connectors/mssql/mssql-describe.js';
import { pgTypeOfResultColumn, serverColumnOf } from '../../../connectors/mssql/mssql-types.js';

const T = mssql.TYPES;
const numeric = (p: number, s: number) => ((p << 16) | s) + 4;

// [mssql type, tedious dataLength (bytes; 0xFFFF = max), precision, scale] → [oid, typmod, typlen, name]
const ROWS: [string, unknown, number, number | undefined, number | undefined, number, number, number, string][] = [
  ['bit', T.Bit, 1, undefined, undefined, 16, -1, 1, 'bool'],
  ['tinyint', T.TinyInt, 1, undefined, undefined, 21, -1, 2, 'int2'],
  ['smallint', T.SmallInt, 2, undefined, undefined, 21, -1, 2, 'int2'],
  ['int', T.Int, 4, undefined, undefined, 23, -1, 4, 'int4'],
  ['bigint', T.BigInt, 8, undefined, undefined, 20, -1, 8, 'int8'],
  ['real', T.Real, 4, undefined, undefined, 700, -1, 4, 'float4'],
  ['float', T.Float, 8, undefined, undefined, 701, -1, 8, 'float8'],
  ['decimal(12,2)', T.Decimal, 9, 12, 2, 1700, numeric(12, 2), -1, 'numeric'],
  ['numeric(38,10)', T.Numeric, 17, 38, 10, 1700, numeric(38, 10), -1, 'numeric'],
  ['money', T.Money, 8, undefined, undefined, 1700, numeric(19, 4), -1, 'numeric'],
  ['smallmoney', T.SmallMoney, 4, undefined, undefined, 1700, numeric(10, 4), -1, 'numeric'],
  ['nvarchar(max)', T.NVarChar, 0xffff, undefined, undefined, 25, -1, -1, 'text'],
  ['varchar(max)', T.VarChar, 0xffff, undefined, undefined, 25, -1, -1, 'text'],
  ['ntext', T.NText, 0x7ffffffe, undefined, undefined, 25, -1, -1, 'text'],
  ['text', T.Text, 0x7fffffff, undefined, undefined, 25, -1, -1, 'text'],
  ['xml', T.Xml, 0xffff, undefined, undefined, 25, -1, -1, 'text'],
  ['nvarchar(120)', T.NVarChar, 240, undefined, undefined, 1043, 124, -1, 'varchar'],
  ['varchar(40)', T.VarChar, 40, undefined, undefined, 1043, 44, -1, 'varchar'],
  ['nchar(3)', T.NChar, 6, undefined, undefined, 1042, 7, -1, 'bpchar'],
  ['char(8)', T.Char, 8, undefined, undefined, 1042, 12, -1, 'bpchar'],
  ['varbinary(max)', T.VarBinary, 0xffff, undefined, undefined, 17, -1, -1, 'bytea'],
  ['binary(16)', T.Binary, 16, undefined, undefined, 17, -1, -1, 'bytea'],
  ['image', T.Image, 0x7fffffff, undefined, undefined, 17, -1, -1, 'bytea'],
  ['date', T.Date, 3, undefined, undefined, 1082, -1, 4, 'date'],
  ['time(7)', T.Time, 5, undefined, 7, 1083, -1, 8, 'time'],
  ['datetime2(6)', T.DateTime2, 8, undefined, 6, 1114, -1, 8, 'timestamp'],
  ['datetime', T.DateTime, 8, undefined, undefined, 1114, -1, 8, 'timestamp'],
  ['smalldatetime', T.SmallDateTime, 4, undefined, undefined, 1114, -1, 8, 'timestamp'],
  ['datetimeoffset(6)', T.DateTimeOffset, 10, undefined, 6, 1184, -1, 8, 'timestamptz'],
  ['uniqueidentifier', T.UniqueIdentifier, 16, undefined, undefined, 2950, -1, 16, 'uuid'],
  ['sql_variant (not in the table: text)', T.Variant, 8016, undefined, undefined, 25, -1, -1, 'text'],
];

describe('result column metadata → Postgres type', () => {
  it.each(ROWS)('%s', (_label, type, length, precision, scale, oid, typmod, typlen, name) => {
    const column = serverColumnOf({ name: 'c', length, type, precision, scale });
    expect(pgTypeOfResultColumn(column)).toEqual({ oid, typmod, typlen, name });
  });

  it('reads sp_describe_first_result_set rows the same way (max_length in bytes, -1 for max)', () => {
    expect(pgTypeOfDescribed({ system_type_name: 'nvarchar(40)', max_length: 80, precision: 0, scale: 0 })).toEqual({ oid: 1043, typmod: 44, typlen: -1, name: 'varchar' });
    expect(pgTypeOfDescribed({ system_type_name: 'nvarchar(max)', max_length: -1, precision: 0, scale: 0 })).toEqual({ oid: 25, typmod: -1, typlen: -1, name: 'text' });
    expect(pgTypeOfDescribed({ system_type_name: 'decimal(12,2)', max_length: 9, precision: 12, scale: 2 })).toEqual({ oid: 1700, typmod: numeric(12, 2), typlen: -1, name: 'numeric' });
    expect(pgTypeOfDescribed({ system_type_name: 'datetimeoffset(7)', max_length: 10, precision: 34, scale: 7 })).toMatchObject({ oid: 1184 });
    expect(pgTypeOfDescribed({ system_type_name: null })).toBeNull();
  });
});

describe('parameter declarations', () => {
  it('declares each TsqlParam as T-SQL spells it', () => {
    expect(declarationOf({ type: 'NVarChar', length: -1 })).toBe('nvarchar(max)');
    expect(declarationOf({ type: 'NVarChar', length: 40 })).toBe('nvarchar(40)');
    expect(declarationOf({ type: 'VarBinary' })).toBe('varbinary(max)');
    expect(declarationOf({ type: 'Decimal', length: 12, scale: 2 })).toBe('decimal(12,2)');
    expect(declarationOf({ type: 'Decimal' })).toBe('decimal(38,10)');
    expect(declarationOf({ type: 'DateTime2', length: 6 })).toBe('datetime2(6)');
    expect(declarationOf({ type: 'DateTimeOffset' })).toBe('datetimeoffset(7)');
    expect(declarationOf({ type: 'UniqueIdentifier' })).toBe('uniqueidentifier');
    expect(declarationOf({ type: 'BigInt' })).toBe('bigint');
  });
});

describe('COPY FROM batches', () => {
  it('repeats the one-row insert with the parameters of each row renumbered', () => {
    const insert = 'INSERT INTO [dbo].[t] ([a], [b]) VALUES (@p1, @p2)';
    expect(repeatedInsert(insert, 2, 3)).toBe(
      ['INSERT INTO [dbo].[t] ([a], [b]) VALUES (@p1, @p2)', 'INSERT INTO [dbo].[t] ([a], [b]) VALUES (@p3, @p4)', 'INSERT INTO [dbo].[t] ([a], [b]) VALUES (@p5, @p6)'].join(';\n'),
    );
    // @p1 is not a prefix match of @p10.
    expect(repeatedInsert('VALUES (@p1, @p10)', 10, 2)).toBe('VALUES (@p1, @p10);\nVALUES (@p11, @p20)');
  });
});
