// Owns per-test-file databases on the run's shared test server (started by global-setup.ts): each
// test file creates its own database, so files running in parallel never see each other's tables.
import pg from 'pg';
import { inject } from 'vitest';

/** The superuser URL of the run's test server (its `postgres` database). */
export function adminUrl(): string {
  return inject('pgUrl');
}

/**
 * Drops the database `name` if it exists (disconnecting its leftover sessions) and creates it
 * afresh; returns its URL. The caller makes `name` unique per test file, e.g. `harness_test`.
 */
export async function createTestDatabase(pgUrl: string, name: string): Promise<string> {
  // Lowercase and unquoted-safe, so the name means the same in SQL, in URLs and to every client.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`test database name must match [a-z_][a-z0-9_]{0,62}: "${name}"`);
  }
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
