// The little pgfabric itself needs from an mssql:// (or sqlserver://) backend URL: that it parses (its
// query options checked by the connector's parser, connectors/mssql/mssql-config.ts), and the host and
// port to probe. The full connection options belong to connectors/mssql.
import { parseMssqlBackendUrl } from '../../connectors/mssql/mssql-config.js';
import { HASH_MESSAGE, type UrlParseResult } from './postgres-url.js';

export type MssqlUrlParts = { host: string; port: number };

const DEFAULT_PORT = 1433;

export function parseMssqlUrl(text: string): UrlParseResult<MssqlUrlParts> {
  // '#' inside a password coming from ${ENV} cuts the URL short: say how to fix it.
  if (text.includes('#')) return { ok: false, message: HASH_MESSAGE };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'not a valid URL (expected mssql://user:password@host:port/database)' };
  }
  if (url.protocol !== 'mssql:' && url.protocol !== 'sqlserver:') {
    return { ok: false, message: `expected an mssql:// or sqlserver:// URL, got "${url.protocol}//"` };
  }
  if (url.hostname === '') return { ok: false, message: 'missing host' };
  // The connector's options (encrypt, trustServerCertificate, timeouts, poolMax): a typo fails at load, not at a login.
  const options = parseMssqlBackendUrl(text);
  if (!options.ok) return options;
  return {
    ok: true,
    value: { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port === '' ? DEFAULT_PORT : Number(url.port) },
  };
}
