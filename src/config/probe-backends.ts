// Reachability probes used by `pgfabric check`: can pgfabric get to each backend at all?
// Postgres and SQL Server: a TCP connection within the connect timeout (a full login probe can
// replace the postgres branch later without changing the callers). SQLite: the database file's
// directory exists and pgfabric may write there (SQLite needs to create its journal beside it).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { parseMssqlUrl } from './mssql-url.js';
import type { BackendConfig, SqliteBackend } from './resolved-config.js';

/** Used where the config has no connect timeout of its own (mssql). */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Resolves to null when a TCP connection opens within `timeoutMs`, else to a problem message. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (problem: string | null): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(() => finish(`cannot reach ${formatAddress(host, port)} (timed out after ${timeoutMs}ms)`), timeoutMs);
    socket.once('connect', () => finish(null));
    socket.once('error', (error) => finish(`cannot reach ${formatAddress(host, port)} (${errorCode(error)})`));
  });
}

async function probeSqlite(backend: SqliteBackend): Promise<string | null> {
  const directory = dirname(backend.file);
  try {
    if (!(await stat(directory)).isDirectory()) return `${directory} is not a directory`;
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? `directory ${directory} does not exist` : `cannot access ${directory} (${errorCode(error)})`;
  }
  try {
    await access(directory, constants.W_OK);
  } catch (error) {
    return `directory ${directory} is not writable (${errorCode(error)})`;
  }
  try {
    await access(backend.file, constants.R_OK | constants.W_OK);
  } catch (error) {
    // A missing file is fine: SQLite creates it.
    if (errorCode(error) !== 'ENOENT') return `cannot open ${backend.file} for reading and writing (${errorCode(error)})`;
  }
  return null;
}

/** A problem message for `backends.<name>: ...`, or null when the backend is reachable. */
export async function probeBackend(backend: BackendConfig): Promise<string | null> {
  switch (backend.kind) {
    case 'postgres':
      return probeTcp(backend.host, backend.port, backend.pool.connectTimeoutMs);
    case 'sqlite':
      return probeSqlite(backend);
    case 'mssql': {
      const parsed = parseMssqlUrl(backend.url);
      return parsed.ok ? probeTcp(parsed.value.host, parsed.value.port, DEFAULT_PROBE_TIMEOUT_MS) : parsed.message;
    }
  }
}
