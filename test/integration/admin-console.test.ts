// The admin console (database `pgfabric`, role admin) through node-postgres and psql: result sets with
// PgBouncer-like columns whose numbers follow the clients, errors that keep the session usable,
// PAUSE/RESUME holding a tenant's new transactions, KILL, RELOAD of a good and a bad file, SHUTDOWN.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/observability/audit-types.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { startProxy, testConfigObject, USERS, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, failure, waitFor } from './support.js';
import { onPath } from '../helpers/cli-clients.js';

const OPS = { name: 'ops', password: 'ops-secret' };
const users = [
  { name: 'alice', password: USERS.alice.password, role: 'app', tenants: ['acme'] },
  { name: 'bob', password: USERS.bob.password, role: 'app', tenants: ['globex'] },
  { name: OPS.name, password: OPS.password, role: 'admin' },
];

const PSQL = onPath('psql');
if (!PSQL) console.log('admin-console.test.ts: psql is not on PATH; the psql test is skipped');

type Row = Record<string, string | null>;

describe('admin console', () => {
  let proxy: RunningProxy;
  let dir: string;
  const clients: pg.Client[] = [];
  const adminUrl = (): string => `postgres://${OPS.name}:${OPS.password}@${proxy.host}:${proxy.port}/pgfabric`;
  const admin = (): Promise<pg.Client> => connectPg(adminUrl(), {}, clients);
  const tenantClient = (user: 'alice' | 'bob' = 'alice'): Promise<pg.Client> => connectPg(proxy.url(user), {}, clients);
  const show = async (c: pg.Client, what: string): Promise<Row[]> => (await c.query<Row>(`SHOW ${what}`)).rows;
  const pool = async (c: pg.Client, tenant: string): Promise<Row> => (await show(c, 'POOLS')).find((r) => r['tenant'] === tenant)!;

  beforeAll(async () => {
    proxy = await startProxy({ database: 'admin_console_test', poolMax: 5, extra: { users } });
    dir = await mkdtemp(path.join(tmpdir(), 'pgfabric-admin-'));
  });
  afterEach(async () => {
    await closeAll(clients);
    for (const t of ['acme', 'globex']) if (proxy.server.pauses.isPaused(t)) proxy.server.pauses.resume(t);
  });
  afterAll(async () => {
    await proxy?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('SHOW POOLS: PgBouncer-like columns (int8 counts), numbers that follow a tenant\'s clients', async () => {
    const ops = await admin();
    const result = await ops.query('SHOW POOLS;');
    expect(result.fields.map((f) => f.name)).toEqual([
      'tenant', 'backend', 'cl_active', 'cl_waiting', 'sv_active', 'sv_idle', 'sv_used', 'sv_login', 'maxwait', 'maxwait_us', 'avg_wait_us', 'pool_mode',
    ]);
    expect(result.fields.map((f) => f.dataTypeID)).toEqual([25, 25, 20, 20, 20, 20, 20, 20, 20, 20, 20, 25]);
    expect(result.rows.map((r: Row) => r['tenant'])).toEqual(['acme', 'globex']);
    expect(await pool(ops, 'acme')).toMatchObject({ backend: 'main', cl_active: '0', cl_waiting: '0', sv_active: '0', pool_mode: 'transaction' });

    const alice = await tenantClient();
    const alice2 = await tenantClient();
    expect(await pool(ops, 'acme')).toMatchObject({ cl_active: '2', sv_active: '0' });
    expect(await pool(ops, 'globex')).toMatchObject({ cl_active: '0' });
    await alice.query('begin');
    await alice.query('select 1');
    // A client inside a transaction holds a server connection.
    expect(await pool(ops, 'acme')).toMatchObject({ cl_active: '2', sv_active: '1' });
    await alice.query('commit');
    const after = await pool(ops, 'acme');
    expect(after['sv_active']).toBe('0');
    expect(Number(after['sv_idle'])).toBeGreaterThanOrEqual(1);
    await alice2.end();
    expect(await pool(ops, 'acme')).toMatchObject({ cl_active: '1' });
  });

  it('SHOW STATS, CLIENTS, SERVERS, TENANTS, CONFIG, VERSION, HELP', async () => {
    const ops = await admin();
    const before = (await show(ops, 'STATS')).find((r) => r['tenant'] === 'acme')!;
    const alice = await tenantClient();
    await alice.query('select 1');
    await alice.query('begin');
    await alice.query('select 2');
    await alice.query('commit');
    const stats = (await show(ops, 'STATS')).find((r) => r['tenant'] === 'acme')!;
    expect(Number(stats['total_xact_count']) - Number(before['total_xact_count'])).toBe(2); // select 1; begin … commit
    expect(Number(stats['total_query_count']) - Number(before['total_query_count'])).toBe(4);
    expect(Number(stats['total_received'])).toBeGreaterThan(Number(before['total_received']));
    expect(Number(stats['total_sent'])).toBeGreaterThan(Number(before['total_sent']));

    const mine = (await show(ops, 'CLIENTS')).filter((r) => r['tenant'] === 'acme');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ user: 'alice', addr: '127.0.0.1', state: 'idle' });
    expect(mine[0]!['connect_time']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00$/);
    expect(Number(mine[0]!['pid'])).toBeGreaterThan(0);
    expect((await show(ops, 'CLIENTS')).some((r) => r['tenant'] === 'pgfabric' && r['user'] === 'ops')).toBe(true);

    const servers = await show(ops, 'SERVERS');
    expect(servers.map((r) => `${r['backend']}/${r['kind']}/${r['state']}`)).toEqual(['main/postgres/active', 'main/postgres/idle', 'main/postgres/login']);

    expect(await show(ops, 'TENANTS')).toEqual([
      { name: 'acme', id: '11111111-1111-1111-1111-111111111111', backend: 'main', region: null, clients: '1', paused: '0' },
      { name: 'globex', id: '22222222-2222-2222-2222-222222222222', backend: 'main', region: null, clients: '0', paused: '0' },
    ]);

    const config = await show(ops, 'CONFIG');
    const value = (key: string): string | null | undefined => config.find((r) => r['key'] === key)?.['value'];
    expect(value('tenantColumn')).toBe('tenant_id');
    expect(value('crossSchemaJoins')).toBe('block');
    expect(value('limits.drainTimeoutMs')).toBe('30000');
    expect(value('backends.main')).toMatch(/^postgres postgres:\/\/\w+@127\.0\.0\.1:\d+\/admin_console_test sslmode=disable$/);
    const backend = proxy.config.backends.get('main')!;
    const password = backend.kind === 'postgres' ? backend.password : '';
    const everything = JSON.stringify(config);
    for (const secret of [OPS.password, USERS.alice.password, ...(password ? [password] : [])]) expect(everything).not.toContain(secret);

    expect(await show(ops, 'VERSION')).toEqual([{ version: expect.stringMatching(/^pgfabric \d+\.\d+\.\d+/) }]);
    expect((await show(ops, 'HELP')).map((r) => r['command'])).toContain('PAUSE [tenant]');
  });

  it('several commands in one Query string, any case, with or without semicolons', async () => {
    const ops = await admin();
    const results = (await ops.query('show version; Show Tenants;')) as unknown as pg.QueryResult[];
    expect(results).toHaveLength(2);
    expect(results[1]!.rows.map((r: Row) => r['name'])).toEqual(['acme', 'globex']);
    expect((await ops.query('')).rows).toEqual([]);
  });

  it('psql renders SHOW TENANTS', async (ctx) => {
    if (!PSQL) return ctx.skip();
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
    env['PGPASSWORD'] = OPS.password;
    env['PGCONNECT_TIMEOUT'] = '10';
    const args = ['-X', '-h', proxy.host, '-p', String(proxy.port), '-U', OPS.name, '-d', 'pgfabric', '-c', 'SHOW TENANTS'];
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(PSQL, args, { env, timeout: 20_000 }, (err, out, errOut) => resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout: String(out), stderr: String(errOut) })),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^\s*name\s*\|\s*id\s*\|\s*backend\s*\|\s*region\s*\|\s*clients\s*\|\s*paused\s*$/);
    expect(lines[1]).toMatch(/^-+\+-+/);
    expect(stdout).toMatch(/ acme +\| 11111111-1111-1111-1111-111111111111 \| main +\| +\| +\d+ \| +0\n/);
    expect(stdout).toContain('(2 rows)');
  });

  it('only the admin role logs in there', async () => {
    const err = await failure(connectPg(`postgres://alice:${USERS.alice.password}@${proxy.host}:${proxy.port}/pgfabric`));
    expect(err.code).toBe('28000');
    expect(err.message).toContain('may not use the admin console');
  });

  it('an unknown command, a PgBouncer-only one or the extended protocol get an ERROR; the session stays usable; commands are audited', async () => {
    const events: AuditEvent[] = [];
    const previous = proxy.server.audit;
    proxy.server.audit = { record: (e) => void events.push(e), flush: () => Promise.resolve() };
    try {
      const ops = await admin();
      const unknown = await failure(ops.query('SELECT 1'));
      expect(unknown).toMatchObject({ code: '42601', severity: 'ERROR' });
      expect(unknown.message).toContain('unknown admin console command "SELECT 1"');
      expect(unknown.message).toContain('SHOW TENANTS|POOLS|CLIENTS|SERVERS|STATS|CONFIG|VERSION|HELP, RELOAD, PAUSE [tenant], RESUME [tenant], KILL tenant, SHUTDOWN');
      expect(await failure(ops.query('SHOW DATABASES'))).toMatchObject({ code: '0A000' });
      expect(await failure(ops.query('PAUSE nosuch'))).toMatchObject({ code: '3D000' });
      expect(await failure(ops.query('SHOW POOLS', ['x']))).toMatchObject({ code: '0A000', message: 'the admin console speaks only the simple query protocol' });
      expect((await ops.query('SHOW VERSION')).rows).toHaveLength(1);
      expect(events.filter((e) => e.kind === 'admin')).toEqual([
        { kind: 'admin', user: 'ops', command: 'SELECT 1', ok: false },
        { kind: 'admin', user: 'ops', command: 'SHOW DATABASES', ok: false },
        { kind: 'admin', user: 'ops', command: 'PAUSE nosuch', ok: false },
        { kind: 'admin', user: 'ops', command: 'SHOW VERSION', ok: true },
      ]);
    } finally {
      proxy.server.audit = previous;
    }
  });

  it('PAUSE waits for the tenant\'s open transaction, holds its new ones until RESUME; other tenants run', async () => {
    const ops = await admin();
    const watcher = await admin();
    const inTx = await tenantClient();
    const later = await tenantClient();
    const bob = await tenantClient('bob');
    const order: string[] = [];
    await inTx.query('begin');
    await inTx.query('select 1');

    const paused = ops.query('PAUSE acme').then(() => void order.push('paused'));
    await waitFor(async () => (await show(watcher, 'TENANTS')).find((r) => r['name'] === 'acme')!['paused'] === '1', 'acme paused');
    const held = later.query('select 2 as two').then((r) => {
      order.push('held query done');
      return r.rows[0].two as number;
    });
    await waitFor(async () => (await show(watcher, 'CLIENTS')).some((r) => r['tenant'] === 'acme' && r['state'] === 'paused'), 'a client held');
    expect((await pool(watcher, 'acme'))['cl_waiting']).toBe('1');
    // The open transaction goes on; another tenant is not affected.
    expect((await inTx.query('select 3 as three')).rows[0].three).toBe(3);
    expect((await bob.query('select 4 as four')).rows[0].four).toBe(4);
    expect(order).toEqual([]); // PAUSE has not answered: acme's transaction is still open

    await inTx.query('commit');
    await paused;
    expect(order).toEqual(['paused']);
    // Still held after PAUSE answered: a round trip on the console proves it is held, not slow.
    expect((await show(watcher, 'CLIENTS')).filter((r) => r['state'] === 'paused')).toHaveLength(1);
    expect(order).toEqual(['paused']);

    await ops.query('RESUME acme');
    expect(await held).toBe(2);
    expect(order).toEqual(['paused', 'held query done']);
    expect(await failure(ops.query('RESUME acme'))).toMatchObject({ code: '55000' });
  });

  it('KILL closes the tenant\'s clients with 57P01 and leaves the others', async () => {
    const ops = await admin();
    const idle = await tenantClient();
    const busy = await tenantClient();
    const bob = await tenantClient('bob');
    await busy.query('begin');
    const ended = (c: pg.Client): Promise<string> => new Promise((resolve) => c.on('error', (e: Error & { code?: string }) => resolve(e.code ?? e.message)));
    const idleEnded = ended(idle);
    const busyEnded = ended(busy);
    await ops.query('KILL acme');
    expect(await idleEnded).toBe('57P01');
    expect(await busyEnded).toBe('57P01');
    expect((await bob.query('select 1 as one')).rows[0].one).toBe(1);
    expect(await pool(ops, 'acme')).toMatchObject({ cl_active: '0', sv_active: '0' });
    const again = await tenantClient(); // not paused: new clients are served
    expect((await again.query('select 2 as two')).rows[0].two).toBe(2);
  });

  it('RELOAD applies a changed valid file, refuses an invalid one with its problems, the old config keeps serving', async () => {
    const ops = await admin();
    const noFile = await failure(ops.query('RELOAD'));
    expect(noFile).toMatchObject({ code: '55000' });
    expect(noFile.message).toContain('there is no config file to re-read');

    const file = path.join(dir, 'pgfabric.json');
    const raw = testConfigObject(proxy.backendUrl, { database: 'admin_console_test', poolMax: 5, extra: { users } });
    proxy.server.configSource = () => loadConfigFile(file);
    const carol = { name: 'carol', password: 'carol-secret', role: 'app', tenants: ['acme'] };
    await writeFile(file, JSON.stringify({ ...raw, users: [...users, carol] }));
    const carolUrl = `postgres://carol:carol-secret@${proxy.host}:${proxy.port}/acme`;
    expect(await failure(connectPg(carolUrl))).toMatchObject({ code: '28P01' });
    const alice = await tenantClient();
    await ops.query('RELOAD');
    const c = await connectPg(carolUrl, {}, clients);
    expect((await c.query('select 1 as one')).rows[0].one).toBe(1);
    expect((await alice.query('select 2 as two')).rows[0].two).toBe(2); // not dropped

    await writeFile(file, JSON.stringify({ ...raw, users: [...users, carol], tenants: { acme: { id: 'not a valid id!', backend: 'nowhere' } } }));
    const refused = await failure(ops.query('RELOAD'));
    expect(refused).toMatchObject({ code: 'F0000', severity: 'ERROR' });
    expect(refused.message).toContain('the new configuration was refused; the old one keeps serving');
    expect(refused.message).toContain('tenants.acme.backend: unknown backend "nowhere"');
    expect((await ops.query('SHOW VERSION')).rows).toHaveLength(1); // console still usable
    const c2 = await connectPg(carolUrl, {}, clients);
    expect((await c2.query('select 3 as three')).rows[0].three).toBe(3);
    expect((await show(ops, 'TENANTS')).map((r) => r['name'])).toEqual(['acme', 'globex']);
    proxy.server.configSource = null;
  });

  it('SHUTDOWN answers, then calls the server\'s shutdown (start-command drains and exits there)', async () => {
    const ops = await admin();
    const previous = proxy.server.onShutdown;
    let called = 0;
    const invoked = new Promise<void>((resolve) => {
      proxy.server.onShutdown = () => {
        called++;
        resolve();
      };
    });
    try {
      const result = await ops.query('SHUTDOWN');
      expect(result.command).toBe('SHUTDOWN');
      await invoked;
      expect(called).toBe(1);
    } finally {
      proxy.server.onShutdown = previous;
    }
  });
});
