// The catalog holds exactly the errors the code raises: every entry is used somewhere in src/.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBackend } from '../../../protocol/backend-decoder.js';
import { ERROR_CATALOG, pgError } from '../../../src/errors/catalog.js';
import { RULE_CODES } from '../../../rewrite/tenant/refusal.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('error catalog', () => {
  const code = sources('src')
    .filter((f) => !f.endsWith(path.join('errors', 'catalog.ts')))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it.each(Object.keys(ERROR_CATALOG).filter((k) => !k.startsWith('rule.')))('%s is raised somewhere', (key) => {
    expect(code).toContain(`'${key}'`);
  });

  it('maps every tenant-rule code, and only those, to a SQLSTATE (rule.<code>)', () => {
    const ruleKeys = Object.keys(ERROR_CATALOG).filter((k) => k.startsWith('rule.')).map((k) => k.slice(5));
    expect(ruleKeys.sort()).toEqual([...RULE_CODES].sort());
  });

  it('fills message parameters and carries SQLSTATE and severity', () => {
    const frame = pgError('auth.password_failed', { user: 'alice' });
    const msg = decodeBackend({ code: frame[0]!, payload: frame.subarray(5) });
    expect(msg).toMatchObject({ kind: 'ErrorResponse', fields: { severity: 'FATAL', code: '28P01', message: 'password authentication failed for user "alice"' } });
  });
});
