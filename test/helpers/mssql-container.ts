// A throwaway SQL Server in Docker (the official image) through testcontainers, for the live SQL Server tests
// when MSSQL_URL is not set. Used by the run's global setup (one server for every test file) and by the test
// that stops and restarts its backend (a server of its own). testcontainers is imported lazily: without a
// Docker engine it is only asked whether one is reachable (it answers at once).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { StartedTestContainer } from 'testcontainers';
import { waitForMssqlLogin, withDatabase } from './mssql-server.js';

export const MSSQL_IMAGE = 'mcr.microsoft.com/mssql/server:2022-latest';
/** The first start pulls the image (about 1.5 GB) and SQL Server runs its setup: be generous. */
const STARTUP_TIMEOUT_MS = 300_000;
const LOGIN_TIMEOUT_MS = 120_000;

/** null when a Docker engine is reachable, else the reason (testcontainers' own message). */
export async function dockerUnavailable(): Promise<string | null> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export type MssqlContainer = {
  /** mssql://sa:…@host:port/master?encrypt=true&trustServerCertificate=true */
  readonly url: string;
  readonly container: StartedTestContainer;
  /** Stops SQL Server (the container stays, with its data and port). */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and waits until it accepts logins. */
  startServer(): Promise<void>;
  /** Removes the container. */
  remove(): Promise<void>;
};

/**
 * Starts SQL Server 2022 (Developer edition) and waits until `sa` can log in. With `fixedPort`, the container
 * publishes 1433 on a host port chosen now and kept across stopServer/startServer (Docker would pick a new
 * random one on every start otherwise).
 */
export async function startMssqlContainer(opts: { fixedPort?: boolean } = {}): Promise<MssqlContainer> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  // Meets SQL Server's password policy (upper, lower, digit, symbol; 8+ characters).
  const password = `Pgf-${randomBytes(9).toString('hex')}-Aa1`;
  const hostPort = opts.fixedPort ? await freePort() : null;
  const container = await new GenericContainer(MSSQL_IMAGE)
    .withEnvironment({ ACCEPT_EULA: 'Y', MSSQL_SA_PASSWORD: password, MSSQL_PID: 'Developer' })
    .withExposedPorts(hostPort === null ? 1433 : { container: 1433, host: hostPort })
    .withWaitStrategy(Wait.forLogMessage(/SQL Server is now ready for client connections/))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  const url = withDatabase(
    `mssql://sa:${encodeURIComponent(password)}@${container.getHost()}:${container.getMappedPort(1433)}/master?encrypt=true&trustServerCertificate=true`,
    'master',
  );
  // The log line comes before the system databases are recovered: wait for a real login too.
  await waitForMssqlLogin(url, LOGIN_TIMEOUT_MS);
  const runtime = await getContainerRuntimeClient();
  const handle = runtime.container.getById(container.getId());
  return {
    url,
    container,
    stopServer: () => runtime.container.stop(handle, { timeout: 10 }),
    startServer: async () => {
      await runtime.container.start(handle);
      await waitForMssqlLogin(url, LOGIN_TIMEOUT_MS);
    },
    remove: async () => {
      await container.stop({ timeout: 10, remove: true });
    },
  };
}

/** A TCP port free on this host right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
