// MssqlCatalog: the SQLite mirror of a SQL Server schema, compiled with the real SQLite dialect compiler
// (in memory, no server): OIDs, names SQL Server allows but Postgres would not, untranslated defaults,
// parameters, settings and refusals. (test/integration/mssql-catalog-mirror.test.ts compares it with Postgres.)
import { beforeAll, describe, expect, it } from 'vitest';
import { MssqlCatalog, type CatalogFailure, type CatalogResult } from '../../../connectors/mssql/catalog/mssql-catalog.js';
import { modelFromRows } from '../../../connectors/mssql/catalog/mssql-schema-reader.js';
import type { ServerColumn, ServerModel, ServerTable } from '../../../connectors/mssql/catalog/server-model.js';
import { objectOid } from '../../../connectors/sqlite/catalog/catalog-oids.js';
import type { SqliteTranslator } from '../../../connectors/sqlite/sqlite-plan.js';
import { translateToSqlite } from '../../../rewrite/dialect/sqlite/index.js';
import { loadParser } from '../../../rewrite/parser/pg-parser.js';
import { FIXTURE_ROWS } from './catalog-fixture.js';

function ok(r: CatalogResult | CatalogFailure): CatalogResult {
  if ('error' in r) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}

const col = (name: string, typeName: string, extra: Partial<ServerColumn> = {}): ServerColumn => ({
  name, typeName, maxLength: null, precision: null, scale: null, nullable: true, defaultDefinition: null, identity: false, computed: false, ...extra,
});
const table = (name: string, extra: Partial<ServerTable>): ServerTable => ({
  schema: 'public', name, kind: 'table', columns: [], primaryKey: null, uniqueConstraints: [], foreignKeys: [], indexes: [], checks: [], ...extra,
});

beforeAll(async () => {
  await loadParser();
});

