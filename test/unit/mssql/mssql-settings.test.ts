// A SQL Server session's settings: the SQLite connector's SessionSettings with named time zones allowed
// (timestamptz is printed in the session's TimeZone), and SQLite's own behaviour unchanged.
import { describe, expect, it } from 'vitest';
import { SessionSettings } from '../../../connectors/sqlite/sqlite-settings.js';

const mssqlSettings = () => new SessionSettings('alice', {}, 'acme', { backend: 'SQL Server', anyTimeZone: true });

describe('SQL Server session settings', () => {
  it('accepts a named time zone and reports it with ParameterStatus', () => {
    const s = mssqlSettings();
    expect(s.set('timezone', 'Europe/Paris', false, false)).toEqual({ ok: true, reported: ['TimeZone', 'Europe/Paris'] });
    expect(s.get('timezone')).toBe('Europe/Paris');
    expect(s.set('TimeZone', 'utc', false, false)).toEqual({ ok: true, reported: ['TimeZone', 'UTC'] });
  });

  it('refuses numeric offsets (POSIX sign rules are not emulated) and unknown zones with 22023', () => {
    const s = mssqlSettings();
    expect(s.set('timezone', '+02', false, false)).toMatchObject({ ok: false, code: '22023' });
    expect(s.set('timezone', 'Mars/Olympus_Mons', false, false)).toMatchObject({ ok: false, code: '22023', message: expect.stringContaining('SQL Server backends') });
    expect(s.get('timezone')).toBe('UTC');
  });

  it('undoes a SET of the time zone when the transaction rolls back', () => {
    const s = mssqlSettings();
    s.transactionStarted();
    s.set('timezone', 'Asia/Tokyo', false, true);
    expect(s.transactionEnded(false)).toEqual([['TimeZone', 'UTC']]);
    expect(s.get('timezone')).toBe('UTC');
  });

  it('names the backend in version()', () => {
    expect(mssqlSettings().get('pgfabric.version_string')).toMatch(/SQL Server backend/);
  });

  it('leaves SQLite sessions at UTC only', () => {
    const s = new SessionSettings('alice', {});
    expect(s.set('timezone', 'Europe/Paris', false, false)).toEqual({ ok: false, code: '0A000', message: 'time zone "Europe/Paris" is not supported on SQLite backends (only UTC)' });
    expect(s.get('pgfabric.version_string')).toMatch(/SQLite backend/);
  });
});
