// Owns the client side of a SCRAM-SHA-256 exchange, used by pgfabric to log in to Postgres
// backends. No channel binding ('n,,'). PBKDF2 is synchronous and costs milliseconds at 4096
// iterations, so the salted password is cached per (password, salt, iterations): a pool that
// reconnects often pays for it once.

import { createHash, randomBytes } from 'node:crypto';
import {
  decodeBase64,
  escapeSaslName,
  hmacSha256,
  isPrintable,
  parseAttributes,
  saltedPassword,
  sameBytes,
  sha256,
  xorBuffers,
} from './scram-crypto.js';

const GS2_HEADER = 'n,,';
const CACHE_LIMIT = 64;
const saltedCache = new Map<string, Buffer>();

export class ScramClientExchange {
  private readonly clientNonce: string;
  private clientFirstBare = '';
  private serverSignature: Buffer | null = null;

  constructor(
    private readonly user: string,
    private readonly password: string,
    nonce?: string,
  ) {
    this.clientNonce = nonce ?? randomBytes(18).toString('base64');
  }

  clientFirst(): string {
    this.clientFirstBare = `n=${escapeSaslName(this.user)},r=${this.clientNonce}`;
    return GS2_HEADER + this.clientFirstBare;
  }

  /** Takes server-first-message, returns client-final-message; throws Error when the server's message is malformed. */
  serverFirst(message: string): string {
    const attrs = new Map(parseAttributes(message) ?? []);
    const nonce = attrs.get('r');
    const salt = decodeBase64(attrs.get('s') ?? '');
    const iterText = attrs.get('i') ?? '';
    if (nonce === undefined || !isPrintable(nonce)) throw new Error('SCRAM server-first-message: missing or invalid nonce');
    if (!nonce.startsWith(this.clientNonce) || nonce.length === this.clientNonce.length) {
      throw new Error('SCRAM server-first-message: server nonce does not extend the client nonce');
    }
    if (salt === null || salt.length === 0) throw new Error('SCRAM server-first-message: missing or invalid salt');
    if (!/^[1-9][0-9]{0,9}$/.test(iterText) || Number(iterText) > 0x7fffffff) {
      throw new Error('SCRAM server-first-message: invalid iteration count');
    }
    const salted = cachedSaltedPassword(this.password, salt, Number(iterText));
    const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${message},${withoutProof}`;
    const clientKey = hmacSha256(salted, 'Client Key');
    const proof = xorBuffers(clientKey, hmacSha256(sha256(clientKey), authMessage));
    this.serverSignature = hmacSha256(hmacSha256(salted, 'Server Key'), authMessage);
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  /** True when server-final-message proves the server knows the password ('e=...' or a bad signature: false). */
  verifyServerFinal(message: string): boolean {
    if (this.serverSignature === null) return false;
    const attrs = parseAttributes(message);
    const v = attrs?.[0]?.[0] === 'v' ? decodeBase64(attrs[0][1]) : null;
    return v !== null && sameBytes(v, this.serverSignature);
  }
}

function cachedSaltedPassword(password: string, salt: Buffer, iterations: number): Buffer {
  // Keyed by a hash, so the cache does not hold the passwords themselves.
  const key = createHash('sha256').update(`${iterations}:${salt.toString('base64')}:`).update(password).digest('base64');
  const hit = saltedCache.get(key);
  if (hit !== undefined) return hit;
  const salted = saltedPassword(password, salt, iterations);
  if (saltedCache.size >= CACHE_LIMIT) {
    const oldest = saltedCache.keys().next();
    if (oldest.done !== true) saltedCache.delete(oldest.value);
  }
  saltedCache.set(key, salted);
  return salted;
}
