// mirror-ddl.ts: the Postgres DDL of a SQL Server schema (types, IDENTITY as serial, defaults translated
// where simple, constraints and indexes with their SQL Server names, referenced tables first).
import { describe, expect, it } from 'vitest';
import { checkExpression, defaultDisplay, mirrorDdl, quoteIdent, stripParens, translateDefault } from '../../../connectors/mssql/catalog/mirror-ddl.js';
import { modelFromRows } from '../../../connectors/mssql/catalog/mssql-schema-reader.js';
import type { ServerColumn, ServerModel, ServerTable } from '../../../connectors/mssql/catalog/server-model.js';
import { FIXTURE_ROWS } from './catalog-fixture.js';

const column = (typeName: string, defaultDefinition: string | null, extra: Partial<ServerColumn> = {}): ServerColumn => ({
  name: 'c', typeName, maxLength: null, precision: null, scale: null, nullable: true, defaultDefinition, identity: false, computed: false, ...extra,
});

const table = (name: string, extra: Partial<ServerTable> = {}): ServerTable => ({
  schema: 'public', name, kind: 'table', columns: [column('int', null, { name: 'id', nullable: false })], primaryKey: { name: `PK_${name}`, columns: ['id'] },
  uniqueConstraints: [], foreignKeys: [], indexes: [], checks: [], ...extra,
});

describe('mirrorDdl', () => {
  it('writes the fixture schema as Postgres DDL, referenced tables first, the sales schema left out', () => {
    const ddl = mirrorDdl(modelFromRows(FIXTURE_ROWS)).map((s) => s.sql);
    expect(ddl).toEqual([
      'CREATE TABLE big_orders (id bigint NOT NULL, total numeric(12,2))',
      'CREATE TABLE customers (id serial, name character varying(120) NOT NULL, email text, balance numeric(12,2) NOT NULL DEFAULT 0, active boolean NOT NULL DEFAULT true, ' +
        'external_id uuid NOT NULL DEFAULT gen_random_uuid(), created_at timestamp with time zone NOT NULL DEFAULT now(), CONSTRAINT "PK_customers" PRIMARY KEY (id), CONSTRAINT "UQ_customers_name" UNIQUE (name))',
      "CREATE TABLE orders (id bigserial, customer_id integer NOT NULL, status character varying(20) NOT NULL DEFAULT 'new', total numeric(12,2), note text, " +
        'placed_at timestamp without time zone NOT NULL DEFAULT now(), CONSTRAINT "PK_orders" PRIMARY KEY (id), CONSTRAINT "CK_orders_total" CHECK ((total >= (0))), ' +
        'CONSTRAINT "FK_orders_customers" FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE)',
      'CREATE TABLE order_items (order_id bigint NOT NULL, line smallint NOT NULL, sku character(8) NOT NULL, qty integer NOT NULL DEFAULT 1, price numeric(19,4) NOT NULL, ' +
        'CONSTRAINT "PK_order_items" PRIMARY KEY (order_id, line), CONSTRAINT "CK_order_items_qty" CHECK ((qty > (0))), ' +
        'CONSTRAINT "FK_order_items_orders" FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE)',
      'CREATE INDEX "IX_orders_customer_id" ON orders (customer_id)',
      'CREATE UNIQUE INDEX "UX_order_items_sku" ON order_items (order_id, sku)',
    ]);
  });

  it('adds a foreign key that closes a cycle afterwards, with ALTER TABLE; a self-reference stays inline', () => {
    const fk = (name: string, refTable: string) => ({ name, columns: ['id'], refSchema: 'public', refTable, refColumns: ['id'], onUpdate: 'CASCADE' as const, onDelete: 'SET NULL' as const });
    const model: ServerModel = { tables: [table('a', { foreignKeys: [fk('FK_a_b', 'b')] }), table('b', { foreignKeys: [fk('FK_b_a', 'a'), fk('FK_b_b', 'b')] })] };
    const ddl = mirrorDdl(model).map((s) => s.sql);
    expect(ddl[0]).toBe('CREATE TABLE b (id integer NOT NULL, CONSTRAINT "PK_b" PRIMARY KEY (id), CONSTRAINT "FK_b_b" FOREIGN KEY (id) REFERENCES b (id) ON UPDATE CASCADE ON DELETE SET NULL)');
    expect(ddl[1]).toContain('CREATE TABLE a (');
    expect(ddl[1]).toContain('CONSTRAINT "FK_a_b" FOREIGN KEY (id) REFERENCES b (id)');
    expect(ddl[2]).toBe('ALTER TABLE b ADD CONSTRAINT "FK_b_a" FOREIGN KEY (id) REFERENCES a (id) ON UPDATE CASCADE ON DELETE SET NULL');
  });

  it('leaves out foreign keys to other schemas and quotes names Postgres would fold or reject', () => {
    const model: ServerModel = { tables: [table('Order Lines', { foreignKeys: [{ name: 'FK_x', columns: ['id'], refSchema: 'sales', refTable: 'r', refColumns: ['id'], onUpdate: 'NO ACTION', onDelete: 'NO ACTION' }] })] };
    expect(mirrorDdl(model).map((s) => s.sql)).toEqual(['CREATE TABLE "Order Lines" (id integer NOT NULL, CONSTRAINT "PK_Order Lines" PRIMARY KEY (id))']);
    expect([quoteIdent('user'), quoteIdent('Name'), quoteIdent('a"b'), quoteIdent('ok_1')]).toEqual(['"user"', '"Name"', '"a""b"', 'ok_1']);
  });

  it('gives every CREATE TABLE a plain fallback: columns, types and NOT NULL only', () => {
    const model: ServerModel = { tables: [table('t', { columns: [column('int', '(dbo.f())', { name: 'x', nullable: false })] })] };
    expect(mirrorDdl(model)[0]!.fallback).toBe('CREATE TABLE t (x integer NOT NULL)');
  });
});

