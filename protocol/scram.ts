// Owns SCRAM-SHA-256 credentials: the derived keys a server keeps instead of a password, and their
// text form as stored by Postgres in pg_authid.rolpassword. The two exchanges (server side for
// clients logging in to pgfabric, client side for pgfabric logging in to backends) are re-exported.

import { randomBytes } from 'node:crypto';
import { decodeBase64, hmacSha256, saltedPassword, sha256 } from './scram-crypto.js';

export type ScramKeys = { iterations: number; salt: Buffer; storedKey: Buffer; serverKey: Buffer };

export { ScramServerExchange } from './scram-server.js';
export { ScramClientExchange } from './scram-client.js';

export function scramKeysFromPassword(password: string, salt: Buffer = randomBytes(16), iterations = 4096): ScramKeys {
  const salted = saltedPassword(password, salt, iterations);
  return {
    iterations,
    salt,
    storedKey: sha256(hmacSha256(salted, 'Client Key')),
    serverKey: hmacSha256(salted, 'Server Key'),
  };
}

const VERIFIER = /^SCRAM-SHA-256\$([1-9][0-9]{0,9}):([^$:]+)\$([^$:]+):([^$:]+)$/;

/** Postgres format: SCRAM-SHA-256$<iterations>:<salt b64>$<StoredKey b64>:<ServerKey b64>; null when malformed. */
export function parseScramVerifier(verifier: string): ScramKeys | null {
  const m = VERIFIER.exec(verifier);
  if (m === null) return null;
  const iterations = Number(m[1]);
  const salt = decodeBase64(m[2] ?? '');
  const storedKey = decodeBase64(m[3] ?? '');
  const serverKey = decodeBase64(m[4] ?? '');
  if (iterations > 0x7fffffff || salt === null || salt.length === 0) return null;
  if (storedKey?.length !== 32 || serverKey?.length !== 32) return null;
  return { iterations, salt, storedKey, serverKey };
}

export function formatScramVerifier(keys: ScramKeys): string {
  const b64 = (b: Buffer): string => b.toString('base64');
  return `SCRAM-SHA-256$${keys.iterations}:${b64(keys.salt)}$${b64(keys.storedKey)}:${b64(keys.serverKey)}`;
}
