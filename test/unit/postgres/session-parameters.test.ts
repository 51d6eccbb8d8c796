import { describe, expect, it } from 'vitest';
import { SessionParameters, parseStartupOptions } from '../../../connectors/postgres/session-parameters.js';

describe('SessionParameters', () => {
  it('has an empty key with no startup parameters, so fresh server connections need no replay', () => {
    expect(new SessionParameters({}).key).toBe('');
  });

  it('turns startup parameters into SET statements, quoting values', () => {
    const p = new SessionParameters({ application_name: "it's me", client_encoding: 'UTF8', user: 'x', database: 'y' });
    expect(p.replaySql()).toBe(`RESET ALL; SET "application_name" = 'it''s me'; SET "client_encoding" = 'UTF8'`);
    expect(p.key).not.toBe('');
  });

  it('tracks SET, RESET and RESET ALL, and two clients with the same settings share a key', () => {
    const a = new SessionParameters({ application_name: 'app' });
    const b = new SessionParameters({ application_name: 'app' });
    expect(a.key).toBe(b.key);
    expect(a.apply([{ kind: 'set', name: 'search_path', statement: 'SET search_path = x' }])).toBe(true);
    expect(a.key).not.toBe(b.key);
    expect(a.replaySql()).toContain('SET search_path = x');
    a.apply([{ kind: 'reset', name: 'search_path' }]);
    expect(a.key).toBe(b.key);
    a.apply([{ kind: 'set', name: 'timezone', statement: "SET TIME ZONE 'UTC'" }]);
    a.apply([{ kind: 'resetAll' }]);
    expect(a.key).toBe(b.key);
  });

  it('reads -c settings from the options parameter', () => {
    expect(parseStartupOptions('-c search_path=app -c statement_timeout=5s --work-mem=4MB')).toEqual({
      search_path: 'app',
      statement_timeout: '5s',
      work_mem: '4MB',
    });
  });
});
