// The provisioned Grafana dashboard only queries metrics pgfabric actually exports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../../src/observability/metrics.js';

const dashboard = JSON.parse(readFileSync('examples/grafana/dashboards/pgfabric.json', 'utf8')) as { panels: { targets: { expr: string }[] }[] };

describe('Grafana dashboard', () => {
  it('uses only exported metric names', async () => {
    const metrics = new Metrics({ clients: () => [], pools: () => [], rewriteCache: () => ({ hits: 0, misses: 0, size: 0 }) });
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set<string>();
    for (const panel of dashboard.panels) for (const t of panel.targets) for (const m of t.expr.matchAll(/pgfabric_[a-z_]+/g)) used.add(m[0].replace(/_(bucket|count|sum)$/, ''));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(exported, name).toContain(name);
  });
});
