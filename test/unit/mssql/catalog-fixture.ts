// A realistic SQL Server schema as the schema reader's sys.* queries return it (mssql-schema-reader.ts),
// written by hand from what SQL Server 2019 stores for this T-SQL:
//
//   CREATE TABLE dbo.customers (id int IDENTITY CONSTRAINT PK_customers PRIMARY KEY, name nvarchar(120) NOT NULL
//     CONSTRAINT UQ_customers_name UNIQUE, email nvarchar(max), balance decimal(12,2) NOT NULL DEFAULT 0, active bit NOT NULL
//     DEFAULT 1, external_id uniqueidentifier NOT NULL DEFAULT newid(), created_at datetimeoffset NOT NULL DEFAULT sysdatetimeoffset());
//   CREATE TABLE dbo.orders (id bigint IDENTITY CONSTRAINT PK_orders PRIMARY KEY, customer_id int NOT NULL
//     CONSTRAINT FK_orders_customers REFERENCES dbo.customers (id) ON DELETE CASCADE, status nvarchar(20) NOT NULL DEFAULT N'new',
//     total decimal(12,2), note nvarchar(max), placed_at datetime2 NOT NULL DEFAULT getdate(), CONSTRAINT CK_orders_total CHECK (total >= 0));
//   CREATE INDEX IX_orders_customer_id ON dbo.orders (customer_id);
//   CREATE TABLE dbo.order_items (order_id bigint NOT NULL CONSTRAINT FK_order_items_orders REFERENCES dbo.orders (id) ON DELETE CASCADE,
//     line smallint NOT NULL, sku char(8) NOT NULL, qty int NOT NULL DEFAULT 1 CONSTRAINT CK_order_items_qty CHECK (qty > 0), price money NOT NULL, CONSTRAINT PK_order_items PRIMARY KEY (order_id, line));
//   CREATE UNIQUE INDEX UX_order_items_sku ON dbo.order_items (order_id, sku);
//   CREATE VIEW dbo.big_orders AS SELECT id, total FROM dbo.orders WHERE total > 100;
//   CREATE SCHEMA sales; CREATE TABLE sales.regions (code char(2) NOT NULL CONSTRAINT PK_regions PRIMARY KEY, label varchar(40));
import type { SchemaRows } from '../../../connectors/mssql/catalog/mssql-schema-reader.js';

type Col = [table: string, name: string, type: string, maxLength: number, precision: number, scale: number, nullable: boolean, identity: boolean, def: string | null];

const COLUMNS: Col[] = [
  ['customers', 'id', 'int', 4, 10, 0, false, true, null],
  ['customers', 'name', 'nvarchar', 240, 0, 0, false, false, null],
  ['customers', 'email', 'nvarchar', -1, 0, 0, true, false, null],
  ['customers', 'balance', 'decimal', 9, 12, 2, false, false, '((0))'],
  ['customers', 'active', 'bit', 1, 1, 0, false, false, '((1))'],
  ['customers', 'external_id', 'uniqueidentifier', 16, 0, 0, false, false, '(newid())'],
  ['customers', 'created_at', 'datetimeoffset', 10, 34, 7, false, false, '(sysdatetimeoffset())'],
  ['orders', 'id', 'bigint', 8, 19, 0, false, true, null],
  ['orders', 'customer_id', 'int', 4, 10, 0, false, false, null],
  ['orders', 'status', 'nvarchar', 40, 0, 0, false, false, "(N'new')"],
  ['orders', 'total', 'decimal', 9, 12, 2, true, false, null],
  ['orders', 'note', 'nvarchar', -1, 0, 0, true, false, null],
  ['orders', 'placed_at', 'datetime2', 8, 27, 7, false, false, '(getdate())'],
  ['order_items', 'order_id', 'bigint', 8, 19, 0, false, false, null],
  ['order_items', 'line', 'smallint', 2, 5, 0, false, false, null],
  ['order_items', 'sku', 'char', 8, 0, 0, false, false, null],
  ['order_items', 'qty', 'int', 4, 10, 0, false, false, '((1))'],
  ['order_items', 'price', 'money', 8, 19, 4, false, false, null],
  ['big_orders', 'id', 'bigint', 8, 19, 0, false, false, null],
  ['big_orders', 'total', 'decimal', 9, 12, 2, true, false, null],
];

