// SCRAM-SHA-256 checked against independent implementations: node-postgres's client-side SASL code
// against our server, verifiers made by a real PostgreSQL 15 (CREATE ROLE ... PASSWORD, read back
// from pg_authid), and the RFC 7677 example exchange for our client.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  formatScramVerifier,
  parseScramVerifier,
  ScramClientExchange,
  ScramServerExchange,
  scramKeysFromPassword,
  type ScramKeys,
} from '../../../protocol/scram.js';

type PgSession = { response: string; message: string };
// node-postgres's client side (untyped CommonJS, not part of its public API).
const pgSasl = createRequire(import.meta.url)('pg/lib/crypto/sasl.js') as {
  startSession(mechanisms: string[], stream?: object): PgSession;
  continueSession(session: PgSession, password: string, serverData: string, stream?: object): Promise<void>;
  finalizeSession(session: PgSession, serverData: string): void;
};

// Produced by PostgreSQL 15.18: CREATE ROLE alice PASSWORD 'pencil'; CREATE ROLE bob PASSWORD 'pässwörd ﬁ'.
const ALICE = 'SCRAM-SHA-256$4096:KB/ji0dnjm3YKVPMQNuYOw==$wqxKjSO0jY3cSbkby0prvxgwPB+ZZdQ11koC7iLRE6s=:r3uDQ46oY7to9K/LRNBtCmZi2ec1Zvg7CDfzgWnBIGE=';
const BOB = 'SCRAM-SHA-256$4096:Ajlz0gP7qHAV54muowXhGA==$6cBQHoBxn+DxSbOJluaL5xO2YK0gbtVyXSWXrAeXOMk=:Uw7MfN6SnuPCMCsk2WBoW+gseqe5gPXKJQdq3i36X0Y=';

function keysOf(verifier: string): ScramKeys {
  const keys = parseScramVerifier(verifier);
  if (keys === null) throw new Error('verifier did not parse');
  return keys;
}

/** A full exchange: node-postgres's client against our server. True when both sides accept. */
async function pgClientLogin(keys: ScramKeys, password: string, stream?: object): Promise<{ ok: boolean; reason?: string }> {
  const session = pgSasl.startSession(['SCRAM-SHA-256'], stream);
  const server = new ScramServerExchange(keys);
  const first = server.clientFirst(session.response);
  if (!first.ok) return first;
  await pgSasl.continueSession(session, password, first.serverFirst, stream);
  const final = server.clientFinal(session.response);
  if (!final.ok) return final;
  pgSasl.finalizeSession(session, final.serverFinal); // throws when our server signature is wrong
  return { ok: true };
}

describe('ScramServerExchange against node-postgres', () => {
  it('accepts the right password and node-postgres accepts our server signature', async () => {
    expect(await pgClientLogin(scramKeysFromPassword('correct horse'), 'correct horse')).toEqual({ ok: true });
  });

  it('refuses a wrong password with "invalid proof"', async () => {
    expect(await pgClientLogin(scramKeysFromPassword('correct horse'), 'wrong horse')).toEqual({ ok: false, reason: 'invalid proof' });
  });

  it('accepts verifiers produced by real Postgres, non-ASCII (SASLprep) included', async () => {
    expect(await pgClientLogin(keysOf(ALICE), 'pencil')).toEqual({ ok: true });
    expect(await pgClientLogin(keysOf(BOB), 'pässwörd ﬁ')).toEqual({ ok: true });
    expect(await pgClientLogin(keysOf(BOB), 'pässwörd fi')).toEqual({ ok: true }); // NFKC: U+FB01 is "fi"
    expect(await pgClientLogin(keysOf(ALICE), 'Pencil')).toMatchObject({ ok: false });
  });

  it("accepts 'y,,' (client could bind, sees no -PLUS) from node-postgres over a stream", async () => {
    expect(await pgClientLogin(scramKeysFromPassword('pw'), 'pw', {})).toEqual({ ok: true });
  });

  it("refuses a client asking for channel binding ('p=')", () => {
    const session = pgSasl.startSession(['SCRAM-SHA-256-PLUS'], { getPeerCertificate: () => ({}) });
    expect(session.response.startsWith('p=')).toBe(true);
    expect(new ScramServerExchange(scramKeysFromPassword('pw')).clientFirst(session.response)).toMatchObject({ ok: false });
  });
});

