// Every kind of config problem comes out as exactly one line `path: message`, in file order.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load-config.js';
import { baseConfig, loadJson, problemsOf } from './config-test-files.js';

type Doc = Record<string, unknown>;

/** baseConfig() with one change applied. */
function problemsAfter(change: (document: Doc & { tenants: Doc; backends: Doc; roles: Doc; users: Doc[] }) => void): string[] {
  const document = baseConfig() as Doc & { tenants: Doc; backends: Doc; roles: Doc; users: Doc[] };
  change(document);
  return problemsOf(loadJson(document));
}

function tenant(document: { tenants: Doc }, name: string): Doc {
  return document.tenants[name] as Doc;
}

describe('cross references', () => {
  it('unknown backend', () => {
    expect(problemsAfter((d) => { tenant(d, 'acme')['backend'] = 'pg2'; })).toEqual(['tenants.acme.backend: unknown backend "pg2"']);
  });
  it('unknown role', () => {
    expect(problemsAfter((d) => { d.users[1]!['role'] = 'finance'; })).toEqual(['users[1].role: unknown role "finance"']);
  });
  it('unknown tenant', () => {
    expect(problemsAfter((d) => { d.users[0]!['tenants'] = ['acm']; })).toEqual(['users[0].tenants[0]: unknown tenant "acm"']);
  });
  it('duplicate user names', () => {
    expect(problemsAfter((d) => { d.users[1]!['name'] = 'alice'; })).toEqual(['users[1].name: duplicate user "alice" (also users[0])']);
  });
  it('duplicate tenant ids, UUIDs compared without case', () => {
    const problems = problemsAfter((d) => { tenant(d, 'globex')['id'] = '11111111-1111-1111-1111-111111111111'.toUpperCase(); });
    expect(problems).toEqual(['tenants.globex.id: duplicate tenant id "11111111-1111-1111-1111-111111111111" (also tenant acme)']);
  });
  it('a tenant named pgfabric', () => {
    const problems = problemsAfter((d) => { d.tenants['pgfabric'] = { id: 'admin-ish', backend: 'shared_pg' }; });
    expect(problems).toEqual(['tenants.pgfabric: the name "pgfabric" is reserved for the admin console']);
  });
  it('the admin role is built in and has no tenants', () => {
    const problems = problemsAfter((d) => {
      d.roles['admin'] = { schemas: {} };
      d.users.push({ name: 'ops', password: 'x', role: 'admin', tenants: ['acme'] });
    });
    expect(problems).toEqual([
      'roles.admin: "admin" is the built-in admin console role and cannot be redefined',
      'users[2].tenants: the admin role reaches only the admin console; remove tenants',
    ]);
  });
});

