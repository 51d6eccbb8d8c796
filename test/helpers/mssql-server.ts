// The SQL Server of a test run, as test files see it. mssql-global-setup.ts finds one once per run (MSSQL_URL,
// else a testcontainers SQL Server when a Docker engine is reachable) and provides either its URL or the reason
// there is none. A test file asks at collection time (`mssqlServer(import.meta.url)`): with a server it creates
// its own database on it (`createMssqlDatabase`); without one it marks its tests skipped, and the reason is
// printed once per file, so a run without SQL Server shows them skipped, never passed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mssql from 'mssql';
import { inject } from 'vitest';

/** What the global setup found: a server (its URL names the `master` database) or why there is none. */
export type MssqlServerInfo =
  | { readonly url: string; readonly source: 'MSSQL_URL' | 'testcontainers' }
  | { readonly skip: string };

declare module 'vitest' {
  export interface ProvidedContext {
    mssqlServer: MssqlServerInfo;
  }
}

/** Every test database on the server starts with this, so a shared server's own databases are never touched. */
export const TEST_DATABASE_PREFIX = 'pgfabric_test_';

const warned = new Set<string>();

/**
 * The run's SQL Server, or `{ skip }` (printed once for `fileUrl`, the calling test file's import.meta.url).
 * Call it at collection time and give the reason to `describe.skipIf` / `it.skipIf`.
 */
export function mssqlServer(fileUrl: string): MssqlServerInfo {
  const info: MssqlServerInfo = inject('mssqlServer') ?? {
    skip: 'SQL Server tests skipped: the SQL Server global setup did not run (test/helpers/mssql-global-setup.ts is not in vitest.config.ts globalSetup)',
  };
  if ('skip' in info && !warned.has(fileUrl)) {
    warned.add(fileUrl);
    console.warn(`${path.basename(fileURLToPath(fileUrl))}: ${info.skip}`);
  }
  return info;
}

/** The reason to skip, or undefined when there is a server (for `describe.skipIf(…)` and titles). */
export function skipReason(info: MssqlServerInfo): string | undefined {
  return 'skip' in info ? info.skip : undefined;
}

/**
 * mssql://user:password@host:port/database?encrypt=…&trustServerCertificate=… as the mssql package's config.
 * encrypt defaults to true (Azure requires TLS), trustServerCertificate to false.
 */
export function mssqlConfig(url: string): mssql.config {
  const u = new URL(url);
  if (u.protocol !== 'mssql:' && u.protocol !== 'sqlserver:') throw new Error(`not an mssql:// URL: ${u.protocol}//`);
  const flag = (name: string, fallback: boolean): boolean => {
    const v = u.searchParams.get(name);
    return v === null ? fallback : /^(true|1|yes|on)$/i.test(v);
  };
  return {
    server: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port === '' ? 1433 : Number(u.port),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || 'master',
    options: { encrypt: flag('encrypt', true), trustServerCertificate: flag('trustServerCertificate', false) },
    pool: { min: 0, max: 4 },
    connectionTimeout: 15_000,
    requestTimeout: 120_000,
  };
}

/** `url` naming database `name` instead (query options kept). */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/** Runs `fn` with a pool on `url`, closed afterwards. */
export async function withMssqlPool<T>(url: string, fn: (pool: mssql.ConnectionPool) => Promise<T>): Promise<T> {
  const pool = new mssql.ConnectionPool(mssqlConfig(url));
  await pool.connect();
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

/**
 * Drops the database `pgfabric_test_<name>` if it exists (ending its sessions) and creates it afresh on the
 * server of `serverUrl` (with `collation`, else the server's default); returns its URL. READ_COMMITTED_SNAPSHOT is turned on (Azure SQL's default): readers
 * see the last committed rows instead of waiting for writers, as on Postgres.
 */
export async function createMssqlDatabase(serverUrl: string, name: string, opts: { collation?: string } = {}): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,99}$/.test(name)) throw new Error(`SQL Server test database name must match [a-z_][a-z0-9_]{0,99}: "${name}"`);
  const db = `${TEST_DATABASE_PREFIX}${name}`;
  await withMssqlPool(withDatabase(serverUrl, 'master'), async (pool) => {
    // One statement per batch: Azure SQL wants CREATE DATABASE alone in its batch.
    await pool.request().batch(`IF DB_ID(N'${db}') IS NOT NULL ALTER DATABASE [${db}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE`);
    await pool.request().batch(`IF DB_ID(N'${db}') IS NOT NULL DROP DATABASE [${db}]`);
    if (opts.collation !== undefined && !/^\w+$/.test(opts.collation)) throw new Error(`not a collation name: ${opts.collation}`);
    await pool.request().batch(`CREATE DATABASE [${db}]${opts.collation ? ` COLLATE ${opts.collation}` : ''}`);
    await pool.request().batch(`ALTER DATABASE [${db}] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE`);
  });
  return withDatabase(serverUrl, db);
}

/** Waits until a login to `url` answers `SELECT 1` (the server is up), or throws after `timeoutMs`. */
export async function waitForMssqlLogin(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const one = await withMssqlPool(url, async (pool) => (await pool.request().query<{ one: number }>('SELECT 1 AS one')).recordset[0]?.one);
      if (one === 1) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`SQL Server at ${redacted(url)} did not accept a login within ${timeoutMs} ms: ${last instanceof Error ? last.message : String(last)}`);
}