describe('MssqlCatalog', () => {
  it('answers nothing before the first load (55000)', () => {
    const catalog = new MssqlCatalog(translateToSqlite);
    expect(catalog.run('select 1 from pg_catalog.pg_class', [])).toMatchObject({ error: { code: '55000' } });
    expect(catalog.describe('select 1 from pg_catalog.pg_class')).toMatchObject({ error: { code: '55000' } });
  });

  it('gives relations the SQLite connector\'s OIDs (hashed names), the same after a rebuild', () => {
    const catalog = new MssqlCatalog(translateToSqlite);
    const sql = `select relname, oid from pg_catalog.pg_class where relkind in ('r', 'v') order by relname`;
    catalog.load(modelFromRows(FIXTURE_ROWS));
    const first = ok(catalog.run(sql, [])).rows;
    catalog.load(modelFromRows(FIXTURE_ROWS));
    expect(ok(catalog.run(sql, [])).rows).toEqual(first);
    expect(first).toEqual(['big_orders', 'customers', 'order_items', 'orders'].map((n) => [n, String(objectOid('class', n))]));
    catalog.close();
  });

  it('sees a reload: a table dropped on the server is gone, a new one is there', () => {
    const catalog = new MssqlCatalog(translateToSqlite);
    catalog.load({ tables: [table('a', { columns: [col('id', 'int')] })] });
    const sql = `select table_name from information_schema.tables where table_schema = 'public' order by 1`;
    expect(ok(catalog.run(sql, [])).rows).toEqual([['a']]);
    catalog.load({ tables: [table('b', { columns: [col('id', 'int')] })] });
    expect(ok(catalog.run(sql, [])).rows).toEqual([['b']]);
    catalog.close();
  });

  it('builds on the first query, keeps an unchanged model, and after a change compiles only the statements it touches', () => {
    const calls: string[] = [];
    const counting: SqliteTranslator = (sql, schema) => {
      calls.push(sql);
      return translateToSqlite(sql, schema);
    };
    const base = modelFromRows(FIXTURE_ROWS);
    const catalog = new MssqlCatalog(counting);
    catalog.load(base);
    expect(calls).toEqual([]);
    const sql = `select a.attname, format_type(a.atttypid, a.atttypmod) from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid
      where c.relname = $1 and a.attnum > 0 order by c.relname, a.attnum`;
    ok(catalog.run(sql, ['orders']));
    expect(calls).toHaveLength(2); // the DDL as one batch, the query
    catalog.load(modelFromRows(FIXTURE_ROWS));
    ok(catalog.run(sql, ['orders']));
    expect(calls).toHaveLength(2);
    // order_items gains a column: its CREATE TABLE and its index compile again, nothing else (customers, orders, big_orders do not refer to it).
    const changed = { tables: base.tables.map((t) => (t.name === 'order_items' ? { ...t, columns: [...t.columns, { ...t.columns[1]!, name: 'extra', typeName: 'nvarchar', maxLength: 9 }] } : t)) };
    catalog.load(changed);
    const after = ok(catalog.run(sql, ['order_items'])).rows;
    expect(calls.slice(2).map((c) => c.slice(0, 30))).toEqual(['CREATE TABLE order_items (orde', 'CREATE UNIQUE INDEX "UX_order_', sql.slice(0, 30)]);
    expect(after.at(-1)).toEqual(['extra', 'character varying(9)']);
    const fresh = new MssqlCatalog(translateToSqlite);
    fresh.load(changed);
    const all = `select c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid order by 1, 3`;
    expect(ok(catalog.run(all, [])).rows).toEqual(ok(fresh.run(all, [])).rows);
    expect(catalog.notes).toEqual([]);
    catalog.close();
    fresh.close();
  });

  it('creates a table whose DDL the compiler refuses from its fallback, says so, and still shows its keys and CHECK', () => {
    // SQL Server converts implicitly where Postgres has no operator (character varying > integer): the CHECK does not compile.
    const model: ServerModel = { tables: [table('t', {
      columns: [col('id', 'int', { nullable: false }), col('code', 'nvarchar', { maxLength: 5 })], primaryKey: { name: 'PK_t', columns: ['id'] },
      checks: [{ name: 'CK_t_code', definition: '([code]>(0))', column: 'code' }],
    })] };
    const catalog = new MssqlCatalog(translateToSqlite);
    catalog.load(model);
    expect(catalog.notes).toHaveLength(1);
    expect(catalog.notes[0]).toMatch(/^CREATE TABLE t \(.*\): .* \(created without defaults and constraints\)$/);
    const cons = ok(catalog.run(`select conname, contype, pg_get_constraintdef(oid) from pg_catalog.pg_constraint order by 1`, [])).rows;
    expect(cons).toEqual([['CK_t_code', 'c', 'CHECK ((code > (0)))'], ['PK_t', 'p', 'PRIMARY KEY (id)']]);
    catalog.close();
  });

  it('shows an index name SQL Server repeats on two tables on both, with its own OID each', () => {
    const model: ServerModel = { tables: ['a', 'b'].map((n) => table(n, { columns: [col('id', 'int'), col('x', 'int')], indexes: [{ name: 'IX_x', columns: ['x'], unique: false }] })) };
    const catalog = new MssqlCatalog(translateToSqlite);
    catalog.load(model);
    expect(catalog.notes).toEqual([]);
    const rows = ok(catalog.run(`select tablename, indexname, indexdef from pg_catalog.pg_indexes order by 1`, [])).rows;
    expect(rows).toEqual([['a', 'IX_x', 'CREATE INDEX "IX_x" ON public.a USING btree (x)'], ['b', 'IX_x', 'CREATE INDEX "IX_x" ON public.b USING btree (x)']]);
    const oids = ok(catalog.run(`select oid from pg_catalog.pg_class where relname = 'IX_x'`, [])).rows;
    expect(new Set(oids.map((r) => r[0])).size).toBe(2);
    catalog.close();
  });

  it('shows a default it cannot translate as its T-SQL text (so ORMs still see that the column has one), and computed columns', () => {
    const model: ServerModel = { tables: [table('t', { columns: [col('n', 'int', { nullable: false, defaultDefinition: '(NEXT VALUE FOR [dbo].[seq])' }), col('c', 'int', { computed: true })] })] };
    const catalog = new MssqlCatalog(translateToSqlite);
    catalog.load(model);
    const rows = ok(catalog.run(`select column_name, column_default, is_nullable, data_type from information_schema.columns where table_name = 't' order by ordinal_position`, [])).rows;
    expect(rows).toEqual([['n', 'NEXT VALUE FOR [dbo].[seq]', 'NO', 'integer'], ['c', null, 'YES', 'integer']]);
    catalog.close();
  });

  describe('queries', () => {
    const catalog = new MssqlCatalog(translateToSqlite);
    beforeAll(() => catalog.load(modelFromRows(FIXTURE_ROWS)));

    it('binds $N from Postgres text by the inferred type, and tags the result', () => {
      const r = ok(catalog.run(`select attname, attnum from pg_catalog.pg_attribute where attrelid = $1::regclass and attnum > $2 order by attnum`, ['orders', '4']));
      expect(r).toEqual({ columns: [{ name: 'attname', oid: 19, typmod: -1, typlen: 64 }, { name: 'attnum', oid: 21, typmod: -1, typlen: 2 }], rows: [['note', '5'], ['placed_at', '6']], tag: 'SELECT 2' });
      expect(catalog.run(`select attname from pg_catalog.pg_attribute where attnum > $1`, ['four'])).toMatchObject({ error: { code: '22P02' } });
    });

    it('reads the session: current_user, current_database(), version()', () => {
      const settings = new Map([['session_authorization', 'alice'], ['pgfabric.database', 'initech']]);
      const r = ok(catalog.run('select current_user, current_database(), version()', [], settings));
      expect(r.rows).toEqual([['alice', 'initech', 'PostgreSQL 15.18 (pgfabric, SQL Server backend)']]);
    });

    it('refuses what is not a catalog read, and what the emulation lacks', () => {
      expect(catalog.run('delete from orders', [])).toMatchObject({ error: { code: '0A000' } });
      expect(catalog.run('select 1; select 2', [])).toMatchObject({ error: { code: '0A000' } });
      expect(catalog.run('select * from pg_catalog.pg_proc', [])).toMatchObject({ error: { message: expect.stringContaining('pg_proc') } });
    });
  });
});
