// The tenant rules' catalog of a SQL Server backend, from a server model and the views' dependencies
// (the pure half of src/catalog/mssql-catalog-loader.ts; reading them from a server is left to the live tests).
import { describe, expect, it } from 'vitest';
import type { ServerColumn, ServerModel, ServerTable } from '../../../connectors/mssql/catalog/server-model.js';
import { relationKey } from '../../../rewrite/catalog/catalog.js';
import { mssqlCatalogOf } from '../../../src/catalog/mssql-catalog-loader.js';

function column(name: string): ServerColumn {
  return { name, typeName: 'int', maxLength: 4, precision: 10, scale: 0, nullable: true, defaultDefinition: null, identity: false, computed: false };
}

function relation(schema: string, name: string, kind: 'table' | 'view', columns: string[]): ServerTable {
  return { schema, name, kind, columns: columns.map(column), primaryKey: null, uniqueConstraints: [], foreignKeys: [], indexes: [], checks: [] };
}

const MODEL: ServerModel = {
  tables: [
    relation('public', 'orders', 'table', ['id', 'tenant_id', 'total']),
    relation('public', 'countries', 'table', ['code', 'name']),
    relation('public', 'big_orders', 'view', ['id', 'total']),
    relation('public', 'biggest_orders', 'view', ['id']),
    relation('public', 'country_names', 'view', ['name']),
    relation('sales', 'regions', 'table', ['code', 'label']),
  ],
};

const DEPENDENCIES = [
  { viewSchema: 'public', view: 'big_orders', schema: 'public', name: 'orders' },
  { viewSchema: 'public', view: 'biggest_orders', schema: 'public', name: 'big_orders' },
  { viewSchema: 'public', view: 'country_names', schema: 'public', name: 'countries' },
];

describe('SQL Server backend → tenant-rule catalog', () => {
  const catalog = mssqlCatalogOf(MODEL, DEPENDENCIES, { version: 3, tenantColumn: 'tenant_id' });

  it('lists the relations with their columns in order, schema dbo as public', () => {
    expect(catalog.version).toBe(3);
    expect(catalog.relations.get(relationKey('public', 'orders'))).toEqual({ schema: 'public', name: 'orders', kind: 'table', columns: ['id', 'tenant_id', 'total'], readsTenantScoped: false });
    expect(catalog.relations.get(relationKey('sales', 'regions'))?.columns).toEqual(['code', 'label']);
    expect(catalog.schemas.has('sales')).toBe(true);
  });

  it('marks views that read a tenant-scoped table, directly or through another view', () => {
    expect(catalog.relations.get(relationKey('public', 'big_orders'))?.readsTenantScoped).toBe(true);
    expect(catalog.relations.get(relationKey('public', 'biggest_orders'))?.readsTenantScoped).toBe(true);
    expect(catalog.relations.get(relationKey('public', 'country_names'))?.readsTenantScoped).toBe(false);
  });

  it('includes the emulated pg_catalog and information_schema relations', () => {
    expect(catalog.relations.get(relationKey('pg_catalog', 'pg_class'))?.kind).toBe('view');
    expect(catalog.relations.get(relationKey('information_schema', 'columns'))?.columns).toContain('column_name');
  });
});
