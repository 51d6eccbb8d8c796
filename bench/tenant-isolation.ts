// Per-tenant isolation under load: a quiet tenant's latency (pgbench -S -c 1) alone and while a noisy
// tenant on the same backend runs TPC-B with many clients — through pgfabric without limits, and with
// the noisy tenant's maxServerConnections set. Both tenants share one pool (pool.max 4) and pgbench's
// tables (no tenant column: shared data). Prints and writes bench/results/tenant-isolation-<date>.md.
// Run: npm run bench:isolation [-- --seconds N]
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runToEnd, stopAllChildren } from './lib/children.js';
import { REPO_ROOT, startPgfabric, type PgfabricTarget } from './lib/pgfabric-child.js';
import { BENCH_DATABASE, BENCH_PASSWORD, BENCH_USER, startBenchPostgres } from './lib/postgres-server.js';
import { connectionArgs, parsePgbench, pgEnv, type Endpoint } from './lib/run-pgbench.js';

const POOL = 4;
const NOISY_CLIENTS = 16;

function config(port: number, backend: Endpoint, noisyLimit: number | null): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port },
    roles: { bench_role: { schemas: { '*': 'ddl' } } },
    backends: { pg: { kind: 'postgres', url: `postgres://${BENCH_USER}:${BENCH_PASSWORD}@${backend.host}:${backend.port}/${BENCH_DATABASE}?sslmode=disable`, pool: { max: POOL, acquireTimeoutMs: 60_000 } } },
    tenants: {
      quiet: { id: '10000000-0000-4000-8000-000000000001', backend: 'pg' },
      noisy: { id: '20000000-0000-4000-8000-000000000002', backend: 'pg', ...(noisyLimit ? { limits: { maxServerConnections: noisyLimit } } : {}) },
    },
    users: [{ name: BENCH_USER, password: BENCH_PASSWORD, role: 'bench_role', tenants: ['quiet', 'noisy'] }],
    limits: { drainTimeoutMs: 2000 },
  };
}

async function pgbench(target: Endpoint, tenant: string, workload: string[], seconds: number) {
  const args = [...connectionArgs(target), '-n', '-T', String(seconds), ...workload, tenant];
  const { code, output } = await runToEnd('pgbench', 'pgbench', args, { env: pgEnv(), timeoutMs: seconds * 3000 + 60_000 });
  return parsePgbench(output, code, `pgbench ${args.join(' ')}`);
}

async function main(): Promise<void> {
  const secondsArg = process.argv.indexOf('--seconds');
  const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;
  const workDir = path.join(tmpdir(), `pgfabric-isolation-${randomBytes(6).toString('hex')}`);
  await mkdir(workDir);
  await chmod(workDir, 0o755);
  const pg = await startBenchPostgres(workDir, false, () => undefined);
  try {
    const direct = { host: pg.handle.host, port: pg.handle.port };
    const init = await runToEnd('pgbench -i', 'pgbench', ['-i', '-s', '10', '-q', ...connectionArgs(direct), BENCH_DATABASE], { env: pgEnv() });
    if (init.code !== 0) throw new Error(`pgbench -i failed:\n${init.output}`);
    const rows: string[] = [];
    for (const [label, limit] of [['no limits', null], [`noisy maxServerConnections ${POOL / 2}`, POOL / 2]] as const) {
      const proxy: PgfabricTarget = await startPgfabric(workDir, direct, POOL, (port) => config(port, direct, limit), `pgfabric-${limit ?? 'open'}`);
      await pgbench(proxy, 'quiet', ['-S', '-c', '1'], 3); // warm-up
      const alone = await pgbench(proxy, 'quiet', ['-S', '-c', '1', '-M', 'prepared'], seconds);
      const noise = pgbench(proxy, 'noisy', ['-c', String(NOISY_CLIENTS), '-j', '2', '-M', 'simple'], seconds + 4);
      await new Promise((r) => setTimeout(r, 2000));
      const loaded = await pgbench(proxy, 'quiet', ['-S', '-c', '1', '-M', 'prepared'], seconds);
      const noisy = await noise;
      await proxy.child.stop(3000);
      if (!noisy.ok) console.log(`noisy run: ${noisy.problem}`);
      if (!loaded.ok) console.log(`quiet run under noise: ${loaded.problem}`);
      const ratio = alone.latencyMs && loaded.latencyMs ? (loaded.latencyMs / alone.latencyMs).toFixed(2) : 'n/a';
      rows.push(`| ${label} | ${alone.latencyMs ?? 'fail'} | ${loaded.latencyMs ?? 'fail'} | ${ratio}× | ${Math.round(noisy.tps ?? 0)} |`);
      console.log(rows[rows.length - 1]);
    }
    const table = [
      `Quiet tenant: pgbench -S -c 1 -M prepared, ${seconds} s; noisy tenant: TPC-B -c ${NOISY_CLIENTS} -j 2 -M simple on the same backend (pool.max ${POOL}).`,
      '',
      '| pgfabric config | quiet latency alone (ms) | quiet latency under noise (ms) | ratio | noisy TPS |',
      '|---|---:|---:|---:|---:|',
      ...rows,
    ].join('\n');
    console.log(`\n${table}`);
    const date = new Date().toISOString().slice(0, 10);
    await writeFile(path.join(REPO_ROOT, 'bench', 'results', `tenant-isolation-${date}.md`), `# Tenant isolation under load — ${date}\n\n${table}\n\nCommand: \`npm run bench:isolation -- --seconds ${seconds}\`; 2 CPUs shared by pgbench, Postgres and pgfabric.\n`);
  } finally {
    await stopAllChildren();
    await pg.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
