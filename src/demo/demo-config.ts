// Owns the demo's configuration: a raw object in exactly the shape of pgfabric.yaml (as if parsed
// from YAML, before zod validation), and the demo users the start banner prints psql lines for.
import { demoTenants, type DemoTenant } from './demo-tenants.js';

export type DemoUser = {
  name: string;
  password: string;
  role: string;
  /** The database to ask for: a tenant, or `pgfabric` (the admin console) for the admin. */
  tenant: DemoTenant | 'pgfabric';
};

export const demoListen = { host: '127.0.0.1', port: 6432 } as const;

export const demoUsers: readonly DemoUser[] = [
  { name: 'alice', password: 'alice-demo', role: 'finance_app', tenant: 'acme' },
  { name: 'bob', password: 'bob-demo', role: 'finance_app', tenant: 'globex' },
  // A migrator of tenant acme: DDL anywhere (pgbench -i creates its tables in public), still tenant-filtered.
  { name: 'dba', password: 'dba-demo', role: 'migrator', tenant: 'acme' },
  { name: 'ops', password: 'ops-demo', role: 'admin', tenant: 'pgfabric' },
];

export function demoConfigObject(backendUrl: string): Record<string, unknown> {
  return {
    listen: { ...demoListen },
    tenantColumn: 'tenant_id',
    crossSchemaJoins: 'block',
    appendOnly: ['finance.journal_entries'],
    roles: {
      finance_app: { schemas: { finance: 'write', config: 'read' } },
      auditor: { schemas: { '*': 'read' } },
      migrator: { schemas: { '*': 'ddl' } },
    },
    backends: {
      demo_pg: { kind: 'postgres', url: backendUrl, pool: { max: 10 } },
    },
    tenants: {
      acme: { id: demoTenants.acme, backend: 'demo_pg' },
      globex: { id: demoTenants.globex, backend: 'demo_pg' },
    },
    users: demoUsers.map((user) =>
      user.role === 'admin'
        ? { name: user.name, password: user.password, role: user.role }
        : { name: user.name, password: user.password, role: user.role, tenants: [user.tenant] },
    ),
  };
}

/** The exact commands for the start banner, e.g. psql "postgres://alice:alice-demo@127.0.0.1:6432/acme". */
export function demoPsqlLines(host: string = demoListen.host, port: number = demoListen.port): string[] {
  return demoUsers.map((user) => `psql "postgres://${user.name}:${user.password}@${host}:${port}/${user.tenant}"`);
}
