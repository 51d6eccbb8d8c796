// TLS files are read at load: missing, unreadable or mismatched files are config problems.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseConfig, hasOpenssl, loadJson, makeTempDir, problemsOf, removeTempDirs, writeTlsPair } from './config-test-files.js';

afterAll(removeTempDirs);

function withTls(dir: string, tls: Record<string, unknown>) {
  return loadJson({ ...baseConfig(), tls }, {}, dir);
}

describe('tls', () => {
  it('reports missing files with their absolute paths', () => {
    const dir = makeTempDir();
    expect(problemsOf(withTls(dir, { cert: './certs/server.crt', key: 'server.key' }))).toEqual([
      `tls.cert: file not found: ${join(dir, 'certs/server.crt')}`,
      `tls.key: file not found: ${join(dir, 'server.key')}`,
    ]);
  });

  it('reports files that are not PEM', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'a.crt'), 'hello');
    writeFileSync(join(dir, 'a.key'), 'world');
    expect(problemsOf(withTls(dir, { cert: 'a.crt', key: 'a.key' }))).toEqual([
      'tls.cert: not a PEM certificate',
      'tls.key: not an unencrypted PEM private key',
    ]);
  });

  it.skipIf(!hasOpenssl())('loads a matching pair and refuses a key of another certificate', () => {
    const dir = makeTempDir();
    writeTlsPair(dir, 'one');
    writeTlsPair(dir, 'two');
    const good = withTls(dir, { cert: 'one.crt', key: 'one.key', required: 'true' });
    if (!good.ok) throw new Error(good.problems.join('\n'));
    expect(good.config.tls).toMatchObject({ cert: join(dir, 'one.crt'), key: join(dir, 'one.key'), required: true });
    expect(problemsOf(withTls(dir, { cert: 'one.crt', key: 'two.key' }))).toEqual(['tls.key: does not match the certificate in tls.cert']);
  });
});
