// What the Postgres connector needs to know about one backend (a structural type: the connector does
// not import the config layer; src/backends/registry.ts maps the resolved config onto it).
export type PostgresTarget = {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly sslMode: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  readonly pool: {
    readonly max: number;
    readonly acquireTimeoutMs: number;
    readonly idleTimeoutMs: number;
    readonly connectTimeoutMs: number;
    /** Shared statements kept prepared per server connection (PgBouncer's max_prepared_statements). */
    readonly maxPreparedStatements: number;
  };
};
