// The SQLite connector: one file, one worker thread, one write lock, and a session per client. The
// Postgres dialect is compiled to SQLite by the injected translator (rewrite/dialect/sqlite, passed
// in by src/backends/registry.ts: connectors/ import only protocol/).
import type { ClientChannel, Connector, ConnectorCapabilities, ConnectorSession, StartupIdentity } from '../connector.js';
import { failureOf } from './pg-failure.js';
import type { SqliteTranslator } from './sqlite-plan.js';
import { SqliteFile } from './sqlite-file.js';
import { SqliteSession } from './sqlite-session.js';
import { defaultSettings } from './sqlite-settings.js';

export type SqliteTarget = {
  readonly name: string;
  /** Absolute path of the database file (created when absent). */
  readonly file: string;
  readonly translator: SqliteTranslator;
  /** How long a writer waits for the file's write lock when its session sets no lock_timeout (default 10 s). */
  readonly lockTimeoutMs?: number;
};

const CAPABILITIES: ConnectorCapabilities = {
  passthrough: false,
  returning: true,
  savepoints: true,
  cancel: true,
  transactionalDdl: true,
};

const ANNOUNCED = ['server_version', 'server_encoding', 'client_encoding', 'DateStyle', 'TimeZone', 'integer_datetimes', 'standard_conforming_strings', 'IntervalStyle', 'application_name', 'is_superuser', 'session_authorization'];

let nextSessionId = 1;

export class SqliteConnector implements Connector {
  readonly kind = 'sqlite';
  readonly capabilities = CAPABILITIES;
  readonly file: SqliteFile;
  private sessions = 0;

  constructor(readonly target: SqliteTarget) {
    this.file = new SqliteFile(target.file, target.translator, target.lockTimeoutMs ?? 10_000);
  }

  get name(): string {
    return this.target.name;
  }

  /** Opens the file (an error when it cannot be: the login fails, the next one tries again). */
  async serverParameters(): Promise<ReadonlyMap<string, string>> {
    try {
      await this.file.host.request({ op: 'init' });
      await this.file.loadSchema();
    } catch (err) {
      const f = failureOf(err);
      throw Object.assign(new Error(`SQLite backend "${this.name}" (${this.target.file}): ${f.message}`), { sqlState: f.code === 'XX000' ? '08001' : f.code });
    }
    const defaults = defaultSettings('');
    const out = new Map<string, string>();
    for (const name of ANNOUNCED) out.set(name, defaults.get(name.toLowerCase()) ?? '');
    return out;
  }

  openSession(client: ClientChannel, identity: StartupIdentity): ConnectorSession {
    this.sessions++;
    const session = new SqliteSession(this.file, client, identity, nextSessionId++);
    const end = session.end.bind(session);
    session.end = () => {
      this.sessions--;
      end();
    };
    return session;
  }

  stats(): Record<string, number> {
    return { sessions: this.sessions, lockWaiting: this.file.lock.waiting, lockHeld: this.file.lock.heldBy === null ? 0 : 1, schemaVersion: this.file.schema?.version ?? 0, inlineReads: this.file.inline.reads };
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
