// Owns the one Postgres server every target talks to: an embedded cluster with room for the direct
// -c 400 run, shared_buffers large enough for the pgbench data set, and a login role `bench` that owns
// the database `bench` (the direct baseline, PgBouncer and pgfabric's backend all log in as it).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/demo/embedded-postgres-server.js';

export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'bench-pw';
export const BENCH_DATABASE = 'bench';
export const MAX_CONNECTIONS = 600;
const SHARED_BUFFERS = '512MB';

export type BenchPostgres = { handle: EmbeddedPostgresHandle; stop(): Promise<void> };

export async function startBenchPostgres(workDir: string, fast: boolean, log: (line: string) => void): Promise<BenchPostgres> {
  const dataDir = path.join(workDir, 'pgdata');
  const base = { dataDir, persistent: true, fast, maxConnections: MAX_CONNECTIONS, exitOnSignal: false, log };
  // First start: initdb, create the role and database, set shared_buffers (needs a restart).
  const first = await startEmbeddedPostgres(base);
  try {
    await first.query(`create role ${BENCH_USER} login password '${BENCH_PASSWORD}'`);
    await first.query(`create database ${BENCH_DATABASE} owner ${BENCH_USER}`);
    await first.query(`alter system set shared_buffers = '${SHARED_BUFFERS}'`);
  } finally {
    await first.stop();
  }
  const handle = await startEmbeddedPostgres(base);
  return {
    handle,
    stop: async () => {
      await handle.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function serverSettings(handle: EmbeddedPostgresHandle): Promise<Record<string, string>> {
  const names = ['server_version', 'max_connections', 'shared_buffers', 'fsync', 'synchronous_commit', 'full_page_writes'];
  const out: Record<string, string> = {};
  for (const name of names) {
    const rows = await handle.query(`show ${name}`);
    out[name] = String(rows[0]?.[name] ?? '?');
  }
  return out;
}

/** TPC-B upkeep pgbench itself would do without -n, run directly so every target gets the same. */
export async function tpcbUpkeep(handle: EmbeddedPostgresHandle): Promise<void> {
  await handle.query('vacuum pgbench_branches', BENCH_DATABASE);
  await handle.query('vacuum pgbench_tellers', BENCH_DATABASE);
  await handle.query('truncate pgbench_history', BENCH_DATABASE);
}