describe('defaults', () => {
  it('translates constants, the clock and newid() into Postgres DDL and shows them as Postgres does', () => {
    const cases: [ServerColumn, string | null, string | null][] = [
      [column('int', '((0))'), '0', '0'],
      [column('int', '((-1))'), '-1', "'-1'::integer"],
      [column('decimal', '((1.50))', { precision: 10, scale: 2 }), '1.50', '1.50'],
      [column('decimal', '((-2.5))', { precision: 10, scale: 2 }), '-2.5', "'-2.5'::numeric"],
      [column('bit', '((0))'), 'false', 'false'],
      [column('bit', '(CONVERT([bit],(1)))'), 'true', 'true'],
      [column('nvarchar', "(N'it''s')", { maxLength: 20 }), "'it''s'", "'it''s'::character varying"],
      [column('nvarchar', "('x')", { maxLength: -1 }), "'x'", "'x'::text"],
      [column('nchar', "(N'ab')", { maxLength: 2 }), "'ab'", "'ab'::bpchar"],
      [column('date', "('2020-01-31')"), "'2020-01-31'", "'2020-01-31'::date"],
      [column('datetime2', '(getdate())'), 'now()', 'now()'],
      [column('datetime', '(getutcdate())'), 'now()', 'now()'],
      [column('datetimeoffset', '(sysdatetimeoffset())'), 'now()', 'now()'],
      [column('uniqueidentifier', '(newid())'), 'gen_random_uuid()', 'gen_random_uuid()'],
      [column('uniqueidentifier', '(newsequentialid())'), 'gen_random_uuid()', 'gen_random_uuid()'],
      [column('int', '(NEXT VALUE FOR [dbo].[seq])'), null, 'NEXT VALUE FOR [dbo].[seq]'],
      [column('int', '(getdate())'), null, 'getdate()'],
      [column('int', null), null, null],
      [column('int', '(NULL)'), null, null],
      [column('datetime2', '(CONVERT([datetime2](7),getdate()))'), 'now()', 'now()'],
      [column('decimal', '(CONVERT([decimal](10,2),(0)))', { precision: 10, scale: 2 }), '0', '0'],
    ];
    for (const [c, ddl, display] of cases) {
      expect(translateDefault(c)?.ddl ?? null, c.defaultDefinition ?? 'none').toBe(ddl);
      expect(defaultDisplay('t', c), c.defaultDefinition ?? 'none').toBe(display);
    }
  });

  it('shows an IDENTITY column as a serial column: its sequence default', () => {
    expect(defaultDisplay('orders', column('bigint', null, { name: 'id', identity: true }))).toBe("nextval('orders_id_seq'::regclass)");
    expect(defaultDisplay('Orders', column('int', null, { name: 'id', identity: true }))).toBe(`nextval('"Orders_id_seq"'::regclass)`);
  });

  it('strips only the parentheses that wrap the whole expression', () => {
    expect(stripParens('((0))')).toBe('0');
    expect(stripParens('(a) + (b)')).toBe('(a) + (b)');
    expect(stripParens("(N')(')")).toBe("N')('");
  });
});

describe('checkExpression', () => {
  it('turns the simple CHECKs SQL Server stores into Postgres', () => {
    expect(checkExpression('([qty]>(0))')).toBe('(qty > (0))');
    expect(checkExpression("([status]='shipped' OR [status]=N'new')")).toBe("(status = 'shipped' OR status = 'new')");
    expect(checkExpression('([a]>=(0) AND [Weird]]Name] IS NOT NULL)')).toBe('(a >= (0) AND "Weird]Name" IS NOT NULL)');
    expect(checkExpression('([x]<>(1))')).toBe('(x <> (1))');
    expect(checkExpression("([kind] IN ('a', 'b'))")).toBe("(kind IN ('a', 'b'))");
  });

  it('refuses anything else (functions, arithmetic, LIKE with its T-SQL pattern classes)', () => {
    expect(checkExpression('(len([name])>(0))')).toBeNull();
    expect(checkExpression("([code] like '[A-Z]%')")).toBeNull();
    expect(checkExpression('([a]+[b]>(0))')).toBeNull();
  });
});
