// The SQL Server schema reader's pure half (sys.* rows → ServerModel → the compiler's MssqlSchema) and the
// type-name table it shares with result metadata.
import { describe, expect, it } from 'vitest';
import { modelFromRows, toMssqlSchema } from '../../../connectors/mssql/catalog/mssql-schema-reader.js';
import { pgTypeOfServer } from '../../../connectors/mssql/mssql-type-names.js';
import { FIXTURE_ROWS } from './catalog-fixture.js';

describe('SQL Server type names → Postgres types', () => {
  it('maps every type the brief names to its OID, typmod and format_type text', () => {
    const cases: [string, number | null, number | null, number | null, number, number, string][] = [
      ['bit', null, null, null, 16, -1, 'boolean'],
      ['tinyint', null, null, null, 21, -1, 'smallint'],
      ['smallint', null, null, null, 21, -1, 'smallint'],
      ['int', null, null, null, 23, -1, 'integer'],
      ['bigint', null, null, null, 20, -1, 'bigint'],
      ['real', null, null, null, 700, -1, 'real'],
      ['float', null, null, null, 701, -1, 'double precision'],
      ['decimal', null, 12, 2, 1700, ((12 << 16) | 2) + 4, 'numeric(12,2)'],
      ['numeric', null, 38, 10, 1700, ((38 << 16) | 10) + 4, 'numeric(38,10)'],
      ['money', null, 19, 4, 1700, ((19 << 16) | 4) + 4, 'numeric(19,4)'],
      ['smallmoney', null, 10, 4, 1700, ((10 << 16) | 4) + 4, 'numeric(10,4)'],
      ['nvarchar', -1, null, null, 25, -1, 'text'],
      ['varchar', -1, null, null, 25, -1, 'text'],
      ['ntext', null, null, null, 25, -1, 'text'],
      ['xml', null, null, null, 25, -1, 'text'],
      ['nvarchar', 120, null, null, 1043, 124, 'character varying(120)'],
      ['varchar', 40, null, null, 1043, 44, 'character varying(40)'],
      ['nchar', 3, null, null, 1042, 7, 'character(3)'],
      ['char', 8, null, null, 1042, 12, 'character(8)'],
      ['varbinary', -1, null, null, 17, -1, 'bytea'],
      ['binary', 16, null, null, 17, -1, 'bytea'],
      ['image', null, null, null, 17, -1, 'bytea'],
      ['timestamp', null, null, null, 17, -1, 'bytea'],
      ['date', null, null, null, 1082, -1, 'date'],
      ['time', null, null, null, 1083, -1, 'time without time zone'],
      ['datetime2', null, null, null, 1114, -1, 'timestamp without time zone'],
      ['datetime', null, null, null, 1114, -1, 'timestamp without time zone'],
      ['smalldatetime', null, null, null, 1114, -1, 'timestamp without time zone'],
      ['datetimeoffset', null, null, null, 1184, -1, 'timestamp with time zone'],
      ['uniqueidentifier', null, null, null, 2950, -1, 'uuid'],
      ['UNIQUEIDENTIFIER', null, null, null, 2950, -1, 'uuid'],
    ];
    for (const [name, length, precision, scale, oid, typmod, display] of cases) {
      expect(pgTypeOfServer(name, length, precision, scale), name).toMatchObject({ oid, typmod, display });
    }
  });
});

describe('modelFromRows', () => {
  const model = modelFromRows(FIXTURE_ROWS);
  const table = (name: string) => model.tables.find((t) => t.name === name)!;

  it('reads relations with their Postgres schema (dbo is public), kind and columns in order', () => {
    expect(model.tables.map((t) => `${t.schema}.${t.name}:${t.kind}`)).toEqual(['public.big_orders:view', 'public.customers:table', 'public.order_items:table', 'public.orders:table', 'sales.regions:table']);
    expect(table('customers').columns.map((c) => c.name)).toEqual(['id', 'name', 'email', 'balance', 'active', 'external_id', 'created_at']);
    expect(table('customers').columns[1]).toEqual({ name: 'name', typeName: 'nvarchar', maxLength: 120, precision: null, scale: null, nullable: false, defaultDefinition: null, identity: false, computed: false });
    expect(table('customers').columns[2]!.maxLength).toBe(-1);
    expect(table('customers').columns[3]).toMatchObject({ typeName: 'decimal', precision: 12, scale: 2, defaultDefinition: '((0))' });
    expect(table('regions').columns[1]!.maxLength).toBe(40);
    expect(table('customers').columns[0]!.identity).toBe(true);
  });

  it('sorts keys, unique constraints, indexes, foreign keys and checks apart', () => {
    expect(table('customers').primaryKey).toEqual({ name: 'PK_customers', columns: ['id'] });
    expect(table('customers').uniqueConstraints).toEqual([{ name: 'UQ_customers_name', columns: ['name'] }]);
    expect(table('order_items').primaryKey).toEqual({ name: 'PK_order_items', columns: ['order_id', 'line'] });
    expect(table('order_items').indexes).toEqual([{ name: 'UX_order_items_sku', columns: ['order_id', 'sku'], unique: true }]);
    expect(table('orders').indexes).toEqual([{ name: 'IX_orders_customer_id', columns: ['customer_id'], unique: false }]);
    expect(table('orders').foreignKeys).toEqual([{ name: 'FK_orders_customers', columns: ['customer_id'], refSchema: 'public', refTable: 'customers', refColumns: ['id'], onUpdate: 'NO ACTION', onDelete: 'CASCADE' }]);
    expect(table('orders').checks).toEqual([{ name: 'CK_orders_total', definition: '([total]>=(0))', column: 'total' }]);
    expect(table('big_orders').primaryKey).toBeNull();
  });

  it('groups a composite foreign key by constraint and orders its columns', () => {
    const rows = { ...FIXTURE_ROWS, foreignKeys: [2, 1].map((n) => ({
      schema_name: 'dbo', table_name: 'order_items', constraint_name: 'FK_two', constraint_column_id: n, column_name: n === 1 ? 'order_id' : 'line',
      ref_schema_name: 'sales', ref_table_name: 'regions', ref_column_name: n === 1 ? 'a' : 'b', on_update: 'SET_NULL', on_delete: 'SET_DEFAULT',
    })) };
    const fk = modelFromRows(rows).tables.find((t) => t.name === 'order_items')!.foreignKeys;
    expect(fk).toEqual([{ name: 'FK_two', columns: ['order_id', 'line'], refSchema: 'sales', refTable: 'regions', refColumns: ['a', 'b'], onUpdate: 'SET NULL', onDelete: 'SET DEFAULT' }]);
  });
});

