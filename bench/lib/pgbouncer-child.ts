// Owns PgBouncer as the reference pooler: found on PATH (or in the sbin directories distributions
// install it to), run as a child process in transaction mode with the same pool size as pgfabric,
// SCRAM-SHA-256 client auth with the plain password in its userlist. PgBouncer refuses to run as root,
// so under root it runs as the `postgres` OS user, with its files in a directory that user owns.
import { execFile } from 'node:child_process';
import { access, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/demo/free-port.js';
import { giveToOwner, resolveClusterOwner } from '../../src/demo/postgres-os-user.js';
import { startChild, type Child } from './children.js';
import { BENCH_DATABASE, BENCH_PASSWORD, BENCH_USER } from './postgres-server.js';
import { waitForPort } from './wait-for-port.js';

const run = promisify(execFile);
const HOST = '127.0.0.1';
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin'];

export type PgbouncerTarget = { host: string; port: number; child: Child; logFile: string };

/** The pgbouncer binary, or null when it is not installed. */
export async function findPgbouncer(): Promise<string | null> {
  const dirs = [...(process.env['PATH'] ?? '').split(':').filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'pgbouncer');
    try {
      await access(candidate, 1 /* X_OK */);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export async function pgbouncerVersion(binary: string): Promise<string> {
  const { stdout } = await run(binary, ['--version']);
  return stdout.split('\n')[0]?.trim() ?? '?';
}

export async function startPgbouncer(
  binary: string,
  workDir: string,
  backend: { host: string; port: number },
  pool: number,
): Promise<PgbouncerTarget> {
  const owner = await resolveClusterOwner();
  const dir = path.join(workDir, 'pgbouncer');
  await mkdir(dir);
  await chmod(dir, 0o755);
  await giveToOwner(dir, owner);
  const port = await freePort(HOST);
  const iniFile = path.join(dir, 'pgbouncer.ini');
  const userlist = path.join(dir, 'userlist.txt');
  const logFile = path.join(dir, 'pgbouncer.log');
  const ini = [
    '[databases]',
    `${BENCH_DATABASE} = host=${backend.host} port=${backend.port} dbname=${BENCH_DATABASE}`,
    '',
    '[pgbouncer]',
    `listen_addr = ${HOST}`,
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'listen_backlog = 511',
    'pool_mode = transaction',
    `default_pool_size = ${pool}`,
    'min_pool_size = 0',
    'reserve_pool_size = 0',
    `max_db_connections = ${pool}`,
    'max_client_conn = 1000',
    'auth_type = scram-sha-256',
    `auth_file = ${userlist}`,
    'client_tls_sslmode = disable',
    'server_tls_sslmode = disable',
    'log_connections = 0',
    'log_disconnections = 0',
    'log_pooler_errors = 1',
    `logfile = ${logFile}`,
    `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
    '',
  ].join('\n');
  await writeFile(iniFile, ini, { mode: 0o600 });
  await writeFile(userlist, `"${BENCH_USER}" "${BENCH_PASSWORD}"\n`, { mode: 0o600 });
  await writeFile(logFile, '', { mode: 0o600 });
  for (const file of [iniFile, userlist, logFile]) await giveToOwner(file, owner);
  const [command, args] =
    owner.kind === 'postgres-user' ? ['runuser', ['-u', 'postgres', '--', binary, iniFile]] : [binary, [iniFile]];
  const child = startChild('pgbouncer', command, args, { cwd: dir });
  const explain = () => `pgbouncer output:\n${child.output()}`;
  await waitForPort(HOST, port, child, 15_000, explain);
  return { host: HOST, port, child, logFile };
}

export async function pgbouncerLogProblems(logFile: string): Promise<string[]> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => /\b(WARNING|ERROR|FATAL)\b/.test(line));
}
