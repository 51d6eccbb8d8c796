// Postgres backend URLs split into the parts a connector needs.
import { describe, expect, it } from 'vitest';
import { parseMssqlUrl } from '../../../src/config/mssql-url.js';
import { parsePostgresUrl } from '../../../src/config/postgres-url.js';

describe('parsePostgresUrl', () => {
  it('splits a full URL', () => {
    expect(parsePostgresUrl('postgresql://app:s3cret@db.example.com:6543/fabric?sslmode=verify-full')).toEqual({
      ok: true,
      value: { host: 'db.example.com', port: 6543, user: 'app', password: 's3cret', database: 'fabric', sslMode: 'verify-full' },
    });
  });
  it('defaults the port, the database (to the user) and sslmode', () => {
    expect(parsePostgresUrl('postgres://app@localhost')).toEqual({
      ok: true,
      value: { host: 'localhost', port: 5432, user: 'app', password: '', database: 'app', sslMode: 'prefer' },
    });
  });
  it('percent-decodes user, password and database; unwraps IPv6 hosts', () => {
    expect(parsePostgresUrl('postgres://us%40er:p%40ss%2Fw%3Ad%23@[::1]:5433/my%20db')).toEqual({
      ok: true,
      value: { host: '::1', port: 5433, user: 'us@er', password: 'p@ss/w:d#', database: 'my db', sslMode: 'prefer' },
    });
  });
  it('refuses what a connection string must not have', () => {
    const message = (url: string) => {
      const parsed = parsePostgresUrl(url);
      return parsed.ok ? 'ok' : parsed.message;
    };
    expect(message('postgres://localhost/db')).toBe('missing user name');
    expect(message('postgres://a@h/db?sslmode=sometimes')).toBe(
      'unsupported sslmode "sometimes" (expected one of disable, prefer, require, verify-ca, verify-full)',
    );
    expect(message('postgres://a:%E0%A4%A@h/db')).toBe('malformed percent-encoding in the password');
    expect(message('postgres://a@h/db/x')).toBe('the database name must not contain "/"');
    expect(message('postgres://a@h:99999/db')).toMatch(/^not a valid URL/);
  });
});

describe('parseMssqlUrl', () => {
  it('finds host and port, 1433 by default', () => {
    expect(parseMssqlUrl('mssql://sa:pw@sql.example.com/initech')).toEqual({ ok: true, value: { host: 'sql.example.com', port: 1433 } });
    expect(parseMssqlUrl('sqlserver://sa:pw@127.0.0.1:14330/x')).toEqual({ ok: true, value: { host: '127.0.0.1', port: 14330 } });
    expect(parseMssqlUrl('postgres://sa@h/x')).toEqual({ ok: false, message: 'expected an mssql:// or sqlserver:// URL, got "postgres://"' });
  });
});
