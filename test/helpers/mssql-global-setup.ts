// vitest globalSetup: the one SQL Server of a test run, for the live SQL Server tests (mssql-server.ts).
// MSSQL_URL (mssql://sa:…@host:1433/master?trustServerCertificate=true) names an existing server; otherwise,
// when a Docker engine is reachable, testcontainers starts the official SQL Server 2022 image and this setup's
// teardown removes it; otherwise the tests skip, with the reason provided here and printed by each file.
// The container is only started when the run includes a test file that uses SQL Server.
import type { TestProject } from 'vitest/node';
import { dockerUnavailable, MSSQL_IMAGE, startMssqlContainer } from './mssql-container.js';
import { redacted, type MssqlServerInfo } from './mssql-server.js';

const ENV_URL = 'MSSQL_URL';
/** The test files that talk to SQL Server (keep in step when adding one). */
const USES_MSSQL = /[\\/](mssql-[^\\/]*|connector-contract)\.test\.ts$/;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provide = (info: MssqlServerInfo): void => project.provide('mssqlServer', info);
  const external = process.env[ENV_URL];
  if (external) {
    provide({ url: external, source: 'MSSQL_URL' });
    console.log(`test SQL Server: ${redacted(external)} (from ${ENV_URL})`);
    return async () => undefined;
  }
  if (!(await runIncludesMssqlTests(project))) {
    provide({ skip: 'SQL Server tests skipped: no SQL Server test file in this run' });
    return async () => undefined;
  }
  const noDocker = await dockerUnavailable();
  if (noDocker !== null) {
    const skip = `SQL Server tests skipped: ${ENV_URL} is not set and no Docker engine is reachable (testcontainers: ${noDocker})`;
    provide({ skip });
    console.log(skip);
    return async () => undefined;
  }
  console.log(`test SQL Server: starting ${MSSQL_IMAGE} with testcontainers (the first run pulls the image)…`);
  try {
    const server = await startMssqlContainer();
    provide({ url: server.url, source: 'testcontainers' });
    console.log(`test SQL Server: ${redacted(server.url)} (testcontainers)`);
    return () => server.remove();
  } catch (error) {
    // Docker is there but SQL Server would not start (no network to pull, an arm64 host, too little memory).
    const skip = `SQL Server tests skipped: a Docker engine is reachable but ${MSSQL_IMAGE} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    provide({ skip });
    console.log(skip);
    return async () => undefined;
  }
}

/** Whether the files this run will execute include one that uses SQL Server (true when it cannot tell). */
async function runIncludesMssqlTests(project: TestProject): Promise<boolean> {
  try {
    // The run's file filters (`vitest run <filters>`): vitest keeps them on the instance while it runs.
    const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
    const specs = await project.vitest.getRelevantTestSpecifications(filters);
    return specs.some((s) => USES_MSSQL.test(s.moduleId));
  } catch {
    return true;
  }
}
