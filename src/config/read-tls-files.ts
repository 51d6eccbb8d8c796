// Reads the TLS certificate and key named in the config, at load time, so that a missing,
// unreadable or mismatched file is a config problem with its path instead of a failure at the
// first TLS handshake.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigProblem } from './config-problem.js';
import type { RawConfig } from './config-schema.js';
import type { ResolvedConfig } from './resolved-config.js';

type TlsResult = { tls?: ResolvedConfig['tls']; problems: ConfigProblem[] };

function readPem(file: string, key: 'cert' | 'key', problems: ConfigProblem[]): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    const message = code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code})`;
    problems.push({ path: ['tls', key], message });
    return undefined;
  }
}

function checkPem(certPem: Buffer, keyPem: Buffer, problems: ConfigProblem[]): void {
  let certificate: X509Certificate | undefined;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    problems.push({ path: ['tls', 'cert'], message: 'not a PEM certificate' });
  }
  try {
    const privateKey = createPrivateKey(keyPem);
    if (certificate !== undefined && !certificate.checkPrivateKey(privateKey)) {
      problems.push({ path: ['tls', 'key'], message: 'does not match the certificate in tls.cert' });
    }
  } catch {
    problems.push({ path: ['tls', 'key'], message: 'not an unencrypted PEM private key' });
  }
}

export function readTlsFiles(raw: RawConfig['tls'], baseDir: string): TlsResult {
  if (raw === undefined) return { problems: [] };
  const problems: ConfigProblem[] = [];
  const cert = resolve(baseDir, raw.cert);
  const key = resolve(baseDir, raw.key);
  const certPem = readPem(cert, 'cert', problems);
  const keyPem = readPem(key, 'key', problems);
  if (certPem === undefined || keyPem === undefined) return { problems };
  checkPem(certPem, keyPem, problems);
  if (problems.length > 0) return { problems };
  return { tls: { cert, key, required: raw.required, certPem, keyPem }, problems };
}
