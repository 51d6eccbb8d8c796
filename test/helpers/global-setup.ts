// vitest globalSetup: the one PostgreSQL server of a test run. PGFABRIC_TEST_DATABASE_URL names an
// existing server; otherwise an embedded Postgres 15 is started in a throwaway directory and
// stopped in teardown. Tests read the URL with inject('pgUrl') (see test-database.ts); child
// processes find it in PGFABRIC_TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/demo/embedded-postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

const ENV_URL = 'PGFABRIC_TEST_DATABASE_URL';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env[ENV_URL];
  if (external) {
    project.provide('pgUrl', external);
    console.log(`test Postgres: ${withoutPassword(external)} (from ${ENV_URL})`);
    return async () => undefined;
  }
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(tmpdir(), `pgfabric-test-${randomBytes(6).toString('hex')}`),
    persistent: false,
    fast: true,
    maxConnections: 300,
  });
  process.env[ENV_URL] = pg.url;
  project.provide('pgUrl', pg.url);
  console.log(`test Postgres: ${withoutPassword(pg.url)} (embedded)`);
  return async () => {
    delete process.env[ENV_URL];
    await pg.stop();
  };
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}
