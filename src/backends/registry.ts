// The one place that pairs a backend kind with its connector. Connectors for kinds not built yet answer
// every login with 0A000 naming the kind, so a config that mentions them still loads. SQLite connectors
// get the Postgres → SQLite compiler here (connectors/ cannot import rewrite/).
import type { ClientChannel, Connector, ConnectorSession } from '../../connectors/connector.js';
import { PostgresConnector } from '../../connectors/postgres/postgres-connector.js';
import { SqliteConnector } from '../../connectors/sqlite/sqlite-connector.js';
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
      return new UnsupportedConnector(backend.name, backend.kind);
  }
}

/** Identity of a backend definition: a reload keeps a connector whose definition did not change. */
export function backendFingerprint(backend: BackendConfig): string {
  return JSON.stringify(backend);
}

class UnsupportedConnector implements Connector {
  readonly capabilities = { passthrough: false, returning: false, savepoints: false, cancel: false, transactionalDdl: false };
  constructor(
    readonly name: string,
    readonly kind: string,
  ) {}

  serverParameters(): Promise<ReadonlyMap<string, string>> {
    const err = Object.assign(new Error(`backend "${this.name}" is of kind "${this.kind}", which this version of pgfabric does not support yet`), { sqlState: '0A000' });
    return Promise.reject(err);
  }

  openSession(_client: ClientChannel): ConnectorSession {
    throw new Error(`backend kind "${this.kind}" is not supported`);
  }

  stats(): Record<string, number> {
    return {};
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
