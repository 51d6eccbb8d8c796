// The contract's example config loads and resolves to the runtime shape; defaults and the JSON
// form behave the same; loadConfigFile picks the format from the extension.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfigFile, parseConfigText } from '../../../src/config/load-config.js';
import { baseConfig, hasOpenssl, loadJson, makeTempDir, removeTempDirs, writeTlsPair } from './config-test-files.js';

const FIXTURE = new URL('./fixtures/contract-example.yaml', import.meta.url);
const ENV = { PG_PASSWORD: 'pg-secret', MSSQL_PASSWORD: 'Mssql-Secret1', ALICE_PASSWORD: `it's "quoted": #1, {x}` };

afterAll(removeTempDirs);

function contractDir(): string {
  const dir = makeTempDir();
  copyFileSync(FIXTURE, join(dir, 'pgfabric.yaml'));
  writeTlsPair(join(dir, 'certs'));
  return dir;
}

describe.skipIf(!hasOpenssl())('the contract example', () => {
  it('loads and resolves every section', async () => {
    const dir = contractDir();
    const result = await loadConfigFile(join(dir, 'pgfabric.yaml'), ENV);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { config } = result;
    expect(config.sourcePath).toBe(join(dir, 'pgfabric.yaml'));
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 6432 });
    expect(config.tls?.cert).toBe(join(dir, 'certs/server.crt'));
    expect(config.tls?.required).toBe(false);
    expect(config.tls?.certPem.equals(readFileSync(join(dir, 'certs/server.crt')))).toBe(true);
    expect(config.tls?.keyPem.equals(readFileSync(join(dir, 'certs/server.key')))).toBe(true);
    expect(config.metrics).toEqual({ host: '127.0.0.1', port: 9187 });
    expect(config.tenantColumn).toBe('tenant_id');
    expect(config.crossSchemaJoins).toBe('block');
    expect(config.appendOnly).toEqual(['finance.journal_entries', 'finance.journal_lines']);
    expect(config.limits).toEqual({ maxMessageSize: 64 * 1024 * 1024, drainTimeoutMs: 30_000, startupTimeoutMs: 10_000, slowQueryMs: 1000 });
    expect([...config.roles.keys()]).toEqual(['finance_app', 'kernel_app', 'auditor', 'migrator']);
    expect(config.roles.get('auditor')).toEqual({ name: 'auditor', schemas: { '*': 'read' } });
    expect(config.roles.get('finance_app')?.schemas).toEqual({ finance: 'write', config: 'read' });
  });

  it('resolves backends, tenants and users', async () => {
    const dir = contractDir();
    const result = await loadConfigFile(join(dir, 'pgfabric.yaml'), ENV);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { backends, tenants, users } = result.config;
    expect(backends.get('shared_pg')).toEqual({
      kind: 'postgres', name: 'shared_pg', url: 'postgres://app:pg-secret@127.0.0.1:5432/fabric',
      host: '127.0.0.1', port: 5432, user: 'app', password: 'pg-secret', database: 'fabric', sslMode: 'prefer',
      pool: { max: 20, acquireTimeoutMs: 5000, idleTimeoutMs: 60_000, connectTimeoutMs: 5000, maxPreparedStatements: 500 },
    });
    expect(backends.get('acme_local')).toEqual({ kind: 'sqlite', name: 'acme_local', file: join(dir, 'data/acme.db') });
    expect(backends.get('initech_azure')).toEqual({
      kind: 'mssql', name: 'initech_azure', url: 'mssql://sa:Mssql-Secret1@127.0.0.1:1433/initech',
    });
    expect(tenants.get('acme')).toEqual({
      name: 'acme', id: '11111111-1111-1111-1111-111111111111', backend: 'shared_pg', region: 'ap-southeast-1',
    });
    expect(tenants.get('globex')).toEqual({ name: 'globex', id: '22222222-2222-2222-2222-222222222222', backend: 'shared_pg' });
    expect([...tenants.keys()]).toEqual(['acme', 'globex', 'initech']);
    expect([...users.keys()]).toEqual(['alice', 'bob', 'ops']);
    expect(users.get('alice')).toMatchObject({ name: 'alice', role: 'finance_app', tenants: ['acme'] });
    expect(users.get('ops')).toMatchObject({ name: 'ops', role: 'admin', tenants: [] });
    expect(users.get('bob')?.scram.iterations).toBe(4096);
  });

  it('loads the same config written as JSON', async () => {
    const dir = contractDir();
    const asJson = JSON.stringify(parseYaml(readFileSync(FIXTURE, 'utf8')), null, 2);
    writeFileSync(join(dir, 'pgfabric.json'), asJson);
    const result = await loadConfigFile(join(dir, 'pgfabric.json'), ENV);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.backends.get('shared_pg')).toMatchObject({ password: 'pg-secret', database: 'fabric' });
    expect(result.config.users.size).toBe(3);
  });
});

