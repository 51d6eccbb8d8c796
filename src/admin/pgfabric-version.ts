// pgfabric's version, from its package.json (found by walking up from this file: the sources run from
// src/admin/ under vitest and from dist/src/admin/ when built).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function pgfabricVersion(): string {
  if (cached !== null) return cached;
  cached = 'unknown';
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pgfabric' && pkg.version) {
        cached = pkg.version;
        break;
      }
    }
    if (dirname(dir) === dir) break;
  }
  return cached;
}
