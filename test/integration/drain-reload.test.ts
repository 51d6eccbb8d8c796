// Graceful drain (SIGTERM) and config reload (SIGHUP), through the real `pgfabric start` process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/demo/free-port.js';
import { startProxy, testConfigObject, type RunningProxy } from '../helpers/start-proxy.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('drain', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ database: 'drain_test' });
  });
  afterAll(async () => {
    await proxy.stop();
  });

  it('closes idle clients at once, lets an open transaction commit, then closes it', async () => {
    const idle = await connect(proxy.url());
    const busy = await connect(proxy.url());
    await busy.query('create table drained (n int)');
    await busy.query('begin');
    await busy.query('insert into drained values (1)');
    const idleEnded = new Promise<string>((resolve) => idle.on('error', (e: Error & { code?: string }) => resolve(e.code ?? e.message)));
    const busyEnded = new Promise<string>((resolve) => busy.on('error', (e: Error & { code?: string }) => resolve(e.code ?? e.message)));
    const drained = proxy.server.drain(10_000);
    expect(await idleEnded).toBe('57P01');
    // The transaction in flight may finish.
    await busy.query('insert into drained values (2)');
    await busy.query('commit');
    expect(await busyEnded).toBe('57P01');
    await drained;
    const direct = await connect(proxy.backendUrl);
    const { rows } = await direct.query('select count(*)::int as n from drained');
    expect(rows[0].n).toBe(2);
    await direct.end();
    // No new connections while draining or after.
    await expect(connect(proxy.url())).rejects.toThrow();
  });
});

describe('SIGHUP reload of `pgfabric start --config`', () => {
  let child: ChildProcess;
  let configPath: string;
  let port: number;
  let raw: Record<string, unknown>;
  let output = '';

  beforeAll(async () => {
    const backendUrl = await createTestDatabase(adminUrl(), 'reload_test');
    port = await freePort('127.0.0.1');
    const dir = path.join(tmpdir(), `pgfabric-reload-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    configPath = path.join(dir, 'pgfabric.json');
    raw = { ...testConfigObject(backendUrl, { database: 'reload_test' }), listen: { host: '127.0.0.1', port } };
    writeFileSync(configPath, JSON.stringify(raw));
    child = spawn(process.execPath, ['bin/pgfabric.js', 'start', '--config', configPath], { env: { ...process.env, PGFABRIC_LOG_LEVEL: 'info' } });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(() => output.includes('pgfabric listening'), 20_000, () => output);
  });
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  const url = (user: string, password: string, tenant: string): string => `postgres://${user}:${password}@127.0.0.1:${port}/${tenant}`;

  it('applies a valid new config without dropping connections, refuses an invalid one, keeps serving', async () => {
    const alice = await connect(url('alice', 'alice-secret', 'acme'));
    await expect(connect(url('carol', 'carol-secret', 'acme'))).rejects.toMatchObject({ code: '28P01' });

    const users = [...(raw['users'] as object[]), { name: 'carol', password: 'carol-secret', role: 'app', tenants: ['acme'] }];
    writeFileSync(configPath, JSON.stringify({ ...raw, users }));
    child.kill('SIGHUP');
    await waitFor(() => output.includes('configuration reloaded'), 10_000, () => output);
    const carol = await connect(url('carol', 'carol-secret', 'acme'));
    expect((await carol.query('select 1 as one')).rows[0].one).toBe(1);
    expect((await alice.query('select 2 as two')).rows[0].two).toBe(2); // not dropped

    writeFileSync(configPath, JSON.stringify({ ...raw, users, tenants: { acme: { id: 'not a valid id!', backend: 'nowhere' } } }));
    child.kill('SIGHUP');
    await waitFor(() => output.includes('new configuration refused'), 10_000, () => output);
    expect(output).toMatch(/config: tenants\.acme\.backend: unknown backend \\"nowhere\\"/);
    const again = await connect(url('carol', 'carol-secret', 'acme'));
    expect((await again.query('select 3 as three')).rows[0].three).toBe(3);
    await Promise.all([alice.end(), carol.end(), again.end()]);
  });

  it('a tenant removed by a reload has its clients closed with 57P01', async () => {
    const bob = await connect(url('bob', 'bob-secret', 'globex'));
    const ended = new Promise<string>((resolve) => bob.on('error', (e: Error & { code?: string }) => resolve(e.code ?? '')));
    const tenants = { acme: (raw['tenants'] as Record<string, unknown>)['acme'] };
    const users = (raw['users'] as { name: string }[]).filter((u) => u.name !== 'bob');
    writeFileSync(configPath, JSON.stringify({ ...raw, tenants, users }));
    output = '';
    child.kill('SIGHUP');
    expect(await ended).toBe('57P01');
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

async function waitFor(check: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
