// The SHOW commands of the admin console: each builds a result set from the AdminApi, in a table keyed
// by target (a target without a builder is a compile error). Columns follow PgBouncer's where they
// apply, with `tenant` for its `database`. Pools are per backend in pgfabric and shared by the tenants
// on it: per-tenant numbers come from the tenant's clients, sv_idle/sv_login/maxwait from the pool.
import type { AdminApi, AdminClientInfo } from './admin-api.js';
import type { ShowTarget } from './admin-command-parser.js';
import type { ResultSet } from './admin-result.js';
import { configSummary } from './config-summary.js';
import { pgfabricVersion } from './pgfabric-version.js';

type Builder = (api: AdminApi) => ResultSet | Promise<ResultSet>;

export const SHOW_BUILDERS: Readonly<Record<ShowTarget, Builder>> = {
  TENANTS: showTenants,
  POOLS: showPools,
  CLIENTS: showClients,
  SERVERS: showServers,
  STATS: showStats,
  CONFIG: (api) => ({ columns: [['key', 'text'], ['value', 'text']], rows: configSummary(api.config()) }),
  VERSION: () => ({ columns: [['version', 'text']], rows: [[`pgfabric ${pgfabricVersion()}`]] }),
  HELP: showHelp,
};

function clientsByTenant(api: AdminApi): Map<string, AdminClientInfo[]> {
  const out = new Map<string, AdminClientInfo[]>();
  for (const client of api.clients()) {
    if (client.tenant === null) continue;
    const list = out.get(client.tenant);
    if (list) list.push(client);
    else out.set(client.tenant, [client]);
  }
  return out;
}

function showTenants(api: AdminApi): ResultSet {
  const clients = clientsByTenant(api);
  const rows = [...api.config().tenants.values()].map((t) => [t.name, t.id, t.backend, t.region ?? null, clients.get(t.name)?.length ?? 0, api.isPaused(t.name) ? 1 : 0]);
  return { columns: [['name', 'text'], ['id', 'text'], ['backend', 'text'], ['region', 'text'], ['clients', 'int8'], ['paused', 'int8']], rows };
}

function showPools(api: AdminApi): ResultSet {
  const clients = clientsByTenant(api);
  const connectors = api.connectors();
  const rows = [...api.config().tenants.values()].map((t) => {
    const mine = clients.get(t.name) ?? [];
    const count = (...states: AdminClientInfo['state'][]): number => mine.filter((c) => states.includes(c.state)).length;
    const pool = connectors.get(t.backend)?.stats() ?? {};
    const maxWaitMs = pool['maxWaitMs'] ?? 0;
    const waits = pool['waits'] ?? 0;
    const avgWaitUs = waits > 0 ? Math.round(((pool['waitMsTotal'] ?? 0) * 1000) / waits) : 0;
    const servers = [count('active'), pool['idle'] ?? 0, 0, pool['connecting'] ?? 0];
    return [t.name, t.backend, count('idle', 'active'), count('waiting', 'paused'), ...servers, Math.floor(maxWaitMs / 1000), (maxWaitMs % 1000) * 1000, avgWaitUs, 'transaction'];
  });
  const columns = [
    ['tenant', 'text'], ['backend', 'text'], ['cl_active', 'int8'], ['cl_waiting', 'int8'], ['sv_active', 'int8'], ['sv_idle', 'int8'],
    ['sv_used', 'int8'], ['sv_login', 'int8'], ['maxwait', 'int8'], ['maxwait_us', 'int8'], ['avg_wait_us', 'int8'], ['pool_mode', 'text'],
  ] as const;
  return { columns, rows };
}

function showClients(api: AdminApi): ResultSet {
  const rows = api.clients().map((c) => [c.user, c.tenant ?? 'pgfabric', c.addr, c.port, c.state, timestamp(c.connectedAt), c.pid]);
  return { columns: [['user', 'text'], ['tenant', 'text'], ['addr', 'text'], ['port', 'int8'], ['state', 'text'], ['connect_time', 'text'], ['pid', 'int8']], rows };
}

// Server connections by state; the pool's stats() names them busy/idle/connecting.
const SERVER_STATES = [['active', 'busy'], ['idle', 'idle'], ['login', 'connecting']] as const;

function showServers(api: AdminApi): ResultSet {
  const rows: (string | number)[][] = [];
  for (const [name, connector] of api.connectors()) {
    const stats = connector.stats();
    for (const [state, key] of SERVER_STATES) rows.push([name, connector.kind, state, stats[key] ?? 0]);
  }
  return { columns: [['backend', 'text'], ['kind', 'text'], ['state', 'text'], ['count', 'int8']], rows };
}

async function showStats(api: AdminApi): Promise<ResultSet> {
  const totals = await api.tenantTotals();
  const rows = [...api.config().tenants.keys()].map((name) => {
    const t = totals.get(name);
    return [name, t?.xacts ?? 0, t?.queries ?? 0, t?.received ?? 0, t?.sent ?? 0];
  });
  const columns = [['tenant', 'text'], ['total_xact_count', 'int8'], ['total_query_count', 'int8'], ['total_received', 'int8'], ['total_sent', 'int8']] as const;
  return { columns, rows };
}

const HELP: readonly (readonly [string, string])[] = [
  ['SHOW TENANTS', 'tenants: id, backend, region, connected clients, paused'],
  ['SHOW POOLS', 'per tenant: its clients (cl_*), the server connections they hold (sv_active); of its backend\'s pool: idle and opening connections, longest current and average wait'],
  ['SHOW CLIENTS', 'logged-in clients: user, tenant, address, state, connect time, pid'],
  ['SHOW SERVERS', 'server connections per backend and state'],
  ['SHOW STATS', 'per tenant since start: transactions, statements, bytes received from and sent to its clients'],
  ['SHOW CONFIG', 'the running configuration, without secrets'],
  ['SHOW VERSION', 'pgfabric version'],
  ['SHOW HELP', 'this list'],
  ['RELOAD', 're-read the config file (like SIGHUP); an invalid file is refused and the old config keeps serving'],
  ['PAUSE [tenant]', 'wait for the tenant\'s transactions in flight, hold new ones until RESUME (no tenant: all)'],
  ['RESUME [tenant]', 'let held transactions run (no tenant: every paused tenant)'],
  ['KILL tenant', 'close the tenant\'s clients (57P01)'],
  ['SHUTDOWN', 'drain and stop, like SIGTERM'],
];

function showHelp(): ResultSet {
  return { columns: [['command', 'text'], ['description', 'text']], rows: HELP };
}

/** Postgres's timestamptz text output in UTC: 2026-12-02 10:11:12+00. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+00');
}
