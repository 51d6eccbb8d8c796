// Starts pgfabric in-process on port 0 in front of a test database, with two tenants sharing it
// (acme, globex) and a user per tenant. Tests get URLs for real clients (pg, postgres.js, psql).
import { pino } from 'pino';
import { parseConfigText } from '../../src/config/load-config.js';
import type { ResolvedConfig } from '../../src/config/resolved-config.js';
import { PgfabricServer } from '../../src/server/pgfabric-server.js';
import { adminUrl, createTestDatabase } from './test-database.js';

export const TENANTS = {
  acme: '11111111-1111-1111-1111-111111111111',
  globex: '22222222-2222-2222-2222-222222222222',
} as const;

export const USERS = {
  alice: { password: 'alice-secret', tenant: 'acme' },
  bob: { password: 'bob-secret', tenant: 'globex' },
} as const;

export type ProxyOptions = {
  /** Unique per test file: the backend database created for it. */
  database: string;
  poolMax?: number;
  acquireTimeoutMs?: number;
  maxPreparedStatements?: number;
  /** Extra raw config keys merged at the top level (tls, limits, …). */
  extra?: Record<string, unknown>;
  /** Log lines (pino JSON objects) are pushed here, at info level and above, when given. */
  logLines?: Record<string, unknown>[];
};

export type RunningProxy = {
  server: PgfabricServer;
  host: string;
  port: number;
  /** URL of the backend database itself (direct, bypassing pgfabric). */
  backendUrl: string;
  /** URL to log in through pgfabric. */
  url(user?: keyof typeof USERS, password?: string, tenant?: string): string;
  config: ResolvedConfig;
  stop(): Promise<void>;
};

export function testConfigObject(backendUrl: string, opts: ProxyOptions): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    // The core-proxy tests create and drop their own tables: the default test role may run DDL everywhere.
    roles: { app: { schemas: { '*': 'ddl' } } },
    backends: {
      main: {
        kind: 'postgres',
        url: backendUrl.replace(/^postgres(ql)?:\/\//, 'postgres://') + (backendUrl.includes('?') ? '&' : '?') + 'sslmode=disable',
        pool: { max: opts.poolMax ?? 10, acquireTimeoutMs: opts.acquireTimeoutMs ?? 5000, connectTimeoutMs: 2000, maxPreparedStatements: opts.maxPreparedStatements ?? 500 },
      },
    },
    tenants: {
      acme: { id: TENANTS.acme, backend: 'main' },
      globex: { id: TENANTS.globex, backend: 'main' },
    },
    users: [
      { name: 'alice', password: USERS.alice.password, role: 'app', tenants: ['acme'] },
      { name: 'bob', password: USERS.bob.password, role: 'app', tenants: ['globex'] },
    ],
    ...opts.extra,
  };
}

export function loadTestConfig(raw: Record<string, unknown>): ResolvedConfig {
  const loaded = parseConfigText(JSON.stringify(raw), 'json', { baseDir: process.cwd() });
  if (!loaded.ok) throw new Error(`test config invalid:\n${loaded.problems.join('\n')}`);
  return loaded.config;
}

export async function startProxy(opts: ProxyOptions): Promise<RunningProxy> {
  const backendUrl = await createTestDatabase(adminUrl(), opts.database);
  const config = loadTestConfig(testConfigObject(backendUrl, opts));
  const lines = opts.logLines;
  const logger = lines
    ? pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) })
    : pino({ level: process.env['PGFABRIC_LOG_LEVEL'] ?? 'silent' });
  const server = new PgfabricServer(config, logger);
  const { host, port } = await server.listen();
  return {
    server,
    host,
    port,
    backendUrl,
    config,
    url: (user = 'alice', password?: string, tenant?: string) =>
      `postgres://${user}:${encodeURIComponent(password ?? USERS[user].password)}@${host}:${port}/${tenant ?? USERS[user].tenant}`,
    stop: () => server.drain(2000),
  };
}