describe('toMssqlSchema', () => {
  it('gives the compiler Postgres types, defaults, identity and the unique keys, primary key first', () => {
    const schema = toMssqlSchema(modelFromRows(FIXTURE_ROWS), 7);
    expect(schema.version).toBe(7);
    expect([...schema.tables.keys()]).toEqual(['public.big_orders', 'public.customers', 'public.order_items', 'public.orders', 'sales.regions']);
    const customers = schema.tables.get('public.customers')!;
    expect(customers.columns.map((c) => [c.name, c.pgType, c.notNull, c.identity, c.hasDefault])).toEqual([
      ['id', 'integer', true, true, true], ['name', 'character varying(120)', true, false, false], ['email', 'text', false, false, false],
      ['balance', 'numeric(12,2)', true, false, true], ['active', 'boolean', true, false, true], ['external_id', 'uuid', true, false, true],
      ['created_at', 'timestamp with time zone', true, false, true],
    ]);
    expect(customers.uniqueKeys).toEqual([['id'], ['name']]);
    expect(schema.tables.get('public.order_items')!.uniqueKeys).toEqual([['order_id', 'line'], ['order_id', 'sku']]);
    expect(schema.tables.get('public.orders')!.uniqueKeys).toEqual([['id']]);
    expect(schema.tables.get('public.order_items')!.columns.find((c) => c.name === 'price')!.pgType).toBe('numeric(19,4)');
    expect(schema.tables.get('sales.regions')).toMatchObject({ schema: 'sales', kind: 'table', uniqueKeys: [['code']] });
    expect(schema.tables.get('public.big_orders')!.kind).toBe('view');
  });
});

describe('filtered unique indexes', () => {
  const filtered = (name: string, filter: string, columns: string[], unique = true) =>
    columns.map((column, k) => ({
      schema_name: 'dbo', table_name: 'customers', index_name: name, index_id: 10 + name.length, is_primary_key: false, is_unique_constraint: false,
      is_unique: unique, has_filter: true, filter_definition: filter, key_ordinal: k + 1, column_name: column,
    }));

  it("reads pgfabric's UNIQUE over nullable columns (a unique index WHERE every key IS NOT NULL) as a unique constraint", () => {
    const rows = { ...FIXTURE_ROWS, indexes: [...FIXTURE_ROWS.indexes, ...filtered('customers_email_key', '([email] IS NOT NULL)', ['email']), ...filtered('customers_name_email_key', '([name] IS NOT NULL AND [email] IS NOT NULL)', ['name', 'email'])] };
    const customers = modelFromRows(rows).tables.find((t) => t.name === 'customers')!;
    expect(customers.uniqueConstraints.map((k) => k.name)).toEqual(expect.arrayContaining(['customers_email_key', 'customers_name_email_key']));
    const keys = toMssqlSchema(modelFromRows(rows), 1).tables.get('public.customers')!.uniqueKeys;
    expect(keys).toEqual(expect.arrayContaining([['email'], ['name', 'email']]));
  });

  it('leaves out any other filtered index (its filter cannot be shown as Postgres shows an index)', () => {
    const rows = { ...FIXTURE_ROWS, indexes: [...FIXTURE_ROWS.indexes, ...filtered('active_email', '([active]=(1))', ['email']), ...filtered('email_nn', '([email] IS NOT NULL)', ['email'], false)] };
    const customers = modelFromRows(rows).tables.find((t) => t.name === 'customers')!;
    const names = [...customers.uniqueConstraints, ...customers.indexes].map((k) => k.name);
    expect(names).not.toContain('active_email');
    expect(names).not.toContain('email_nn');
  });
});