describe('defaults', () => {
  it('fills listen, tenantColumn, crossSchemaJoins, appendOnly, roles, pool and limits', () => {
    const { crossSchemaJoins: _omitted, roles: _roles, ...minimal } = baseConfig();
    const result = loadJson({ ...minimal, users: [{ name: 'ops', password: 'x', role: 'admin' }] });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { config } = result;
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 6432 });
    expect(config.tenantColumn).toBe('tenant_id');
    expect(config.crossSchemaJoins).toBe('block');
    expect(config.appendOnly).toEqual([]);
    expect(config.roles.size).toBe(0);
    expect(config.tls).toBeUndefined();
    expect(config.metrics).toBeUndefined();
    expect(config.limits.maxMessageSize).toBe(67_108_864);
    expect(config.backends.get('shared_pg')).toMatchObject({ pool: { max: 20, acquireTimeoutMs: 5000, idleTimeoutMs: 60_000, connectTimeoutMs: 5000 } });
    expect(config.backends.get('acme_local')).toMatchObject({ file: '/srv/pgfabric/data/acme.db' });
  });

  it('keeps explicit extension settings', () => {
    const document = baseConfig();
    document['limits'] = { maxMessageSize: 1_048_576, drainTimeoutMs: 0, startupTimeoutMs: 2000 };
    document['metrics'] = { port: 9187 };
    document['backends'] = {
      shared_pg: { kind: 'postgres', url: 'postgres://app@db.internal/fabric', pool: { max: 5, acquireTimeoutMs: 100, idleTimeoutMs: 1000, connectTimeoutMs: 250 } },
      acme_local: { kind: 'sqlite', file: '/var/lib/acme.db' },
    };
    const result = loadJson(document);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.limits).toEqual({ maxMessageSize: 1_048_576, drainTimeoutMs: 0, startupTimeoutMs: 2000, slowQueryMs: 1000 });
    expect(result.config.metrics).toEqual({ host: '127.0.0.1', port: 9187 });
    expect(result.config.backends.get('shared_pg')).toMatchObject({
      host: 'db.internal', port: 5432, password: '', pool: { max: 5, acquireTimeoutMs: 100, idleTimeoutMs: 1000, connectTimeoutMs: 250 },
    });
    expect(result.config.backends.get('acme_local')).toMatchObject({ file: '/var/lib/acme.db' });
  });
});

describe('loadConfigFile', () => {
  it('refuses an unknown extension and a missing file with one line', async () => {
    expect(await loadConfigFile('/nowhere/pgfabric.toml')).toEqual({
      ok: false, problems: ['/nowhere/pgfabric.toml: unsupported file extension ".toml" (use .yaml, .yml or .json)'],
    });
    expect(await loadConfigFile('/nowhere/pgfabric.yml')).toEqual({ ok: false, problems: ['/nowhere/pgfabric.yml: file not found'] });
  });

  it('reports an empty file', () => {
    expect(parseConfigText('# nothing here\n', 'yaml', { baseDir: '/' })).toEqual({ ok: false, problems: ['(root): the file is empty'] });
  });

  it('accepts a UTF-8 byte order mark', () => {
    const result = parseConfigText(`\uFEFF${JSON.stringify(baseConfig())}`, 'json', { baseDir: '/', env: {} });
    expect(result.ok).toBe(true);
  });
});

it('keeps a sqlite path relative to the config file, not the working directory', async () => {
  const dir = makeTempDir();
  mkdirSync(join(dir, 'conf'));
  writeFileSync(join(dir, 'conf', 'pgfabric.json'), JSON.stringify(baseConfig()));
  const result = await loadConfigFile(join(dir, 'conf', 'pgfabric.json'), {});
  if (!result.ok) throw new Error(result.problems.join('\n'));
  expect(result.config.backends.get('acme_local')).toMatchObject({ file: join(dir, 'conf', 'data', 'acme.db') });
});
