// A SQL Server backend URL → the mssql package's ConnectionPool config:
//   mssql://user:password@host:port/database?encrypt=true&trustServerCertificate=false&connectTimeout=15000&requestTimeout=0&poolMax=10
// (sqlserver:// is accepted too; src/config/mssql-url.ts checks the same shape when the config loads).
import type { config as MssqlPoolConfig } from 'mssql';

export type MssqlUrlOptions = {
  readonly server: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Empty: the login's default database. */
  readonly database: string;
  readonly encrypt: boolean;
  readonly trustServerCertificate: boolean;
  readonly connectTimeoutMs: number;
  /** 0: none (statement_timeout, kept by the session, is the Postgres way to bound a statement). */
  readonly requestTimeoutMs: number;
  readonly poolMax: number;
};

export type MssqlConfigResult = { ok: true; value: MssqlUrlOptions } | { ok: false; message: string };

const DEFAULT_PORT = 1433;
const BOOL_OPTIONS = new Set(['encrypt', 'trustServerCertificate']);
const INT_OPTIONS: Readonly<Record<string, { min: number; max: number }>> = {
  connectTimeout: { min: 1, max: 600_000 },
  requestTimeout: { min: 0, max: 86_400_000 },
  poolMax: { min: 1, max: 1000 },
};

export function parseMssqlBackendUrl(text: string): MssqlConfigResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'not a valid URL (expected mssql://user:password@host:port/database)' };
  }
  if (url.protocol !== 'mssql:' && url.protocol !== 'sqlserver:') return { ok: false, message: `expected an mssql:// or sqlserver:// URL, got "${url.protocol}//"` };
  if (url.hostname === '') return { ok: false, message: 'missing host' };
  const options = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!BOOL_OPTIONS.has(key) && !(key in INT_OPTIONS)) {
      return { ok: false, message: `unknown option "${key}" (known: encrypt, trustServerCertificate, connectTimeout, requestTimeout, poolMax)` };
    }
    options.set(key, value);
  }
  const bools: Record<string, boolean> = {};
  for (const key of BOOL_OPTIONS) {
    const raw = options.get(key);
    if (raw === undefined) continue;
    const v = parseBool(raw);
    if (v === null) return { ok: false, message: `option ${key} must be true or false, got "${raw}"` };
    bools[key] = v;
  }
  const ints: Record<string, number> = {};
  for (const [key, range] of Object.entries(INT_OPTIONS)) {
    const raw = options.get(key);
    if (raw === undefined) continue;
    const v = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(v >= range.min && v <= range.max)) return { ok: false, message: `option ${key} must be an integer from ${range.min} to ${range.max}, got "${raw}"` };
    ints[key] = v;
  }
  return {
    ok: true,
    value: {
      server: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? DEFAULT_PORT : Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.replace(/^\//, '')),
      // TLS on by default: Azure SQL refuses unencrypted logins, and a server's certificate is verified
      // unless the URL says trustServerCertificate=true (a local SQL Server with its self-signed certificate).
      encrypt: bools.encrypt ?? true,
      trustServerCertificate: bools.trustServerCertificate ?? false,
      connectTimeoutMs: ints.connectTimeout ?? 15_000,
      requestTimeoutMs: ints.requestTimeout ?? 0,
      poolMax: ints.poolMax ?? 10,
    },
  };
}

/** The pool config: UTC dates (values are formatted by the session, in its TimeZone), rows as arrays with column metadata. */
export function mssqlPoolConfig(o: MssqlUrlOptions): MssqlPoolConfig {
  return {
    server: o.server,
    port: o.port,
    user: o.user,
    password: o.password,
    ...(o.database !== '' ? { database: o.database } : {}),
    connectionTimeout: o.connectTimeoutMs,
    requestTimeout: o.requestTimeoutMs,
    arrayRowMode: true,
    // mssql's default validation runs SELECT 1 on every acquire (a round trip per statement); checking the
    // socket finds connections the server closed, and a statement on one that died unnoticed fails with 08006.
    validateConnection: 'socket',
    pool: { max: o.poolMax, min: 0, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: o.encrypt,
      trustServerCertificate: o.trustServerCertificate,
      useUTC: true,
      appName: 'pgfabric',
    },
  };
}

function parseBool(raw: string): boolean | null {
  const v = raw.toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes' || v === 'on') return true;
  if (v === 'false' || v === '0' || v === 'no' || v === 'off') return false;
  return null;
}
