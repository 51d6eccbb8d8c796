// `pgfabric check`: config problems and unreachable backends are one line each and exit 1;
// a config whose backends all answer prints a summary and exits 0.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../../src/cli/check-command.js';
import { makeTempDir, removeTempDirs } from './config-test-files.js';

afterAll(removeTempDirs);

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return address.port;
}

/** A port that was just free: listen on 0, note the port, close. */
async function closedPort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function writeConfig(dir: string, pgPort: number, sqliteFile = './data/acme.db'): string {
  const path = join(dir, 'pgfabric.yaml');
  writeFileSync(path, [
    'backends:',
    `  shared_pg:  { kind: postgres, url: "postgres://app:pw@127.0.0.1:${pgPort}/fabric", pool: { connectTimeoutMs: 2000 } }`,
    `  acme_local: { kind: sqlite, file: ${sqliteFile} }`,
    'tenants:',
    '  acme:   { id: acme, backend: shared_pg }',
    '  globex: { id: globex, backend: acme_local }',
    'users:',
    '  - { name: ops, password: ops-secret, role: admin }',
    '',
  ].join('\n'));
  return path;
}

async function runCheck(path: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await checkCommand(path, (line) => lines.push(line));
  return { code, lines };
}

describe('checkCommand', () => {
  it('reports a backend nobody listens for and returns 1', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'data'));
    const port = await closedPort();
    expect(await runCheck(writeConfig(dir, port))).toEqual({
      code: 1,
      lines: [`backends.shared_pg: cannot reach 127.0.0.1:${port} (ECONNREFUSED)`],
    });
  });

  it('returns 0 with a summary when every backend is reachable', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'data'));
    const server = await listen();
    try {
      expect(await runCheck(writeConfig(dir, portOf(server)))).toEqual({
        code: 0,
        lines: ['config OK: 2 tenants, 2 backends, 1 users'],
      });
    } finally {
      server.close();
    }
  });

  it('reports a sqlite file whose directory does not exist', async () => {
    const dir = makeTempDir();
    const server = await listen();
    try {
      expect(await runCheck(writeConfig(dir, portOf(server), './missing/acme.db'))).toEqual({
        code: 1,
        lines: [`backends.acme_local: directory ${join(dir, 'missing')} does not exist`],
      });
    } finally {
      server.close();
    }
  });

  it('prints config problems without probing', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'pgfabric.yaml');
    writeFileSync(path, 'backends: {}\ntenants:\n  acme: { id: acme, backend: pg2 }\nusers: [{ name: a, password: b, role: finance }]\n');
    expect(await runCheck(path)).toEqual({
      code: 1,
      lines: ['tenants.acme.backend: unknown backend "pg2"', 'users[0].role: unknown role "finance"'],
    });
  });
});
