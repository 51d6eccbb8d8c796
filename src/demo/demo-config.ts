// Owns the demo's configuration: a raw object in exactly the shape of pgfabric.yaml (as if parsed
// from YAML, before zod validation) with one SQLite file per demo tenant, and the demo users the start
// banner prints psql lines for.
import path from 'node:path';
import { demoTenants, type DemoTenant } from './demo-tenants.js';

export type DemoUser = {
  name: string;
  password: string;
  role: string;
  /** The databases it may ask for: tenants, or `pgfabric` (the admin console) for the admin. */
  tenants: readonly (DemoTenant | 'pgfabric')[];
};

export const demoListen = { host: '127.0.0.1', port: 6432 } as const;

export const demoDir = './.pgfabric-demo';

export const demoUsers: readonly DemoUser[] = [
  { name: 'alice', password: 'alice-demo', role: 'finance_app', tenants: ['acme'] },
  { name: 'bob', password: 'bob-demo', role: 'finance_app', tenants: ['globex'] },
  // A migrator of both tenants: DDL (the demo schema is created through it; pgbench -i creates its
  // tables), still tenant-filtered.
  { name: 'dba', password: 'dba-demo', role: 'migrator', tenants: ['acme', 'globex'] },
  { name: 'ops', password: 'ops-demo', role: 'admin', tenants: ['pgfabric'] },
];

/** The user the demo schema is created through. */
export const demoSetupUser: DemoUser = demoUsers.find((u) => u.name === 'dba')!;

/** The SQLite file of each demo tenant. */
export function demoFiles(dir: string = demoDir): Record<DemoTenant, string> {
  return { acme: path.join(dir, 'acme.db'), globex: path.join(dir, 'globex.db') };
}

export function demoConfigObject(dir: string = demoDir): Record<string, unknown> {
  const files = demoFiles(dir);
  return {
    listen: { ...demoListen },
    tenantColumn: 'tenant_id',
    appendOnly: ['public.journal_entries'],
    roles: {
      finance_app: { schemas: { public: 'write' } },
      auditor: { schemas: { '*': 'read' } },
      migrator: { schemas: { '*': 'ddl' } },
    },
    backends: {
      acme_lite: { kind: 'sqlite', file: files.acme },
      globex_lite: { kind: 'sqlite', file: files.globex },
    },
    tenants: {
      acme: { id: demoTenants.acme, backend: 'acme_lite' },
      globex: { id: demoTenants.globex, backend: 'globex_lite' },
    },
    users: demoUsers.map((user) =>
      user.role === 'admin'
        ? { name: user.name, password: user.password, role: user.role }
        : { name: user.name, password: user.password, role: user.role, tenants: [...user.tenants] },
    ),
  };
}

/** The exact commands for the start banner, e.g. psql "postgres://alice:alice-demo@127.0.0.1:6432/acme". */
export function demoPsqlLines(host: string = demoListen.host, port: number = demoListen.port): string[] {
  return demoUsers.flatMap((user) => user.tenants.map((db) => `psql "postgres://${user.name}:${user.password}@${host}:${port}/${db}"`));
}
