// The admin console's view of the running server (the AdminApi): client and pool figures read from
// their owners when a SHOW asks, per-tenant totals from the metrics counters (so the console adds no
// work to the hot path), and the operator commands on the server's clients and pause gates.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Connector } from '../../connectors/connector.js';
import type { AdminApi, AdminClientInfo, ReloadOutcome, TenantTotals } from '../admin/admin-api.js';
import type { TenantPauses } from '../admin/tenant-pauses.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { pgError } from '../errors/catalog.js';
import type { Metrics } from '../observability/metrics.js';
import type { ClientConnection } from '../sessions/client-connection.js';

export type AdminHost = {
  readonly config: () => ResolvedConfig;
  readonly clients: () => Iterable<ClientConnection>;
  readonly connectors: () => ReadonlyMap<string, Connector>;
  readonly metrics: Metrics;
  readonly pauses: TenantPauses;
  readonly reload: () => Promise<ReloadOutcome>;
  readonly shutdown: () => void;
  readonly logger: Logger;
};

const PAUSE_POLL_MS = 10;

export function createAdminApi(host: AdminHost): AdminApi {
  const loggedIn = function* (): Generator<ClientConnection> {
    for (const c of host.clients()) if (c.phase === 'ready' && c.user !== null) yield c;
  };
  const busy = (tenant: string): boolean => {
    for (const c of loggedIn()) if (c.tenant?.name === tenant && c.session && !c.session.quiescent) return true;
    return false;
  };
  return {
    config: host.config,
    clients: () => [...loggedIn()].map(clientInfo),
    connectors: host.connectors,
    tenantTotals: () => tenantTotals(host.metrics),
    isPaused: (tenant) => host.pauses.isPaused(tenant),
    reload: host.reload,
    async pause(tenant) {
      host.pauses.pause(tenant);
      host.logger.info({ tenant }, 'tenant paused: waiting for its transactions in flight');
      // PgBouncer's PAUSE returns once the pool's server connections are back; here, once none of the
      // tenant's sessions has a transaction open or a request in flight (or a RESUME came first).
      while (host.pauses.isPaused(tenant) && busy(tenant)) await sleep(PAUSE_POLL_MS);
    },
    resume(tenant) {
      if (host.pauses.resume(tenant)) host.logger.info({ tenant }, 'tenant resumed');
    },
    kill(tenant) {
      let n = 0;
      for (const c of [...loggedIn()]) {
        if (c.tenant?.name !== tenant) continue;
        c.terminate(pgError('admin.killed', { tenant }));
        n++;
      }
      host.logger.warn({ tenant, clients: n }, 'tenant killed from the admin console');
      return n;
    },
    // After the console's reply is flushed (nextTick), so the SHUTDOWN client sees its CommandComplete.
    shutdown: () => void setImmediate(host.shutdown),
  };
}

function clientInfo(c: ClientConnection): AdminClientInfo {
  const address = c.remoteAddress;
  const colon = address.lastIndexOf(':');
  return {
    user: c.user?.name ?? '',
    tenant: c.tenant?.name ?? null,
    addr: address.slice(0, colon),
    port: Number(address.slice(colon + 1)),
    state: c.adminState,
    connectedAt: c.connectedAt,
    pid: c.processId,
  };
}

type Totals = { xacts: number; queries: number; received: number; sent: number };

async function tenantTotals(metrics: Metrics): Promise<Map<string, TenantTotals>> {
  const out = new Map<string, Totals>();
  const add = async (metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, field: keyof Totals): Promise<void> => {
    for (const { value, labels } of (await metric.get()).values) {
      const tenant = String(labels['tenant'] ?? '');
      let t = out.get(tenant);
      if (!t) out.set(tenant, (t = { xacts: 0, queries: 0, received: 0, sent: 0 }));
      t[field] += value;
    }
  };
  await add(metrics.transactions, 'xacts');
  await add(metrics.queries, 'queries');
  await add(metrics.bytesIn, 'received');
  await add(metrics.bytesOut, 'sent');
  return out;
}
