// Prometheus metrics (prom-client). Labels are bounded: tenant, backend, rule, SQLSTATE class — never
// SQL text. The per-message figures (queries, transactions, bytes, latency) are plain numbers in one
// record per (tenant, backend), which a client's ClientMetrics adds to directly: prom-client's own inc()
// hashes its labels and allocates on every call, too much for the hot path. They, and the pool, client and
// cache figures, are turned into samples at scrape time.
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
  readonly errors = new Counter({ name: 'pgfabric_errors_total', help: 'ErrorResponses sent to clients, by SQLSTATE class', labelNames: ['tenant', 'backend', 'class'], registers: [this.registry] });
  readonly refusals = new Counter({ name: 'pgfabric_refusals_total', help: 'Statements refused by a tenant rule', labelNames: ['tenant', 'rule'], registers: [this.registry] });
  readonly rewriteSeconds = new Histogram({ name: 'pgfabric_rewrite_duration_seconds', help: 'Rewrite time of statements that missed the cache', buckets: [0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.005, 0.01], registers: [this.registry] });
  /** One record per (tenant, backend): what clients add to on the hot path. */
  private readonly totals = new Map<string, TenantTotals>();
  readonly queries: Counter;
  readonly transactions: Counter;
  readonly bytesIn: Counter;
  readonly bytesOut: Counter;

  constructor(source: ScrapeSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'pgfabric_process_' });
    const registers = [this.registry];
    const totals = this.totals;
    const fromTotals = (name: string, help: string, labelNames: string[], pick: (t: TenantTotals) => number): Counter =>
      new Counter({
        name, help, labelNames, registers,
        collect() {
          this.reset();
          for (const t of totals.values()) this.inc(labelNames.length === 2 ? { tenant: t.tenant, backend: t.backend } : { tenant: t.tenant }, pick(t));
        },
      });
    this.queries = fromTotals('pgfabric_queries_total', 'Statements run (Query and Execute messages)', ['tenant', 'backend'], (t) => t.queries);
    this.transactions = fromTotals('pgfabric_transactions_total', 'Request cycles that ended outside a transaction (ReadyForQuery I)', ['tenant', 'backend'], (t) => t.transactions);
    this.bytesIn = fromTotals('pgfabric_client_bytes_received_total', 'Bytes received from clients', ['tenant'], (t) => t.bytesIn);
    this.bytesOut = fromTotals('pgfabric_client_bytes_sent_total', 'Bytes sent to clients', ['tenant'], (t) => t.bytesOut);
    this.registry.registerMetric(new LatencyHistogramFamily(totals, 'pgfabric_query_duration_seconds', 'From a Query or Sync to its ReadyForQuery', (t) => t.latency) as never);
    this.registry.registerMetric(new LatencyHistogramFamily(totals, 'pgfabric_pool_wait_seconds', 'Waits for a server connection (only checkouts that had to wait)', (t) => t.poolWait) as never);
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

  /** The record a client connection adds to on its hot path. */
  forClient(tenant: string, backend: string): ClientMetrics {
    const key = tenant + '\u0000' + backend;
    let t = this.totals.get(key);
    if (!t) this.totals.set(key, (t = { tenant, backend, queries: 0, transactions: 0, bytesIn: 0, bytesOut: 0, latency: buckets(), poolWait: buckets() }));
    return new ClientMetrics(this, t);
  }
}

type TenantTotals = {
  readonly tenant: string;
  readonly backend: string;
  queries: number;
  transactions: number;
  bytesIn: number;
  bytesOut: number;
  readonly latency: Buckets;
  readonly poolWait: Buckets;
};

/** A histogram as plain numbers: per-bucket (not cumulative) counts, the last slot +Inf; sum in seconds. */
type Buckets = { readonly counts: Float64Array; sum: number; count: number };

function buckets(): Buckets {
  return { counts: new Float64Array(LATENCY_BUCKETS.length + 1), sum: 0, count: 0 };
}

function observe(h: Buckets, seconds: number): void {
  let i = 0;
  while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]!) i++;
  h.counts[i]!++;
  h.sum += seconds;
  h.count++;
}

/** pgfabric_query_duration_seconds, exposed from the per-tenant records (prom-client's custom-metric shape). */
class LatencyHistogramFamily {
  readonly type = 'histogram';
  readonly aggregator = 'sum';

  constructor(
    private readonly totals: Map<string, TenantTotals>,
    readonly name: string,
    readonly help: string,
    private readonly pick: (t: TenantTotals) => Buckets,
  ) {}

  get(): { name: string; help: string; type: string; aggregator: string; values: { labels: Record<string, string | number>; value: number; metricName: string }[] } {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const t of this.totals.values()) {
      const base = { tenant: t.tenant, backend: t.backend };
      const h = this.pick(t);
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((le, i) => {
        cumulative += h.counts[i]!;
        values.push({ labels: { ...base, le }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { ...base, le: '+Inf' }, value: h.count, metricName: `${this.name}_bucket` });
      values.push({ labels: base, value: h.sum, metricName: `${this.name}_sum` });
      values.push({ labels: base, value: h.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/** One client's view of its tenant's record: plain number adds on the hot path. */
export class ClientMetrics {
  constructor(
    private readonly m: Metrics,
    private readonly t: TenantTotals,
  ) {}

  query(): void {
    this.t.queries++;
  }

  bytesIn(n: number): void {
    this.t.bytesIn += n;
  }

  bytesOut(n: number): void {
    this.t.bytesOut += n;
  }

  /** A request cycle ended; `seconds` is its duration when its start was seen (the cycle's clock lives in RequestObserver). */
  requestDone(status: number, seconds: number | null): void {
    if (seconds !== null) observe(this.t.latency, seconds);
    if (status === 0x49) this.t.transactions++;
  }

  serverWaited(ms: number): void {
    observe(this.t.poolWait, ms / 1000);
  }

  error(sqlState: string): void {
    this.m.errors.inc({ tenant: this.t.tenant, backend: this.t.backend, class: sqlState.length >= 2 ? sqlState.slice(0, 2) : 'unknown' });
  }

  refusal(rule: string, sqlState: string): void {
    this.m.refusals.inc({ tenant: this.t.tenant, rule });
    this.error(sqlState);
  }
}
