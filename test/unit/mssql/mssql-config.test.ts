// The SQL Server backend URL → connection options and the mssql pool config (TLS defaults included), and
// agreement with the config loader's own URL check (src/config/mssql-url.ts).
import { describe, expect, it } from 'vitest';
import { mssqlPoolConfig, parseMssqlBackendUrl } from '../../../connectors/mssql/mssql-config.js';
import { parseMssqlUrl } from '../../../src/config/mssql-url.js';

function ok(url: string) {
  const r = parseMssqlBackendUrl(url);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function problem(url: string): string {
  const r = parseMssqlBackendUrl(url);
  return r.ok ? 'accepted' : r.message;
}

describe('mssql:// URLs', () => {
  it('reads user, password, host, port and database (percent-decoded)', () => {
    expect(ok('mssql://sa:p%40ss%3Aword@db.example.com:14330/initech')).toMatchObject({ server: 'db.example.com', port: 14330, user: 'sa', password: 'p@ss:word', database: 'initech' });
    expect(ok('sqlserver://u:p@[::1]/d')).toMatchObject({ server: '::1', port: 1433, database: 'd' });
    expect(ok('mssql://u:p@host')).toMatchObject({ database: '' });
  });

  it('encrypts and verifies the server certificate by default (Azure SQL requires TLS)', () => {
    const o = ok('mssql://u:p@host/db');
    expect([o.encrypt, o.trustServerCertificate]).toEqual([true, false]);
    const cfg = mssqlPoolConfig(o);
    expect(cfg.options?.encrypt).toBe(true);
    expect(cfg.options?.trustServerCertificate).toBe(false);
  });

  it('takes the TLS, timeout and pool options from the query string', () => {
    const o = ok('mssql://u:p@host/db?encrypt=false&trustServerCertificate=true&connectTimeout=5000&requestTimeout=60000&poolMax=3');
    expect(o).toMatchObject({ encrypt: false, trustServerCertificate: true, connectTimeoutMs: 5000, requestTimeoutMs: 60000, poolMax: 3 });
    const cfg = mssqlPoolConfig(o);
    expect(cfg).toMatchObject({ server: 'host', database: 'db', connectionTimeout: 5000, requestTimeout: 60000, arrayRowMode: true, validateConnection: 'socket', pool: { max: 3 } });
    expect(cfg.options).toMatchObject({ encrypt: false, trustServerCertificate: true, useUTC: true });
  });

  it('has no request timeout by default (statement_timeout bounds statements, as in Postgres)', () => {
    expect(mssqlPoolConfig(ok('mssql://u:p@host/db')).requestTimeout).toBe(0);
    expect(mssqlPoolConfig(ok('mssql://u:p@host')).database).toBeUndefined();
  });

  it('refuses what it does not understand, with one clear line', () => {
    expect(problem('postgres://u:p@host/db')).toMatch(/expected an mssql:\/\/ or sqlserver:\/\/ URL/);
    expect(problem('mssql://u:p@host/db?encrypt=maybe')).toBe('option encrypt must be true or false, got "maybe"');
    expect(problem('mssql://u:p@host/db?poolMax=0')).toBe('option poolMax must be an integer from 1 to 1000, got "0"');
    expect(problem('mssql://u:p@host/db?ssl=true')).toMatch(/^unknown option "ssl"/);
    expect(problem('not a url')).toMatch(/not a valid URL/);
  });

  it('agrees with the config loader on host and port', () => {
    for (const url of ['mssql://sa:x@127.0.0.1:1433/initech', 'sqlserver://u:p@db.internal/app?encrypt=true', 'mssql://u:p@[::1]:1500/d']) {
      const loader = parseMssqlUrl(url);
      if (!loader.ok) throw new Error(loader.message);
      expect({ host: ok(url).server, port: ok(url).port }).toEqual(loader.value);
    }
    // An option typo fails when the config loads (pgfabric check), not at the first login.
    expect(parseMssqlUrl('mssql://u:p@host/db?trustServerCertficate=true')).toMatchObject({ ok: false, message: expect.stringMatching(/^unknown option "trustServerCertficate"/) });
  });
});
