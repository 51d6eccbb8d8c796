// Owns the primitives shared by both sides of SCRAM-SHA-256 (RFC 5802 / RFC 7677): SASLprep of the
// password, the PBKDF2/HMAC/SHA-256 key schedule, and the attribute syntax of SCRAM messages.

import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';

// RFC 3454 table C.1.2 (non-ASCII spaces, mapped to SPACE) and table B.1 (mapped to nothing),
// the two SASLprep mappings that change bytes besides NFKC; libpq and node-postgres apply the same.
// Table B.1 holds joiners and variation selectors on purpose: they would otherwise change the hash.
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g;
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * SASLprep (RFC 4013), reduced to its mappings and NFKC: ASCII passwords are used as they are (as
 * Postgres does); the prohibited-character and bidi checks are left out, and Postgres falls back
 * to the raw password in those cases anyway.
 */
export function saslprep(password: string): string {
  if (ASCII.test(password)) return password;
  return password.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
}

export function saltedPassword(password: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(Buffer.from(saslprep(password), 'utf8'), salt, iterations, 32, 'sha256');
}

export function hmacSha256(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function xorBuffers(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}

/** Constant-time comparison; false (not an exception) for different lengths. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 (Buffer.from is lenient and would accept garbage); null when malformed. */
export function decodeBase64(text: string): Buffer | null {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : null;
}

/** printable = %x21-2B / %x2D-7E: what a nonce may contain. */
export function isPrintable(text: string): boolean {
  return /^[\x21-\x2b\x2d-\x7e]+$/.test(text);
}

/** A SCRAM message as [letter, value] pairs in order; null when one is not `x=...`. */
export function parseAttributes(message: string): [string, string][] | null {
  const out: [string, string][] = [];
  for (const part of message.split(',')) {
    if (part.length < 2 || part[1] !== '=' || !/^[A-Za-z]$/.test(part[0] ?? '')) return null;
    out.push([part[0] as string, part.slice(2)]);
  }
  return out;
}

/** saslname escaping of RFC 5802: ',' and '=' become =2C and =3D. */
export function escapeSaslName(name: string): string {
  return name.replaceAll('=', '=3D').replaceAll(',', '=2C');
}