describe('schema', () => {
  it('bad enum values', () => {
    expect(problemsAfter((d) => { d['crossSchemaJoins'] = 'blok'; })).toEqual([
      'crossSchemaJoins: expected one of block, warn, allow, got "blok"',
    ]);
    expect(problemsAfter((d) => { d.roles['auditor'] = { schemas: { '*': 'admin' } }; })).toEqual([
      'roles.auditor.schemas["*"]: expected one of none, read, write, ddl, got "admin"',
    ]);
    expect(problemsAfter((d) => { d.backends['shared_pg'] = { kind: 'pg', url: 'x' }; })).toEqual([
      'backends.shared_pg.kind: expected one of postgres, sqlite, mssql, got "pg"',
    ]);
  });
  it('missing required keys', () => {
    expect(problemsAfter((d) => { delete tenant(d, 'acme')['backend']; })).toEqual(['tenants.acme.backend: required key is missing']);
    expect(problemsAfter((d) => { delete d.backends['acme_local']; d.backends['x'] = { file: 'a.db' }; })).toEqual([
      'backends.x.kind: required key is missing (one of postgres, sqlite, mssql)',
      'tenants.globex.backend: unknown backend "acme_local"',
    ]);
    expect(problemsAfter((d) => { delete (d as Doc)['users']; })).toEqual(['users: required key is missing']);
  });
  it('unknown keys, naming the allowed ones', () => {
    expect(problemsAfter((d) => { d['listen'] = { host: '0.0.0.0', prot: 7000 }; })).toEqual([
      'listen.prot: unknown key (allowed: host, port)',
    ]);
    expect(problemsAfter((d) => { d['tenant'] = {}; })).toEqual([
      'tenant: unknown key (allowed: listen, tls, metrics, tenantColumn, crossSchemaJoins, appendOnly, allowedFunctions, roles, backends, tenants, users, audit, limits)',
    ]);
  });
  it('wrong types and ranges', () => {
    expect(problemsAfter((d) => { d['listen'] = { port: 'six' }; })).toEqual(['listen.port: expected a number, got "six"']);
    expect(problemsAfter((d) => { d['listen'] = { port: 70000 }; })).toEqual(['listen.port: must be <= 65535']);
    expect(problemsAfter((d) => { d.users = {} as unknown as Doc[]; })).toEqual(['users: expected a list, got a map']);
  });
  it('bad tenant ids, which are embedded in SQL', () => {
    expect(problemsAfter((d) => { tenant(d, 'acme')['id'] = "x'; drop table t; --"; })).toEqual([
      'tenants.acme.id: must be a UUID or 1-64 characters from A-Z a-z 0-9 _ - (it is embedded in SQL)',
    ]);
  });
  it('bad backend URLs', () => {
    const url = (value: string) => problemsAfter((d) => { d.backends['shared_pg'] = { kind: 'postgres', url: value }; });
    expect(url('not a url')).toEqual(['backends.shared_pg.url: not a valid URL (expected postgres://user:password@host:port/database)']);
    expect(url('mysql://a@h/db')).toEqual(['backends.shared_pg.url: expected a postgres:// or postgresql:// URL, got "mysql://"']);
    expect(url('postgres://a@h/db?sslMode=require')).toEqual(['backends.shared_pg.url: unsupported URL parameter "sslMode" (supported: sslmode)']);
    expect(url('postgres://a:p#w@h/db')).toEqual(['backends.shared_pg.url: unexpected "#" in the URL (percent-encode it as %23 inside a password)']);
  });
  it('bad names and identifiers', () => {
    expect(problemsAfter((d) => { d['appendOnly'] = ['journal']; })).toEqual([
      'appendOnly[0]: expected schema.table in lower case (e.g. finance.journal_entries)',
    ]);
    expect(problemsAfter((d) => { d.tenants['a b'] = { id: 'ab', backend: 'shared_pg' }; })).toEqual([
      'tenants["a b"]: names use A-Z a-z 0-9 _ . - (at most 63 characters)',
    ]);
  });
});

describe('several problems', () => {
  it('are all reported, one line each, in file order', () => {
    const problems = problemsAfter((d) => {
      d.users[1]!['role'] = 'finance';
      tenant(d, 'acme')['backend'] = 'pg2';
      d['crossSchemaJoins'] = 'sometimes';
      d['tenant'] = {};
    });
    expect(problems).toEqual([
      'crossSchemaJoins: expected one of block, warn, allow, got "sometimes"',
      'tenants.acme.backend: unknown backend "pg2"',
      'users[1].role: unknown role "finance"',
      expect.stringMatching(/^tenant: unknown key/),
    ]);
  });
});

describe('syntax errors', () => {
  it('YAML, with the line', () => {
    const text = 'listen: { host: 127.0.0.1, port: 6432 }\nbackends:\n  a: b: c\ntenants: {}\nusers: []\n';
    expect(problemsOf(parseConfigText(text, 'yaml', { baseDir: '/', env: {} }))).toEqual([
      'line 3, column 6: Nested mappings are not allowed in compact mappings',
    ]);
  });
  it('YAML duplicate keys', () => {
    const text = 'backends: {}\ntenants: {}\nusers: []\ntenants: {}\n';
    expect(problemsOf(parseConfigText(text, 'yaml', { baseDir: '/', env: {} }))).toEqual(['line 4, column 1: Map keys must be unique']);
  });
  it('JSON, with the line', () => {
    const trailingComma = '{\n  "backends": {},\n  "tenants": {},\n}\n';
    expect(problemsOf(parseConfigText(trailingComma, 'json', { baseDir: '/' }))).toEqual([
      'line 4, column 1: JSON syntax error: Expected double-quoted property name',
    ]);
    const bareWord = '{\n  "backends": {},\n  "tenants": nope\n}\n';
    const [problem, ...rest] = problemsOf(parseConfigText(bareWord, 'json', { baseDir: '/' }));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^line 3, column \d+: JSON syntax error: Unexpected token/);
    expect(problem).not.toContain('\n');
  });
});
