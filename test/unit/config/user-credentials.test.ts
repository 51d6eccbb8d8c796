// Passwords become SCRAM keys once, at load: plain passwords with a fresh salt each, verifiers
// as they are. Keys are checked against an independent derivation, not against protocol/scram.ts.
import { describe, expect, it } from 'vitest';
import { baseConfig, loadJson, problemsOf, referenceScramKeys } from './config-test-files.js';

// A verifier for the password "pencil" (salt and iterations chosen by the writer of the verifier).
const SALT = Buffer.from('pgfabric-test-salt');
const PENCIL = referenceScramKeys('pencil', SALT, 4096);
const VERIFIER = `SCRAM-SHA-256$4096:${SALT.toString('base64')}$${PENCIL.storedKey.toString('base64')}:${PENCIL.serverKey.toString('base64')}`;

function withPasswords(...passwords: string[]) {
  const document = baseConfig();
  document['users'] = passwords.map((password, i) => ({ name: `u${i}`, password, role: 'auditor', tenants: ['globex'] }));
  return loadJson(document);
}

describe('user passwords', () => {
  it('derives SCRAM keys from a plain password with 4096 iterations', () => {
    const result = withPasswords('alice-secret');
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const keys = result.config.users.get('u0')?.scram;
    expect(keys?.iterations).toBe(4096);
    expect(keys?.salt.length).toBeGreaterThanOrEqual(16);
    const expected = referenceScramKeys('alice-secret', keys?.salt ?? Buffer.alloc(0), 4096);
    expect(keys?.storedKey.equals(expected.storedKey)).toBe(true);
    expect(keys?.serverKey.equals(expected.serverKey)).toBe(true);
  });

  it('gives every user a salt of their own, even with the same password', () => {
    const result = withPasswords('same', 'same');
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const [first, second] = [...result.config.users.values()];
    expect(first?.scram.salt.equals(second?.scram.salt ?? Buffer.alloc(0))).toBe(false);
  });

  it('uses a SCRAM verifier as it is', () => {
    const result = withPasswords(VERIFIER);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const keys = result.config.users.get('u0')?.scram;
    expect(keys?.iterations).toBe(4096);
    expect(keys?.salt.equals(SALT)).toBe(true);
    expect(keys?.storedKey.equals(PENCIL.storedKey)).toBe(true);
    expect(keys?.serverKey.equals(PENCIL.serverKey)).toBe(true);
  });

  it('refuses a malformed verifier and an md5 hash, naming the user entry', () => {
    const md5 = `md5${'0123456789abcdef'.repeat(2)}`;
    expect(problemsOf(withPasswords('ok', 'SCRAM-SHA-256$4096:bad', md5))).toEqual([
      'users[1].password: malformed SCRAM-SHA-256 verifier (expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>)',
      'users[2].password: md5 hashes are not supported; use a plain password or a SCRAM-SHA-256 verifier',
    ]);
  });

  it('refuses an empty password', () => {
    expect(problemsOf(withPasswords(''))).toEqual(['users[0].password: must not be empty']);
  });
});
