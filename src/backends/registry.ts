// The one place that pairs a backend kind with its connector. SQLite and SQL Server connectors get their
// Postgres → dialect compilers here (connectors/ cannot import rewrite/).
import type { Connector } from '../../connectors/connector.js';
import { MssqlConnector } from '../../connectors/mssql/mssql-connector.js';
import { PostgresConnector } from '../../connectors/postgres/postgres-connector.js';
import { SqliteConnector } from '../../connectors/sqlite/sqlite-connector.js';
import { mssqlTranslator } from './mssql-translator.js';
import { sqliteTranslator } from './sqlite-translator.js';
import type { BackendConfig } from '../config/resolved-config.js';

export function createConnector(backend: BackendConfig): Connector {
  switch (backend.kind) {
    case 'postgres':
      return new PostgresConnector({
        name: backend.name,
        host: backend.host,
        port: backend.port,
        user: backend.user,
        password: backend.password,
        database: backend.database,
        sslMode: backend.sslMode,
        pool: backend.pool,
      });
    case 'sqlite':
      return new SqliteConnector({ name: backend.name, file: backend.file, translator: sqliteTranslator() });
    case 'mssql':
      // The catalog mirror of a SQL Server tenant is a SQLite database: it needs the SQLite compiler too.
      return new MssqlConnector({ name: backend.name, url: backend.url, translator: mssqlTranslator, catalogTranslator: sqliteTranslator() });
  }
}

/** Identity of a backend definition: a reload keeps a connector whose definition did not change. */
export function backendFingerprint(backend: BackendConfig): string {
  return JSON.stringify(backend);
}
