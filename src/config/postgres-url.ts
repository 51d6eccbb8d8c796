// Splits a postgres:// (or postgresql://) backend URL into the parts a connector needs.
// Used twice: by the schema (so a bad URL is reported with its config path) and by resolve-config.
// Unknown query parameters are refused on purpose: a typo such as `sslMode=require` must not
// silently fall back to `prefer`.
import type { PostgresBackend } from './resolved-config.js';

export type PostgresUrlParts = Pick<PostgresBackend, 'host' | 'port' | 'user' | 'password' | 'database' | 'sslMode'>;
export type UrlParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
const DEFAULT_PORT = 5432;
/** Shared with mssql-url.ts. */
export const HASH_MESSAGE = 'unexpected "#" in the URL (percent-encode it as %23 inside a password)';

function isSslMode(value: string): value is PostgresUrlParts['sslMode'] {
  return (SSL_MODES as readonly string[]).includes(value);
}

function decode(part: string, what: string): UrlParseResult<string> {
  try {
    return { ok: true, value: decodeURIComponent(part) };
  } catch {
    return { ok: false, message: `malformed percent-encoding in the ${what}` };
  }
}

/** Checks the pieces `new URL` accepts but a Postgres connection string must not have. */
function shapeProblem(url: URL): string | null {
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `expected a postgres:// or postgresql:// URL, got "${url.protocol}//"`;
  }
  if (url.hostname === '') return 'missing host';
  if (url.username === '') return 'missing user name';
  return null;
}

function sslModeOf(url: URL): UrlParseResult<PostgresUrlParts['sslMode']> {
  for (const key of url.searchParams.keys()) {
    if (key !== 'sslmode') return { ok: false, message: `unsupported URL parameter "${key}" (supported: sslmode)` };
  }
  const mode = url.searchParams.get('sslmode') ?? 'prefer';
  if (!isSslMode(mode)) return { ok: false, message: `unsupported sslmode "${mode}" (expected one of ${SSL_MODES.join(', ')})` };
  return { ok: true, value: mode };
}

export function parsePostgresUrl(text: string): UrlParseResult<PostgresUrlParts> {
  // '#' inside a password coming from ${ENV} cuts the URL short: say how to fix it.
  if (text.includes('#')) return { ok: false, message: HASH_MESSAGE };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'not a valid URL (expected postgres://user:password@host:port/database)' };
  }
  const problem = shapeProblem(url);
  if (problem !== null) return { ok: false, message: problem };
  const user = decode(url.username, 'user name');
  if (!user.ok) return user;
  const password = decode(url.password, 'password');
  if (!password.ok) return password;
  const database = decode(url.pathname.replace(/^\//, ''), 'database name');
  if (!database.ok) return database;
  if (database.value.includes('/')) return { ok: false, message: 'the database name must not contain "/"' };
  const sslMode = sslModeOf(url);
  if (!sslMode.ok) return sslMode;
  return {
    ok: true,
    value: {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? DEFAULT_PORT : Number(url.port),
      user: user.value,
      password: password.value,
      database: database.value === '' ? user.value : database.value,
      sslMode: sslMode.value,
    },
  };
}
