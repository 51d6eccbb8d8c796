// The admin console session without sockets: frames in, decoded backend messages out, against a fake
// AdminApi. The command parser's cases, the extended-protocol refusal (skip to Sync), several commands
// in one Query with an error stopping the rest, and the PAUSE wait.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { decodeBackend } from '../../../protocol/backend-decoder.js';
import type { BackendMessage } from '../../../protocol/backend-messages.js';
import { encodeFrontend } from '../../../protocol/frontend-encoder.js';
import type { FrontendMessage } from '../../../protocol/frontend-messages.js';
import type { AdminApi } from '../../../src/admin/admin-api.js';
import { parseAdminQuery } from '../../../src/admin/admin-command-parser.js';
import { AdminSession, type AdminStep } from '../../../src/admin/admin-session.js';
import type { AuditEvent } from '../../../src/observability/audit-types.js';
import { loadTestConfig, testConfigObject } from '../../helpers/start-proxy.js';

const config = loadTestConfig(testConfigObject('postgres://u:p@127.0.0.1:5432/db', { database: 'unused' }));

function fakeApi(overrides: Partial<AdminApi> = {}): AdminApi & { paused: Set<string>; calls: string[] } {
  const paused = new Set<string>();
  const calls: string[] = [];
  return {
    paused,
    calls,
    config: () => config,
    clients: () => [],
    connectors: () => new Map(),
    tenantTotals: () => Promise.resolve(new Map()),
    isPaused: (t) => paused.has(t),
    reload: () => Promise.resolve({ ok: false, problems: ['tenants.acme.backend: unknown backend "x"', 'users[0].name: must not be empty'] }),
    pause: (t) => {
      paused.add(t);
      calls.push(`pause ${t}`);
      return Promise.resolve();
    },
    resume: (t) => void paused.delete(t),
    kill: (t) => {
      calls.push(`kill ${t}`);
      return 0;
    },
    shutdown: () => void calls.push('shutdown'),
    ...overrides,
  };
}

function session(api: AdminApi = fakeApi()) {
  const out: BackendMessage[] = [];
  const audit: AuditEvent[] = [];
  const s = new AdminSession('ops', api, (bytes) => out.push(decode(bytes)), { record: (e) => void audit.push(e), flush: () => Promise.resolve() }, pino({ level: 'silent' }));
  const send = async (msg: FrontendMessage): Promise<AdminStep> => {
    const bytes = encodeFrontend(msg);
    const step = s.receive({ code: bytes[0]!, payload: bytes.subarray(5) });
    if (typeof step === 'object' && 'wait' in step) await step.wait;
    return step;
  };
  return { out, audit, send };
}

function decode(bytes: Buffer): BackendMessage {
  const msg = decodeBackend({ code: bytes[0]!, payload: bytes.subarray(5) });
  if (msg.kind === 'ProtocolError') throw new Error(msg.message);
  return msg;
}

const kinds = (out: BackendMessage[]): string[] => out.map((m) => (m.kind === 'ErrorResponse' ? `Error ${m.fields.code}` : m.kind === 'CommandComplete' ? `Complete ${m.tag}` : m.kind));

describe('admin command parser', () => {
  it.each([
    ['SHOW POOLS', [{ kind: 'show', target: 'POOLS' }]],
    ['show pools;', [{ kind: 'show', target: 'POOLS' }]],
    ['  Show Stats ;; RELOAD ', [{ kind: 'show', target: 'STATS' }, { kind: 'reload' }]],
    ['pause Acme-1', [{ kind: 'pause', tenant: 'Acme-1' }]],
    ['PAUSE "my tenant"', [{ kind: 'pause', tenant: 'my tenant' }]],
    ["resume 'acme'", [{ kind: 'resume', tenant: 'acme' }]],
    ['RESUME', [{ kind: 'resume', tenant: null }]],
    ['KILL acme -- the noisy one', [{ kind: 'kill', tenant: 'acme' }]],
    ['', []],
  ])('%s', (sql, expected) => {
    const parsed = parseAdminQuery(sql);
    expect(Array.isArray(parsed) ? parsed.map((p) => p.command) : parsed).toEqual(expected);
  });

  it.each([
    ['SELECT 1', '42601', 'unknown admin console command "SELECT 1"'],
    ['SHOW', '42601', 'SHOW needs one of TENANTS'],
    ['SHOW POOLS acme', '42601', 'SHOW takes one word'],
    ['SHOW DATABASES', '0A000', '"SHOW DATABASES" is not a command'],
    ['SUSPEND', '0A000', 'a PgBouncer command that pgfabric does not have'],
    ['KILL', '42601', 'KILL takes exactly one tenant'],
    ['RELOAD now', '42601', 'RELOAD takes no argument'],
    ['SHOW POOLS; SHOW x(1)', '42601', 'unexpected character "("'],
    ['PAUSE "acme', '42601', 'unterminated quoted name'],
  ])('%s is refused', (sql, sqlState, message) => {
    const parsed = parseAdminQuery(sql);
    expect(parsed).toMatchObject({ sqlState });
    expect((parsed as { error: string }).error).toContain(message);
    expect((parsed as { error: string }).error).toContain('the commands are: SHOW TENANTS|');
  });
});

