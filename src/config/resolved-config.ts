// The runtime shape of a loaded configuration: what every other part of pgfabric reads.
// Produced only by resolve-config.ts, after the raw file passed the schema and the cross-checks,
// so consumers never re-validate (tenant ids are already safe to embed as SQL literals, URLs are
// split into parts, TLS files are read, passwords are SCRAM keys).
import type { ScramKeys } from '../../protocol/scram.js';

export type PoolSettings = { max: number; acquireTimeoutMs: number; idleTimeoutMs: number; connectTimeoutMs: number; maxPreparedStatements: number };

export type PostgresBackend = {
  kind: 'postgres';
  name: string;
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  sslMode: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  pool: PoolSettings;
};

export type SqliteBackend = {
  kind: 'sqlite';
  name: string;
  /** Absolute, resolved against the config file's directory. */
  file: string;
};

export type MssqlBackend = { kind: 'mssql'; name: string; url: string };

export type BackendConfig = PostgresBackend | SqliteBackend | MssqlBackend;

export type TenantLimits = {
  maxClients?: number;
  /** Server connections this tenant may hold at once on its (shared) backend. */
  maxServerConnections?: number;
  statementsPerSecond?: number;
  /** Default statement_timeout of the tenant's sessions (a client's own SET wins). */
  statementTimeoutMs?: number;
  idleTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
};

export type TenantConfig = { name: string; id: string; backend: string; region?: string; limits?: TenantLimits };

export type SchemaLevel = 'none' | 'read' | 'write' | 'ddl';

export type RoleConfig = { name: string; schemas: Record<string, SchemaLevel> };

/**
 * `scram` is derived once at load: from a plain password (random salt, 4096 iterations) or parsed
 * from a verifier ("SCRAM-SHA-256$..."). The plain password is not kept.
 */
export type UserConfig = { name: string; role: string; tenants: string[]; scram: ScramKeys };

export type ResolvedConfig = {
  sourcePath?: string;
  listen: { host: string; port: number };
  /** cert/key are absolute paths; the PEM contents are read at load so a missing file is a config problem. */
  tls?: { cert: string; key: string; required: boolean; certPem: Buffer; keyPem: Buffer };
  metrics?: { host: string; port: number };
  tenantColumn: string;
  crossSchemaJoins: 'block' | 'warn' | 'allow';
  appendOnly: string[];
  allowedFunctions: string[];
  roles: Map<string, RoleConfig>;
  backends: Map<string, BackendConfig>;
  tenants: Map<string, TenantConfig>;
  users: Map<string, UserConfig>;
  limits: { maxMessageSize: number; drainTimeoutMs: number; startupTimeoutMs: number; slowQueryMs: number };
  audit?: AuditConfig;
};

/** `file` is absolute (resolved against the config file's directory); `postgres` is the control-plane database. */
export type AuditConfig = { file: string; postgres?: PostgresTarget };

export type PostgresTarget = Pick<PostgresBackend, 'url' | 'host' | 'port' | 'user' | 'password' | 'database' | 'sslMode'>;
