import { defineConfig } from 'vitest/config';

// One real PostgreSQL for the whole suite is started in the global setup (test/helpers/global-setup.ts); the
// SQL Server of the live SQL Server tests (MSSQL_URL, or testcontainers with Docker) in mssql-global-setup.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/mssql-global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
