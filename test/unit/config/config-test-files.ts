// Shared fixtures for the config tests: throwaway directories, a generated TLS pair (openssl, so
// no private key is ever committed), a minimal valid config as an object, and an independent
// SCRAM-SHA-256 key derivation (RFC 5802 / RFC 7677) to check the loader's keys against.
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText, type ConfigResult } from '../../../src/config/load-config.js';

const made: string[] = [];

export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgfabric-config-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `<dir>/<name>.crt` and `<dir>/<name>.key`, a self-signed P-256 pair. */
export function writeTlsPair(dir: string, name = 'server'): { cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost',
  ], { stdio: 'ignore' });
  return { cert, key };
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A small valid config; tests change one thing and look at the problems. */
export function baseConfig(): Record<string, unknown> {
  return {
    crossSchemaJoins: 'block',
    roles: { finance_app: { schemas: { finance: 'write' } }, auditor: { schemas: { '*': 'read' } } },
    backends: {
      shared_pg: { kind: 'postgres', url: 'postgres://app:secret@127.0.0.1:5432/fabric' },
      acme_local: { kind: 'sqlite', file: './data/acme.db' },
    },
    tenants: {
      acme: { id: '11111111-1111-1111-1111-111111111111', backend: 'shared_pg' },
      globex: { id: 'globex', backend: 'acme_local' },
    },
    users: [
      { name: 'alice', password: 'alice-secret', role: 'finance_app', tenants: ['acme'] },
      { name: 'bob', password: 'bob-secret', role: 'auditor', tenants: ['globex'] },
    ],
  };
}

export function loadJson(document: unknown, env: NodeJS.ProcessEnv = {}, baseDir = '/srv/pgfabric'): ConfigResult {
  return parseConfigText(JSON.stringify(document, null, 2), 'json', { baseDir, env });
}

export function problemsOf(result: ConfigResult): string[] {
  return result.ok ? [] : result.problems;
}

/** StoredKey and ServerKey from first principles, independent of protocol/scram.ts. */
export function referenceScramKeys(password: string, salt: Buffer, iterations: number): { storedKey: Buffer; serverKey: Buffer } {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return {
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: createHmac('sha256', salted).update('Server Key').digest(),
  };
}