describe('admin session', () => {
  it('answers SHOW with RowDescription, DataRows, CommandComplete SHOW, ReadyForQuery I', async () => {
    const { out, send } = session();
    await send({ kind: 'Query', sql: 'SHOW TENANTS' });
    expect(kinds(out)).toEqual(['RowDescription', 'DataRow', 'DataRow', 'Complete SHOW', 'ReadyForQuery']);
    const rd = out[0] as Extract<BackendMessage, { kind: 'RowDescription' }>;
    expect(rd.fields.map((f) => [f.name, f.typeOid])).toEqual([['name', 25], ['id', 25], ['backend', 25], ['region', 25], ['clients', 20], ['paused', 20]]);
    expect(out[4]).toEqual({ kind: 'ReadyForQuery', status: 'I' });
  });

  it('an error stops the rest of the Query string; the session goes on', async () => {
    const { out, send, audit } = session();
    await send({ kind: 'Query', sql: 'SHOW VERSION; RELOAD; SHOW HELP' });
    expect(kinds(out)).toEqual(['RowDescription', 'DataRow', 'Complete SHOW', 'Error F0000', 'ReadyForQuery']);
    const error = out[3] as Extract<BackendMessage, { kind: 'ErrorResponse' }>;
    expect(error.fields.message).toBe('the new configuration was refused; the old one keeps serving:\ntenants.acme.backend: unknown backend "x"\nusers[0].name: must not be empty');
    expect(audit).toEqual([
      { kind: 'admin', user: 'ops', command: 'SHOW VERSION', ok: true },
      { kind: 'admin', user: 'ops', command: 'RELOAD', ok: false },
    ]);
    out.length = 0;
    await send({ kind: 'Query', sql: 'show version' });
    expect(kinds(out)).toEqual(['RowDescription', 'DataRow', 'Complete SHOW', 'ReadyForQuery']);
  });

  it('a syntax error anywhere runs nothing', async () => {
    const api = fakeApi();
    const { out, send } = session(api);
    await send({ kind: 'Query', sql: 'KILL acme; bogus' });
    expect(kinds(out)).toEqual(['Error 42601', 'ReadyForQuery']);
    expect(api.calls).toEqual([]);
  });

  it('extended protocol: one ERROR, the batch skipped until Sync, then ReadyForQuery', async () => {
    const { out, send } = session();
    await send({ kind: 'Parse', name: '', sql: 'SHOW POOLS', paramTypes: [] });
    await send({ kind: 'Bind', portal: '', statement: '', paramFormats: [], params: [], resultFormats: [] });
    await send({ kind: 'Execute', portal: '', maxRows: 0 });
    await send({ kind: 'Query', sql: 'SHOW VERSION' }); // ignored until Sync, as by Postgres
    await send({ kind: 'Sync' });
    expect(kinds(out)).toEqual(['Error 0A000', 'ReadyForQuery']);
    out.length = 0;
    await send({ kind: 'Query', sql: 'SHOW VERSION' });
    expect(kinds(out)).toEqual(['RowDescription', 'DataRow', 'Complete SHOW', 'ReadyForQuery']);
  });

  it('PAUSE, RESUME, KILL, SHUTDOWN call the API; PAUSE twice and RESUME of a running tenant are errors', async () => {
    const api = fakeApi();
    const { out, send } = session(api);
    await send({ kind: 'Query', sql: 'PAUSE acme; KILL globex; SHUTDOWN' });
    expect(kinds(out)).toEqual(['Complete PAUSE', 'Complete KILL', 'Complete SHUTDOWN', 'ReadyForQuery']);
    expect(api.calls).toEqual(['pause acme', 'kill globex', 'shutdown']);
    out.length = 0;
    await send({ kind: 'Query', sql: 'PAUSE acme' });
    await send({ kind: 'Query', sql: 'RESUME acme' });
    await send({ kind: 'Query', sql: 'RESUME acme' });
    await send({ kind: 'Query', sql: 'KILL nosuch' });
    expect(kinds(out)).toEqual(['Error 55000', 'ReadyForQuery', 'Complete RESUME', 'ReadyForQuery', 'Error 55000', 'ReadyForQuery', 'Error 3D000', 'ReadyForQuery']);
  });

  it('PAUSE answers only when the API says the transactions in flight are done', async () => {
    let finish!: () => void;
    const api = fakeApi({ pause: () => new Promise<void>((resolve) => (finish = resolve)) });
    const out: BackendMessage[] = [];
    const s = new AdminSession('ops', api, (bytes) => out.push(decode(bytes)), { record: () => undefined, flush: () => Promise.resolve() }, pino({ level: 'silent' }));
    const bytes = encodeFrontend({ kind: 'Query', sql: 'PAUSE acme' });
    const step = s.receive({ code: bytes[0]!, payload: bytes.subarray(5) });
    if (typeof step !== 'object' || !('wait' in step)) throw new Error('expected a wait');
    await Promise.resolve();
    expect(out).toEqual([]);
    finish();
    await step.wait;
    expect(kinds(out)).toEqual(['Complete PAUSE', 'ReadyForQuery']);
  });

  it('Terminate ends the session; an empty Query gets EmptyQueryResponse', async () => {
    const { out, send } = session();
    await send({ kind: 'Query', sql: '  ' });
    expect(kinds(out)).toEqual(['EmptyQueryResponse', 'ReadyForQuery']);
    expect(await send({ kind: 'Terminate' })).toBe('terminate');
  });
});
