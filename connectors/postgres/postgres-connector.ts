// The Postgres connector: one pool and one shared statement registry per backend, and a session per
// client. Bytes pass through; nothing here decodes rows.
import type { ClientChannel, Connector, ConnectorCapabilities, ConnectorSession, StartupIdentity } from '../connector.js';
import type { PostgresTarget } from './postgres-config.js';
import { PostgresPool } from './postgres-pool.js';
import { PostgresSession } from './postgres-session.js';
import { StatementRegistry } from './statement-registry.js';

const CAPABILITIES: ConnectorCapabilities = {
  passthrough: true,
  returning: true,
  savepoints: true,
  cancel: true,
  transactionalDdl: true,
};

export class PostgresConnector implements Connector {
  readonly kind = 'postgres';
  readonly capabilities = CAPABILITIES;
  readonly pool: PostgresPool;
  private readonly registry = new StatementRegistry();

  constructor(readonly target: PostgresTarget) {
    this.pool = new PostgresPool(target);
  }

  get name(): string {
    return this.target.name;
  }

  serverParameters(): Promise<ReadonlyMap<string, string>> {
    return this.pool.serverParameters();
  }

  openSession(client: ClientChannel, identity: StartupIdentity): ConnectorSession {
    return new PostgresSession(this.pool, this.registry, client, identity);
  }

  stats(): Record<string, number> {
    return { ...this.pool.stats(), preparedStatements: this.registry.size };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
