// Prometheus metrics (prom-client). Labels are bounded: tenant, backend, rule, SQLSTATE class — never
// SQL text. Per-connection children are bound once at login, so the per-message cost is one add on a
// number; pool, client and cache figures are read from their owners at scrape time.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type ScrapeSource = {
  /** Connected clients per tenant and phase. */
  clients(): Iterable<{ tenant: string; state: string }>;
  /** Pool figures per backend (the connector's stats()). */
  pools(): Iterable<{ backend: string; stats: Record<string, number> }>;
  rewriteCache(): { hits: number; misses: number; size: number };
};

const LATENCY_BUCKETS = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics {
  readonly registry = new Registry();
  private readonly logins = new Counter({ name: 'pgfabric_client_logins_total', help: 'Client logins by tenant and outcome', labelNames: ['tenant', 'outcome'], registers: [this.registry] });
  readonly queries = new Counter({ name: 'pgfabric_queries_total', help: 'Statements run (Query and Execute messages)', labelNames: ['tenant', 'backend'], registers: [this.registry] });
  readonly transactions = new Counter({ name: 'pgfabric_transactions_total', help: 'Request cycles that ended outside a transaction (ReadyForQuery I)', labelNames: ['tenant', 'backend'], registers: [this.registry] });
  readonly latency = new Histogram({ name: 'pgfabric_query_duration_seconds', help: 'From a Query or Sync to its ReadyForQuery', labelNames: ['tenant', 'backend'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly errors = new Counter({ name: 'pgfabric_errors_total', help: 'ErrorResponses sent to clients, by SQLSTATE class', labelNames: ['tenant', 'backend', 'class'], registers: [this.registry] });
  readonly refusals = new Counter({ name: 'pgfabric_refusals_total', help: 'Statements refused by a tenant rule', labelNames: ['tenant', 'rule'], registers: [this.registry] });
  readonly bytesIn = new Counter({ name: 'pgfabric_client_bytes_received_total', help: 'Bytes received from clients', labelNames: ['tenant'], registers: [this.registry] });
  readonly bytesOut = new Counter({ name: 'pgfabric_client_bytes_sent_total', help: 'Bytes sent to clients', labelNames: ['tenant'], registers: [this.registry] });
  readonly rewriteSeconds = new Histogram({ name: 'pgfabric_rewrite_duration_seconds', help: 'Rewrite time of statements that missed the cache', buckets: [0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.005, 0.01], registers: [this.registry] });

  constructor(source: ScrapeSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'pgfabric_process_' });
    const registers = [this.registry];
    new Gauge({
      name: 'pgfabric_client_connections', help: 'Connected clients by tenant and state', labelNames: ['tenant', 'state'], registers,
      collect() {
        this.reset();
        const counts = new Map<string, { tenant: string; state: string; n: number }>();
        for (const c of source.clients()) {
          const key = c.tenant + '\u0000' + c.state;
          const entry = counts.get(key) ?? { tenant: c.tenant, state: c.state, n: 0 };
          entry.n++;
          counts.set(key, entry);
        }
        for (const e of counts.values()) this.set({ tenant: e.tenant, state: e.state }, e.n);
      },
    });
    new Gauge({
      name: 'pgfabric_pool_connections', help: 'Server connections per backend by state (idle, busy, connecting) and clients waiting for one', labelNames: ['backend', 'state'], registers,
      collect() {
        this.reset();
        for (const { backend, stats } of source.pools()) {
          for (const state of ['idle', 'busy', 'connecting', 'waiting', 'total'] as const) {
            const v = stats[state];
            if (typeof v === 'number') this.set({ backend, state }, v);
          }
        }
      },
    });
    new Gauge({
      name: 'pgfabric_pool_max_wait_seconds', help: 'Longest current wait for a server connection, per backend', labelNames: ['backend'], registers,
      collect() {
        this.reset();
        for (const { backend, stats } of source.pools()) if (typeof stats['maxWaitMs'] === 'number') this.set({ backend }, stats['maxWaitMs'] / 1000);
      },
    });
    new Counter({
      name: 'pgfabric_backend_connect_failures_total', help: 'Backend logins that failed', labelNames: ['backend'], registers,
      collect() {
        this.reset();
        for (const { backend, stats } of source.pools()) if (typeof stats['connectFailures'] === 'number') this.inc({ backend }, stats['connectFailures']);
      },
    });
    for (const [name, pick] of [['hits', 'hits'], ['misses', 'misses']] as const) {
      new Counter({
        name: `pgfabric_rewrite_cache_${name}_total`, help: `Rewrite cache ${name}`, registers,
        collect() {
          this.reset();
          this.inc(source.rewriteCache()[pick]);
        },
      });
    }
  }

  login(tenant: string, ok: boolean): void {
    this.logins.inc({ tenant, outcome: ok ? 'ok' : 'refused' });
  }

  /** The children a client connection updates on its hot path. */
  forClient(tenant: string, backend: string): ClientMetrics {
    return new ClientMetrics(this, tenant, backend);
  }
}

/** One client's bound metric children: a number add per event, no label lookups. */
export class ClientMetrics {
  readonly queries;
  readonly transactions;
  readonly latency;
  readonly bytesIn;
  readonly bytesOut;
  private requestStart = 0;

  constructor(private readonly m: Metrics, private readonly tenant: string, private readonly backend: string) {
    this.queries = m.queries.labels(tenant, backend);
    this.transactions = m.transactions.labels(tenant, backend);
    this.latency = m.latency.labels(tenant, backend);
    this.bytesIn = m.bytesIn.labels(tenant);
    this.bytesOut = m.bytesOut.labels(tenant);
  }

  /** A Query or Sync went out: the clock of this request cycle starts (if not already running). */
  requestStarted(now: number): void {
    if (this.requestStart === 0) this.requestStart = now;
  }

  requestDone(status: number, now: number): void {
    if (this.requestStart !== 0) this.latency.observe((now - this.requestStart) / 1000);
    this.requestStart = 0;
    if (status === 0x49) this.transactions.inc();
  }

  error(sqlState: string): void {
    this.m.errors.inc({ tenant: this.tenant, backend: this.backend, class: sqlState.length >= 2 ? sqlState.slice(0, 2) : 'unknown' });
  }

  refusal(rule: string, sqlState: string): void {
    this.m.refusals.inc({ tenant: this.tenant, rule });
    this.error(sqlState);
  }
}
