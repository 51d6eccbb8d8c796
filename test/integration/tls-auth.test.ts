// Logging in through pgfabric: TLS with a self-signed certificate (required), SCRAM failure paths
// with their SQLSTATEs, and a backend that is down at login time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgfabricServer } from '../../src/server/pgfabric-server.js';
import { adminUrl } from '../helpers/test-database.js';
import { loadTestConfig, startProxy, testConfigObject, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, failure, sendCancel, waitForBackendActivity } from './support.js';

const open: pg.Client[] = [];
afterEach(() => closeAll(open));

function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasOpenssl = opensslAvailable();
if (!hasOpenssl) console.warn('tls-auth.test.ts: TLS tests skipped: openssl is not installed');

describe.skipIf(!hasOpenssl)('TLS (self-signed certificate, required: true)', () => {
  let proxy: RunningProxy;
  let dir = '';
  let certPem = '';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pgfabric-tls-'));
    const cert = path.join(dir, 'server.crt');
    const key = path.join(dir, 'server.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    certPem = readFileSync(cert, 'utf8');
    proxy = await startProxy({ database: 'it_tls', extra: { tls: { cert, key, required: true } } });
  });
  afterAll(async () => {
    await proxy?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('accepts pg over TLS: the socket is encrypted and queries work, large results too', async () => {
    const client = await connectPg(proxy.url(), { ssl: { rejectUnauthorized: false } }, open);
    const stream = (client as unknown as { connection: { stream: { encrypted?: boolean } } }).connection.stream;
    expect(stream.encrypted).toBe(true);
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    expect((await client.query('select $1::text as t', ['over tls'])).rows).toEqual([{ t: 'over tls' }]);
    const big = await client.query<{ n: number; h: string }>('select g as n, md5(g::text) as h from generate_series(1, 20000) g');
    expect(big.rows.length).toBe(20000);
    expect(big.rows[19999]).toEqual({ n: 20000, h: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('serves the configured certificate (verified against it as the CA)', async () => {
    const client = await connectPg(proxy.url(), { ssl: { ca: certPem, servername: 'localhost', rejectUnauthorized: true } }, open);
    expect((await client.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
  });

  it('accepts postgres.js with ssl: require', async () => {
    const sql = postgres(proxy.url(), { ssl: { rejectUnauthorized: false }, max: 1, onnotice: () => undefined });
    try {
      expect((await sql`select ${'tls'}::text as t`)[0]?.t).toBe('tls');
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('refuses a client without TLS with 28000', async () => {
    const client = new pg.Client({ connectionString: proxy.url(), ssl: false });
    const err = await failure(client.connect());
    expect(err.code).toBe('28000');
    expect(err.message).toMatch(/TLS|SSL/i);
  });

  it('accepts a plaintext CancelRequest for a TLS session', async () => {
    const client = await connectPg(proxy.url(), { ssl: { rejectUnauthorized: false } }, open);
    const key = client as unknown as { processID: number; secretKey: number };
    const sleeping = failure(client.query('select pg_sleep(30) /* tls-cancel */'));
    await waitForBackendActivity(proxy.backendUrl, '%tls-cancel%');
    await sendCancel(proxy.host, proxy.port, key.processID, key.secretKey);
    expect((await sleeping).code).toBe('57014');
    expect((await client.query('select 3 as ok')).rows).toEqual([{ ok: 3 }]);
  });
});

describe('SCRAM failure paths', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ database: 'it_auth' });
  });
  afterAll(() => proxy.stop());

  const tryLogin = async (url: string) => failure(new pg.Client({ connectionString: url }).connect());

  it('refuses a wrong password with 28P01', async () => {
    const err = await tryLogin(proxy.url('alice', 'not-alices-password'));
    expect(err.code).toBe('28P01');
    expect(err.severity).toBe('FATAL');
  });

  it('refuses an unknown user with 28P01 and the same message shape as a wrong password', async () => {
    const unknown = await tryLogin(proxy.url('alice').replace('alice:', 'mallory:'));
    const wrong = await tryLogin(proxy.url('bob', 'nope'));
    expect(unknown.code).toBe('28P01');
    expect(unknown.message.replace('mallory', 'USER')).toBe(wrong.message.replace('bob', 'USER'));
    // The server went through a full SCRAM exchange for the unknown user too (no early refusal):
    // postgres.js surfaces the same error class and code for both.
    const viaJs = async (url: string) => {
      const sql = postgres(url, { max: 1, onnotice: () => undefined, connect_timeout: 5 });
      try {
        return await failure(sql`select 1`);
      } finally {
        await sql.end({ timeout: 1 });
      }
    };
    const [a, b] = await Promise.all([viaJs(proxy.url('alice').replace('alice:', 'mallory:')), viaJs(proxy.url('alice', 'nope'))]);
    expect([a.code, b.code]).toEqual(['28P01', '28P01']);
  });

  it('refuses a user not allowed for the tenant with 28000', async () => {
    // alice belongs to acme only; her correct password for globex.
    const err = await tryLogin(proxy.url('alice', undefined, 'globex'));
    expect(err.code).toBe('28000');
    expect(err.message).toMatch(/globex/);
  });

  it('refuses an unknown database (tenant) with 3D000', async () => {
    const err = await tryLogin(proxy.url('alice', undefined, 'no_such_tenant'));
    expect(err.code).toBe('3D000');
    expect(err.message).toMatch(/no_such_tenant/);
  });

  it('lets correct logins in after failures, and has no clients left over', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await tryLogin(proxy.url('alice', 'bad'))).code).toBe('28P01');
      const ok = await connectPg(proxy.url(), {}, open);
      expect((await ok.query('select current_database() as db')).rows).toEqual([{ db: 'it_auth' }]);
    }
    const bob = await connectPg(proxy.url('bob'), {}, open);
    expect((await bob.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    await closeAll(open);
    const deadline = Date.now() + 5000;
    while (proxy.server.clientCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(proxy.server.clientCount).toBe(0);
  });
});

describe('backend down at login', () => {
  let server: PgfabricServer;
  let address: { host: string; port: number };
  let forwarder: net.Server | null = null;
  let backendPort = 0;

  beforeAll(async () => {
    // A port nobody listens on (bound, then released).
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    backendPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const real = new URL(adminUrl());
    const deadUrl = `postgres://${real.username}:${real.password}@127.0.0.1:${backendPort}/postgres`;
    const config = loadTestConfig(testConfigObject(deadUrl, { database: 'unused', acquireTimeoutMs: 2000 }));
    server = new PgfabricServer(config, pino({ level: 'silent' }));
    address = await server.listen();
  });
  afterAll(async () => {
    await server.drain(1000);
    await new Promise<void>((resolve) => (forwarder ? forwarder.close(() => resolve()) : resolve()));
  });

  const url = () => `postgres://alice:alice-secret@${address.host}:${address.port}/acme`;

  it('fails the login with 08001 naming the backend, and keeps serving', async () => {
    for (let i = 0; i < 2; i++) {
      const err = await failure(new pg.Client({ connectionString: url() }).connect());
      expect(err.code).toBe('08001');
      expect(err.message).toMatch(/backend "main"/);
      expect(err.message).toContain(String(backendPort));
    }
    // Authentication is still checked first.
    expect((await failure(new pg.Client({ connectionString: url().replace('alice-secret', 'x') }).connect())).code).toBe('28P01');
  });

  it('logs clients in once the backend is reachable, without a restart', async () => {
    // Bring "the backend" up on that port: a TCP forwarder to the real test Postgres.
    const real = new URL(adminUrl());
    forwarder = net.createServer((inbound) => {
      const outbound = net.connect({ host: real.hostname, port: Number(real.port) });
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
    });
    await new Promise<void>((resolve) => forwarder!.listen(backendPort, '127.0.0.1', resolve));
    const client = await connectPg(url(), {}, open);
    expect((await client.query('select current_database() as db, 1 as ok')).rows).toEqual([{ db: 'postgres', ok: 1 }]);
  });
});
