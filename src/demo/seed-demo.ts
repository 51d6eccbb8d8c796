// Owns creating the demo schema and rows: once pgfabric listens, the Postgres-dialect script of
// demo-schema.ts runs through an ordinary pgfabric session on each demo tenant (so it is compiled to
// SQLite by the dialect compiler and the tenant column is filled by the tenant rules, as for any client).
import pg from 'pg';
import { demoSetupUser } from './demo-config.js';
import { demoRowsSql, demoTablesSql } from './demo-schema.js';
import { demoTenants, type DemoTenant } from './demo-tenants.js';

export async function seedDemo(host: string, port: number): Promise<void> {
  for (const tenant of Object.keys(demoTenants) as DemoTenant[]) {
    const client = new pg.Client({ host, port, user: demoSetupUser.name, password: demoSetupUser.password, database: tenant, application_name: 'pgfabric-demo-setup' });
    await client.connect();
    try {
      await client.query(demoTablesSql);
      await client.query(demoRowsSql(tenant));
    } catch (err) {
      throw new Error(`creating the demo schema on tenant ${tenant}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
}
