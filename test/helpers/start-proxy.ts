// Starts pgfabric in-process on port 0 in front of a test database, with two tenants sharing it
// (acme, globex) and a user per tenant. Tests get URLs for real clients (pg, postgres.js, psql).
// With `sqlite`, each tenant gets its own SQLite file in a temp directory instead (no Postgres needed);
// with `mssql` (a SQL Server URL), each tenant gets its own fresh database on that server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { parseConfigText } from '../../src/config/load-config.js';
import type { ResolvedConfig } from '../../src/config/resolved-config.js';
import { PgfabricServer } from '../../src/server/pgfabric-server.js';
import { createMssqlDatabase } from './mssql-server.js';
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
  /** Put acme and globex on SQLite files (in `dir`, default a fresh temp directory) instead of the shared Postgres. */
  sqlite?: boolean | { dir?: string };
  /**
   * A SQL Server URL (mssql://…/master?…, see mssql-server.ts): acme and globex each get a fresh database
   * `pgfabric_test_<database>_<tenant>` on it (in `collation`, else the server's default), as backends
   * `{ kind: mssql, url }`.
   */
  mssql?: string | { url: string; collation?: string };
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
  /** With the `sqlite` option: the database file of each tenant. */
  sqliteFiles?: Record<keyof typeof TENANTS, string> | null;
  /** With the `mssql` option: the database URL of each tenant (for direct checks with the mssql package). */
  mssqlUrls?: Record<keyof typeof TENANTS, string> | null;
  stop(): Promise<void>;
};

export function sqliteFilesIn(dir: string): Record<keyof typeof TENANTS, string> {
  return { acme: path.join(dir, 'acme.db'), globex: path.join(dir, 'globex.db') };
}

/** Backends `acme_db` and `globex_db` on the tenants' SQLite files. */
export function sqliteConfigObject(files: Record<keyof typeof TENANTS, string>, opts: ProxyOptions): Record<string, unknown> {
  const base = testConfigObject('postgres://unused@127.0.0.1/unused', opts);
  return {
    ...base,
    backends: { acme_db: { kind: 'sqlite', file: files.acme }, globex_db: { kind: 'sqlite', file: files.globex } },
    tenants: { acme: { id: TENANTS.acme, backend: 'acme_db' }, globex: { id: TENANTS.globex, backend: 'globex_db' } },
    ...opts.extra,
  };
}

/** Backends `acme_db` and `globex_db` on the tenants' SQL Server databases. */
export function mssqlConfigObject(urls: Record<keyof typeof TENANTS, string>, opts: ProxyOptions): Record<string, unknown> {
  const base = testConfigObject('postgres://unused@127.0.0.1/unused', opts);
  return {
    ...base,
    backends: { acme_db: { kind: 'mssql', url: urls.acme }, globex_db: { kind: 'mssql', url: urls.globex } },
    tenants: { acme: { id: TENANTS.acme, backend: 'acme_db' }, globex: { id: TENANTS.globex, backend: 'globex_db' } },
    ...opts.extra,
  };
}

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
  if (opts.mssql !== undefined) return startMssqlProxy(opts.mssql, opts);
  const sqliteDir = opts.sqlite ? ((typeof opts.sqlite === 'object' ? opts.sqlite.dir : undefined) ?? mkdtempSync(path.join(tmpdir(), `pgfabric-${opts.database}-`))) : null;
  const sqliteFiles = sqliteDir ? sqliteFilesIn(sqliteDir) : null;
  const backendUrl = sqliteFiles ? '' : await createTestDatabase(adminUrl(), opts.database);
  const config = loadTestConfig(sqliteFiles ? sqliteConfigObject(sqliteFiles, opts) : testConfigObject(backendUrl, opts));
  return listenProxy(config, backendUrl, proxyLogger(opts), sqliteFiles);
}

async function startMssqlProxy(server: NonNullable<ProxyOptions['mssql']>, opts: ProxyOptions): Promise<RunningProxy> {
  const { url, collation } = typeof server === 'string' ? { url: server, collation: undefined } : server;
  const dbOptions = collation === undefined ? {} : { collation };
  const urls = {
    acme: await createMssqlDatabase(url, `${opts.database}_acme`, dbOptions),
    globex: await createMssqlDatabase(url, `${opts.database}_globex`, dbOptions),
  };
  const running = await listenProxy(loadTestConfig(mssqlConfigObject(urls, opts)), '', proxyLogger(opts), null);
  return { ...running, mssqlUrls: urls };
}

function proxyLogger(opts: ProxyOptions): Logger {
  const lines = opts.logLines;
  return lines
    ? pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) })
    : pino({ level: process.env['PGFABRIC_LOG_LEVEL'] ?? 'silent' });
}

/** A PgfabricServer for `config` listening on its port (0: any), as a test drives it. */
export async function listenProxy(config: ResolvedConfig, backendUrl: string, logger: Logger, sqliteFiles: RunningProxy['sqliteFiles'] = null): Promise<RunningProxy> {
  const server = new PgfabricServer(config, logger);
  const { host, port } = await server.listen();
  return {
    server,
    host,
    port,
    backendUrl,
    config,
    sqliteFiles,
    url: (user = 'alice', password?: string, tenant?: string) =>
      `postgres://${user}:${encodeURIComponent(password ?? USERS[user].password)}@${host}:${port}/${tenant ?? USERS[user].tenant}`,
    stop: () => server.drain(2000),
  };
}
