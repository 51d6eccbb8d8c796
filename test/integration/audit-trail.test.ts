// The audit trail end to end: a login, failed logins, a refusal and a DDL through the proxy land in the
// hash-chained file and in the control-plane table; reload and drain keep one chain; `pgfabric audit
// verify` accepts the file and rejects it once tampered; SIGTERM of `pgfabric start` loses nothing.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/demo/free-port.js';
import { chainHash } from '../../src/observability/audit-trail.js';
import { loadTestConfig, startProxy, testConfigObject, type RunningProxy } from '../helpers/start-proxy.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';
import { direct, failure } from './support.js';

const run = promisify(execFile);
type Entry = Record<string, unknown> & { seq: number; kind: string; hash: string; prev: string };

async function entries(file: string): Promise<Entry[]> {
  return (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Entry);
}

async function verifyCli(file: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, ['bin/pgfabric.js', 'audit', 'verify', file]);
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

function postgresUrl(url: string): string {
  return url.replace(/^postgres(ql)?:\/\//, 'postgres://') + (url.includes('?') ? '&' : '?') + 'sslmode=disable';
}

async function login(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('audit trail through the proxy', () => {
  let proxy: RunningProxy;
  let file = '';
  let controlPlane = '';

  beforeAll(async () => {
    file = path.join(await mkdtemp(path.join(tmpdir(), 'pgfabric-audit-')), 'audit', 'audit.log');
    controlPlane = await createTestDatabase(adminUrl(), 'audit_trail_cp');
    proxy = await startProxy({ database: 'audit_trail_test', extra: { audit: { file, postgres: postgresUrl(controlPlane) } } });
  });
  afterAll(async () => {
    await proxy.stop();
  });

  it('records logins, failed logins, refusals and DDL; drain flushes file and table; verify accepts, then catches tampering', async () => {
    const alice = await login(proxy.url());
    expect((await failure(alice.query('DO $$ begin end $$'))).code).toBe('42501');
    await alice.query('create table x(i int)');
    await alice.end();
    expect((await failure(login(proxy.url('alice', 'wrong-password')))).code).toBe('28P01');
    expect((await failure(login(proxy.url('alice', undefined, 'globex'))))).toMatchObject({ code: '28000' });
    expect((await failure(login(proxy.url('alice', undefined, 'nowhere'))))).toBeInstanceOf(Error);

    // Reload with the same section: same trail. With the table dropped from it: a new trail continuing the file's chain.
    proxy.server.reload(loadTestConfig({ ...testConfigObject(proxy.backendUrl, { database: 'audit_trail_test' }), audit: { file, postgres: postgresUrl(controlPlane) } }));
    proxy.server.reload(loadTestConfig({ ...testConfigObject(proxy.backendUrl, { database: 'audit_trail_test' }), audit: { file } }));
    const bob = await login(proxy.url('bob'));
    await bob.end();
    await proxy.server.drain(2000);

    const all = await entries(file);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const logins = all.filter((e) => e.kind === 'login');
    expect(logins).toEqual(expect.arrayContaining([
      expect.objectContaining({ tenant: 'acme', user: 'alice', ok: true }),
      expect.objectContaining({ tenant: 'acme', user: 'alice', ok: false, reason: 'auth.password_failed' }),
      expect.objectContaining({ tenant: 'globex', user: 'alice', ok: false, reason: 'auth.tenant_not_allowed' }),
      expect.objectContaining({ tenant: 'nowhere', user: 'alice', ok: false, reason: 'auth.unknown_tenant' }),
      expect.objectContaining({ tenant: 'globex', user: 'bob', ok: true }),
    ]));
    expect(logins[0]?.['client']).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(all.find((e) => e.kind === 'refusal')).toMatchObject({ tenant: 'acme', user: 'alice', sqlstate: '42501', fingerprint: expect.any(String) });
    expect(all.find((e) => e.kind === 'ddl')).toMatchObject({ tenant: 'acme', user: 'alice', fingerprint: expect.any(String) });
    // Fingerprints only: no statement text, no password.
    const text = await readFile(file, 'utf8');
    expect(text).not.toMatch(/create table|begin end|wrong-password|alice-secret/i);

    // The table has every entry recorded before the section dropped it, as written in the file.
    const rows = await direct<{ seq: string; entry: Entry; prev: string; hash: string }>(controlPlane, 'select seq, entry, prev, hash from pgfabric_audit order by seq');
    const beforeReload = all.filter((e) => !(e.kind === 'login' && e['user'] === 'bob'));
    expect(rows.map((r) => Number(r.seq))).toEqual(beforeReload.map((e) => e.seq));
    for (const [i, row] of rows.entries()) {
      expect(row.hash).toBe(beforeReload[i]?.hash);
      expect(row.prev).toBe(beforeReload[i]?.prev);
      expect(chainHash(row.entry)).toBe(row.hash); // jsonb reorders keys; the canonical hash does not care
    }

    const ok = await verifyCli(file);
    expect(ok).toEqual({ code: 0, stdout: `OK: ${all.length} entries, chain intact\n` });
    const lines = text.split('\n');
    const ddlLine = lines.findIndex((l) => l.includes('"kind":"ddl"'));
    lines[ddlLine] = (lines[ddlLine] ?? '').replace('"user":"alice"', '"user":"bob"');
    await writeFile(file, lines.join('\n'));
    expect(await verifyCli(file)).toEqual({ code: 1, stdout: `line ${ddlLine + 1}: hash mismatch (entry edited)\n` });
  });
});

describe('audit trail and SIGTERM of `pgfabric start`', () => {
  it('flushes every entry before the process exits', async () => {
    const backendUrl = await createTestDatabase(adminUrl(), 'audit_trail_sigterm');
    const dir = await mkdtemp(path.join(tmpdir(), 'pgfabric-audit-'));
    const port = await freePort('127.0.0.1');
    const configPath = path.join(dir, 'pgfabric.json');
    // A relative path: resolved against the config file's directory.
    const raw = { ...testConfigObject(backendUrl, { database: 'audit_trail_sigterm' }), listen: { host: '127.0.0.1', port }, audit: { file: 'logs/audit.log' } };
    await writeFile(configPath, JSON.stringify(raw));
    const child = spawn(process.execPath, ['bin/pgfabric.js', 'start', '--config', configPath], { env: { ...process.env, PGFABRIC_LOG_LEVEL: 'info' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!output.includes('pgfabric listening')) {
        if (Date.now() > deadline) throw new Error(`pgfabric did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = (password: string): string => `postgres://alice:${password}@127.0.0.1:${port}/acme`;
      for (let i = 0; i < 20; i++) await (await login(url('alice-secret'))).end();
      await failure(login(url('nope')));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    const file = path.join(dir, 'logs', 'audit.log');
    const all = await entries(file);
    expect(all).toHaveLength(21);
    expect(all.at(-1)).toMatchObject({ seq: 21, kind: 'login', ok: false, reason: 'auth.password_failed' });
    expect(await verifyCli(file)).toEqual({ code: 0, stdout: 'OK: 21 entries, chain intact\n' });
  });
});
