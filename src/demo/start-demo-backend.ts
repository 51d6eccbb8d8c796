// Owns the demo's backend until the SQLite connector exists: a persistent embedded Postgres under
// <dir>/pg (a free port each start), with database `fabric` holding the demo schema and rows.
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres-server.js';
import { demoSchemaSql } from './demo-schema.js';

const DATABASE = 'fabric';

export type DemoBackend = { url: string; stop(): Promise<void> };

/**
 * The caller owns shutdown (pgfabric drains on SIGTERM/SIGINT and reloads on SIGHUP), so
 * embedded-postgres's own signal handlers are removed: call stop() when shutting down. If the
 * process exits without it, Postgres still gets a fast-shutdown signal from the 'exit' hook.
 */
export async function startDemoBackend(dir = './.pgfabric-demo'): Promise<DemoBackend> {
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    persistent: true,
    exitOnSignal: false,
  });
  try {
    const existing = await pg.query(`select 1 from pg_database where datname = '${DATABASE}'`);
    if (existing.length === 0) await pg.query(`create database ${DATABASE}`);
    await pg.query(demoSchemaSql, DATABASE);
  } catch (err) {
    await pg.stop();
    throw err;
  }
  const url = new URL(pg.url);
  url.pathname = `/${DATABASE}`;
  return { url: url.toString(), stop: () => pg.stop() };
}