const SALES_COLUMNS: Col[] = [
  ['regions', 'code', 'char', 2, 0, 0, false, false, null],
  ['regions', 'label', 'varchar', 40, 0, 0, true, false, null],
];

const columnRow = (schema: string) => (c: Col, i: number) => ({
  schema_name: schema, table_name: c[0], column_name: c[1], column_id: i + 1, type_name: c[2], max_length: c[3], precision: c[4], scale: c[5],
  is_nullable: c[6], is_identity: c[7], is_computed: false, default_definition: c[8],
});

type Ix = [table: string, name: string, id: number, pk: boolean, uq: boolean, unique: boolean, columns: string[]];

const INDEXES: Ix[] = [
  ['customers', 'PK_customers', 1, true, false, true, ['id']],
  ['customers', 'UQ_customers_name', 2, false, true, true, ['name']],
  ['order_items', 'PK_order_items', 1, true, false, true, ['order_id', 'line']],
  ['order_items', 'UX_order_items_sku', 2, false, false, true, ['order_id', 'sku']],
  ['orders', 'PK_orders', 1, true, false, true, ['id']],
  ['orders', 'IX_orders_customer_id', 2, false, false, false, ['customer_id']],
];

export const FIXTURE_ROWS: SchemaRows = {
  relations: [
    { schema_name: 'dbo', table_name: 'big_orders', type: 'V ' },
    { schema_name: 'dbo', table_name: 'customers', type: 'U ' },
    { schema_name: 'dbo', table_name: 'order_items', type: 'U ' },
    { schema_name: 'dbo', table_name: 'orders', type: 'U ' },
    { schema_name: 'sales', table_name: 'regions', type: 'U ' },
  ],
  columns: [...COLUMNS.map(columnRow('dbo')), ...SALES_COLUMNS.map(columnRow('sales'))],
  indexes: [
    ...INDEXES.flatMap(([table, name, id, pk, uq, unique, columns]) => columns.map((column, k) => ({
      schema_name: 'dbo', table_name: table, index_name: name, index_id: id, is_primary_key: pk, is_unique_constraint: uq, is_unique: unique, key_ordinal: k + 1, column_name: column,
    }))),
    { schema_name: 'sales', table_name: 'regions', index_name: 'PK_regions', index_id: 1, is_primary_key: true, is_unique_constraint: false, is_unique: true, key_ordinal: 1, column_name: 'code' },
  ],
  foreignKeys: [
    { schema_name: 'dbo', table_name: 'order_items', constraint_name: 'FK_order_items_orders', constraint_column_id: 1, column_name: 'order_id', ref_schema_name: 'dbo', ref_table_name: 'orders', ref_column_name: 'id', on_update: 'NO_ACTION', on_delete: 'CASCADE' },
    { schema_name: 'dbo', table_name: 'orders', constraint_name: 'FK_orders_customers', constraint_column_id: 1, column_name: 'customer_id', ref_schema_name: 'dbo', ref_table_name: 'customers', ref_column_name: 'id', on_update: 'NO_ACTION', on_delete: 'CASCADE' },
  ],
  checks: [
    { schema_name: 'dbo', table_name: 'order_items', constraint_name: 'CK_order_items_qty', definition: '([qty]>(0))', column_name: 'qty' },
    { schema_name: 'dbo', table_name: 'orders', constraint_name: 'CK_orders_total', definition: '([total]>=(0))', column_name: 'total' },
  ],
};
