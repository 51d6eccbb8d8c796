// Owns pgfabric as the benchmark sees it: the real CLI (`node bin/pgfabric.js start --config FILE`) in
// a child process, configured with one Postgres backend (pool.max = --pool), one tenant `bench` and
// one user `bench` whose role may do anything in every schema; and its memory from /proc.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { freePort } from '../../src/demo/free-port.js';
import { startChild, type Child } from './children.js';
import { BENCH_DATABASE, BENCH_PASSWORD, BENCH_USER } from './postgres-server.js';
import { waitForPort } from './wait-for-port.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOST = '127.0.0.1';
export const TENANT_ID = 'b3f1c2d4-0000-4000-8000-00000000be9c';

export type PgfabricTarget = { host: string; port: number; pid: number; child: Child; logFile: string; configFile: string };

export function pgfabricConfig(listenPort: number, backend: { host: string; port: number }, pool: number): Record<string, unknown> {
  return {
    listen: { host: HOST, port: listenPort },
    roles: { bench_role: { schemas: { '*': 'ddl' } } },
    backends: {
      pg: {
        kind: 'postgres',
        url: `postgres://${BENCH_USER}:${BENCH_PASSWORD}@${backend.host}:${backend.port}/${BENCH_DATABASE}?sslmode=disable`,
        pool: { max: pool },
      },
    },
    tenants: { [BENCH_DATABASE]: { id: TENANT_ID, backend: 'pg' } },
    users: [{ name: BENCH_USER, password: BENCH_PASSWORD, role: 'bench_role', tenants: [BENCH_DATABASE] }],
    limits: { drainTimeoutMs: 2000 },
  };
}

export async function startPgfabric(
  workDir: string,
  backend: { host: string; port: number },
  pool: number,
  configFor: (listenPort: number) => Record<string, unknown> = (port) => pgfabricConfig(port, backend, pool),
  name = 'pgfabric',
): Promise<PgfabricTarget> {
  const port = await freePort(HOST);
  const configFile = path.join(workDir, `${name}.yaml`);
  const logFile = path.join(workDir, `${name}.log`);
  await writeFile(configFile, stringify(configFor(port)));
  const child = startChild('pgfabric', process.execPath, [path.join(REPO_ROOT, 'bin/pgfabric.js'), 'start', '--config', configFile], {
    cwd: REPO_ROOT,
    env: { ...process.env, PGFABRIC_LOG_LEVEL: 'warn' },
    logFile,
  });
  const explain = () => `pgfabric log (${logFile}) tail:\n${tailSync(logFile)}`;
  await waitForPort(HOST, port, child, 30_000, explain);
  if (child.proc.pid === undefined) throw new Error('pgfabric has no pid');
  return { host: HOST, port, pid: child.proc.pid, child, logFile, configFile };
}

export function tailSync(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** VmRSS (now) and VmHWM (peak) of a process, in MiB; null when /proc has no such process. */
export async function memoryOf(pid: number): Promise<{ rssMiB: number; peakMiB: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** pgfabric's warn/error log lines (JSON), for the report. */
export async function pgfabricLogLines(logFile: string): Promise<string[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.trim() !== '');
}