describe('ScramServerExchange protocol checks', () => {
  const keys = scramKeysFromPassword('pw', Buffer.alloc(16, 1), 4096);

  it('puts the client nonce, the salt and the iterations in server-first', () => {
    const server = new ScramServerExchange(keys, Buffer.from([1, 2, 3]));
    expect(server.clientFirst('n,,n=,r=abc')).toEqual({ ok: true, serverFirst: `r=abcAQID,s=${Buffer.alloc(16, 1).toString('base64')},i=4096` });
  });

  it('refuses authzid, mandatory extensions, malformed messages and out-of-order calls', () => {
    for (const bad of ['n,a=admin,n=,r=abc', 'n,,m=ext,n=,r=abc', 'x,,n=,r=abc', 'n,,n=', 'n,,r=abc', 'n,,n=,r=', 'n,,n=,r=a,b']) {
      expect(new ScramServerExchange(keys).clientFirst(bad), bad).toMatchObject({ ok: false });
    }
    expect(new ScramServerExchange(keys).clientFinal('c=biws,r=abc,p=AAAA')).toMatchObject({ ok: false });
    const twice = new ScramServerExchange(keys);
    expect(twice.clientFirst('n,,n=,r=abc').ok).toBe(true);
    expect(twice.clientFirst('n,,n=,r=abc').ok).toBe(false);
  });

  it('refuses a wrong nonce, a wrong channel binding and a malformed proof', () => {
    const finals = (nonce: string): string[] => [
      `c=biws,r=${nonce}X,p=${Buffer.alloc(32).toString('base64')}`,
      `c=eSws,r=${nonce},p=${Buffer.alloc(32).toString('base64')}`,
      `c=biws,r=${nonce},p=!!!`,
      `c=biws,r=${nonce},p=${Buffer.alloc(16).toString('base64')}`,
      `c=biws,r=${nonce}`,
    ];
    for (let i = 0; i < 5; i++) {
      const server = new ScramServerExchange(keys, Buffer.from([9]));
      const first = server.clientFirst('n,,n=,r=abc');
      if (!first.ok) throw new Error(first.reason);
      expect(server.clientFinal(finals('abcCQ==')[i] as string)).toMatchObject({ ok: false });
    }
  });
});

describe('ScramClientExchange', () => {
  it('reproduces the RFC 7677 example exchange', () => {
    const client = new ScramClientExchange('user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    expect(client.clientFirst()).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const clientFinal = client.serverFirst('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096');
    expect(clientFinal).toBe('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    expect(client.verifyServerFinal('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')).toBe(true);
    expect(client.verifyServerFinal('v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')).toBe(false);
    expect(client.verifyServerFinal('e=invalid-proof')).toBe(false);
  });

  it('logs in to our server with a real Postgres verifier, and fails with a wrong password', () => {
    for (const [password, ok] of [['pencil', true], ['pencil2', false]] as const) {
      const client = new ScramClientExchange('alice', password);
      const server = new ScramServerExchange(keysOf(ALICE));
      const first = server.clientFirst(client.clientFirst());
      if (!first.ok) throw new Error(first.reason);
      const final = server.clientFinal(client.serverFirst(first.serverFirst));
      expect(final.ok).toBe(ok);
      if (final.ok) expect(client.verifyServerFinal(final.serverFinal)).toBe(true);
    }
  });

  it('escapes "," and "=" in the user name', () => {
    expect(new ScramClientExchange('a,b=c', 'pw', 'n1').clientFirst()).toBe('n,,n=a=2Cb=3Dc,r=n1');
  });

  it('throws on a malformed server-first-message', () => {
    const bad = ['garbage', 'r=other123,s=c2FsdA==,i=4096', 'r=n1,s=c2FsdA==,i=4096', 'r=n1x,s=***,i=4096', 'r=n1x,s=c2FsdA==,i=0', 'r=n1x,s=c2FsdA=='];
    for (const m of bad) {
      const client = new ScramClientExchange('u', 'pw', 'n1');
      client.clientFirst();
      expect(() => client.serverFirst(m), m).toThrow(Error);
    }
  });
});

describe('SCRAM verifiers', () => {
  it('parses Postgres verifiers and formats them back identically', () => {
    for (const v of [ALICE, BOB]) {
      const keys = keysOf(v);
      expect(keys.iterations).toBe(4096);
      expect(keys.storedKey).toHaveLength(32);
      expect(formatScramVerifier(keys)).toBe(v);
    }
  });

  it('derives the same keys as Postgres from the password and salt', () => {
    expect(formatScramVerifier(scramKeysFromPassword('pencil', keysOf(ALICE).salt, 4096))).toBe(ALICE);
    expect(formatScramVerifier(scramKeysFromPassword('pässwörd ﬁ', keysOf(BOB).salt, 4096))).toBe(BOB);
  });

  it('uses a random 16-byte salt and 4096 iterations by default', () => {
    const a = scramKeysFromPassword('x');
    expect(a.salt).toHaveLength(16);
    expect(a.iterations).toBe(4096);
    expect(a.salt.equals(scramKeysFromPassword('x').salt)).toBe(false);
  });

  it('returns null for malformed verifiers', () => {
    const bad = [
      'md5abcdef',
      ALICE.replace('SCRAM-SHA-256', 'SCRAM-SHA-1'),
      ALICE.replace('$4096:', '$0:'),
      ALICE.replace('$4096:', '$x:'),
      ALICE.replace('KB/ji0dnjm3YKVPMQNuYOw==', 'not base64!'),
      ALICE.slice(0, -4),
      `${ALICE}:extra`,
    ];
    for (const v of bad) expect(parseScramVerifier(v), v).toBeNull();
  });
});
