// ${ENV} substitution: values come from the given environment, `$${` escapes, an unset variable is
// reported with its line, and a value with YAML/JSON syntax in it cannot change the document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { substituteEnv } from '../../../src/config/env-substitution.js';
import { parseConfigText } from '../../../src/config/load-config.js';
import { problemsOf } from './config-test-files.js';

const CONTRACT = readFileSync(new URL('./fixtures/contract-example.yaml', import.meta.url), 'utf8');

function yaml(text: string, env: NodeJS.ProcessEnv) {
  return parseConfigText(text, 'yaml', { baseDir: '/etc/pgfabric', env });
}

const MINIMAL = (extra: string) => `backends: {}\ntenants: {}\nusers: []\n${extra}`;

describe('substituteEnv', () => {
  it('replaces references in string values, anywhere in the string', () => {
    const { value, problems } = substituteEnv({ a: 'x-${A}-${B}', list: ['${A}'], n: 5 }, '', { A: '1', B: 'two' });
    expect(problems).toEqual([]);
    expect(value).toEqual({ a: 'x-1-two', list: ['1'], n: 5 });
  });
  it('treats $${ as a literal ${ and leaves lone dollars alone', () => {
    const { value } = substituteEnv({ a: 'p$${HOME}q', b: 'cost $5 $$', c: '$$${A}' }, '', { A: '1', HOME: '/root' });
    expect(value).toEqual({ a: 'p${HOME}q', b: 'cost $5 $$', c: '$${A}' });
  });
  it('does not substitute keys and keeps __proto__ a plain key', () => {
    const document = JSON.parse('{"${A}": "${A}", "__proto__": {"x": "${A}"}}') as unknown;
    const { value } = substituteEnv(document, '', { A: 'v' });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe('{"${A}":"v","__proto__":{"x":"v"}}');
  });
  it('reports a malformed reference', () => {
    const { problems } = substituteEnv({ a: '${not-a-name}' }, 'a: ${not-a-name}\n', {});
    expect(problems).toEqual([{ line: 1, message: 'malformed reference "${not-a-name}" (write ${NAME}, or $${ for a literal ${)' }]);
  });
});

describe('through the loader', () => {
  it('names an unset variable and the line of its first use, once', () => {
    const env = { MSSQL_PASSWORD: 'm', ALICE_PASSWORD: 'a' };
    const text = CONTRACT.replace('bob-secret', '"${PG_PASSWORD}"');
    expect(problemsOf(yaml(text, env))).toEqual(['line 13: environment variable PG_PASSWORD is not set']);
  });
  it('reports every unset variable, in line order, and ignores commented-out uses', () => {
    const text = `# password: \${ALICE_PASSWORD}\n${CONTRACT}`;
    expect(problemsOf(yaml(text, {}))).toEqual([
      'line 14: environment variable PG_PASSWORD is not set',
      'line 16: environment variable MSSQL_PASSWORD is not set',
      'line 22: environment variable ALICE_PASSWORD is not set',
    ]);
  });
  it('accepts an empty value as set', () => {
    const result = yaml(MINIMAL('tenantColumn: "tenant${SUFFIX}_id"\n'), { SUFFIX: '' });
    expect(result.ok && result.config.tenantColumn).toBe('tenant_id');
  });
  it('keeps quotes, colons, hashes and newlines inside the value', () => {
    const nasty = 'a"b\'c: d # e\n  f: [g]';
    const text = MINIMAL('limits: { drainTimeoutMs: 1 }\nmetrics: { host: "${NASTY}", port: 9 }\n');
    const result = yaml(text, { NASTY: nasty });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.metrics?.host).toBe(nasty);
  });
  it('turns a digit string into a number where a number is expected', () => {
    const result = yaml(MINIMAL('listen:\n  port: ${PORT}\n'), { PORT: '7432' });
    expect(result.ok && result.config.listen.port).toBe(7432);
    const json = parseConfigText('{"listen": {"port": "${PORT}"}, "backends": {}, "tenants": {}, "users": []}', 'json', {
      baseDir: '/', env: { PORT: '7433' },
    });
    expect(json.ok && json.config.listen.port).toBe(7433);
  });
  it('explains that a reference inside a YAML flow collection must be quoted', () => {
    expect(problemsOf(yaml(MINIMAL('listen: { port: ${PORT} }\n'), { PORT: '1' }))).toEqual([
      'line 4, column 18: Unexpected flow-map-start at node end (quote values that use ${...} inside { } or [ ])',
    ]);
  });
  it('reads process.env when no environment is given', () => {
    process.env['PGFABRIC_TEST_PORT'] = '7434';
    try {
      const result = parseConfigText(MINIMAL('listen: { port: "${PGFABRIC_TEST_PORT}" }\n'), 'yaml', { baseDir: '/' });
      expect(result.ok && result.config.listen.port).toBe(7434);
    } finally {
      delete process.env['PGFABRIC_TEST_PORT'];
    }
  });
});
