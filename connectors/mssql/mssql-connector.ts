// The SQL Server connector (Azure SQL Database, SQL Server 2019+): one mssql connection pool per backend
// and a session per client that answers the Postgres protocol over T-SQL plans. The Postgres → T-SQL
// compiler and the Postgres → SQLite compiler (for the catalog mirror) are injected by
// src/backends/registry.ts (connectors/ cannot import rewrite/).
import type { ClientChannel, Connector, ConnectorCapabilities, ConnectorSession, StartupIdentity } from '../connector.js';
import type { SqliteTranslator } from '../sqlite/sqlite-plan.js';
import { defaultSettings } from '../sqlite/sqlite-settings.js';
import { MssqlBackend } from './mssql-backend.js';
import { parseMssqlBackendUrl } from './mssql-config.js';
import { mssqlFailure } from './mssql-errors.js';
import type { MssqlTranslator } from './mssql-plan.js';
import { MssqlSession } from './mssql-session.js';

export type MssqlTarget = {
  readonly name: string;
  /** mssql://user:password@host:port/database?encrypt=…&trustServerCertificate=… (mssql-config.ts). */
  readonly url: string;
  readonly translator: MssqlTranslator;
  readonly catalogTranslator: SqliteTranslator;
};

const CAPABILITIES: ConnectorCapabilities = {
  passthrough: false,
  returning: true,
  savepoints: true,
  cancel: true,
  transactionalDdl: true,
};

const ANNOUNCED = ['server_version', 'server_encoding', 'client_encoding', 'DateStyle', 'TimeZone', 'integer_datetimes', 'standard_conforming_strings', 'IntervalStyle', 'application_name', 'is_superuser', 'session_authorization'];

export class MssqlConnector implements Connector {
  readonly kind = 'mssql';
  readonly capabilities = CAPABILITIES;
  readonly backend: MssqlBackend;
  private sessions = 0;
  private readonly urlProblem: string | null;

  constructor(readonly target: MssqlTarget) {
    const parsed = parseMssqlBackendUrl(target.url);
    // The config schema already checked the URL; an option it does not know about is reported at login.
    this.urlProblem = parsed.ok ? null : parsed.message;
    const options = parsed.ok ? parsed.value : { server: 'invalid', port: 1433, user: '', password: '', database: '', encrypt: true, trustServerCertificate: false, connectTimeoutMs: 15_000, requestTimeoutMs: 0, poolMax: 1 };
    this.backend = new MssqlBackend(target.name, options, { translator: target.translator, catalogTranslator: target.catalogTranslator });
  }

  get name(): string {
    return this.target.name;
  }

  /** Connects and reads the schema; a failure fails this login (08001) and the next login tries again. */
  async serverParameters(): Promise<ReadonlyMap<string, string>> {
    if (this.urlProblem) throw Object.assign(new Error(`SQL Server backend "${this.name}": ${this.urlProblem}`), { sqlState: '08001' });
    try {
      await this.backend.connect();
      await this.backend.loadSchema();
    } catch (err) {
      const f = mssqlFailure(err);
      throw Object.assign(new Error(`SQL Server backend "${this.name}" is not reachable: ${f.message}`), { sqlState: '08001' });
    }
    const defaults = defaultSettings('');
    const out = new Map<string, string>();
    for (const name of ANNOUNCED) out.set(name, defaults.get(name.toLowerCase()) ?? '');
    return out;
  }

  openSession(client: ClientChannel, identity: StartupIdentity): ConnectorSession {
    this.sessions++;
    const session = new MssqlSession(this.backend, client, identity);
    const end = session.end.bind(session);
    let ended = false;
    session.end = () => {
      if (!ended) this.sessions--;
      ended = true;
      end();
    };
    return session;
  }

  stats(): Record<string, number> {
    return { sessions: this.sessions, ...this.backend.stats() };
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}
