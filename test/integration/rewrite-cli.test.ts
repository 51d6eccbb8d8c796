// `pgfabric rewrite` against a real backend catalog: prints the rewritten SQL, or the refusal with
// its SQLSTATE, and exits 0 / 1 accordingly.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';
import { TENANTS, testConfigObject } from '../helpers/start-proxy.js';
import { direct } from './support.js';

const run = promisify(execFile);
let configFile = '';

async function rewrite(role: string, sql: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('node', ['bin/pgfabric.js', 'rewrite', '--config', configFile, '--tenant', 'acme', '--role', role, sql]);
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

beforeAll(async () => {
  const backendUrl = await createTestDatabase(adminUrl(), 'rewrite_cli');
  await direct(backendUrl, 'create table if not exists invoices (id int, tenant_id uuid, amount numeric)');
  const config = testConfigObject(backendUrl, { database: 'rewrite_cli', extra: { roles: { app: { schemas: { public: 'write' } }, reader: { schemas: { public: 'read' } } } } });
  configFile = path.join(await mkdtemp(path.join(tmpdir(), 'pgfabric-cli-')), 'pgfabric.json');
  await writeFile(configFile, JSON.stringify(config));
});

describe('pgfabric rewrite', () => {
  it('prints the SQL with the tenant predicate', async () => {
    const r = await rewrite('app', 'select * from invoices where amount > 10');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`SELECT * FROM public.invoices WHERE amount > 10 AND invoices.tenant_id = '${TENANTS.acme}'`);
  });

  it('prints a refusal with SQLSTATE and rule, exit 1', async () => {
    const r = await rewrite('reader', 'delete from invoices');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^REFUSED 42501 \[schema_permission\] role "reader" has read access to schema "public"/);
  });
});
