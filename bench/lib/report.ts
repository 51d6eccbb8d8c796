// Owns turning the runs into numbers and text: median TPS per scenario and target, the ratios of
// pgfabric to the direct baseline and to PgBouncer, per-round detail, failures, and the results file.
import type { PgbenchResult } from './run-pgbench.js';

export const TARGETS = ['direct', 'pgbouncer', 'pgfabric'] as const;
export type TargetName = (typeof TARGETS)[number];
export const TARGET_LABEL: Record<TargetName, string> = { direct: 'direct', pgbouncer: 'PgBouncer', pgfabric: 'pgfabric' };

/** foreignCpu: CPUs used by processes not ours during the run (see foreign-cpu.ts). */
export type RunRecord = { scenario: string; target: TargetName; round: number; result: PgbenchResult; foreignCpu: number | null };

export type Cell = { median: number | null; ok: number; failed: number; runs: PgbenchResult[] };

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function cellOf(records: RunRecord[], scenario: string, target: TargetName): Cell | null {
  const runs = records.filter((r) => r.scenario === scenario && r.target === target).map((r) => r.result);
  if (runs.length === 0) return null;
  const good = runs.filter((r) => r.ok && r.tps !== null).map((r) => r.tps!);
  return { median: median(good), ok: good.length, failed: runs.length - good.length, runs };
}

function fmtTps(cell: Cell | null, skipped: boolean): string {
  if (cell === null) return skipped ? 'skipped' : '—';
  if (cell.median === null) return 'n/a (failed)';
  const n = Math.round(cell.median).toString();
  return cell.failed > 0 ? `${n} (${cell.failed}/${cell.runs.length} failed)` : n;
}

function fmtRatio(a: Cell | null, b: Cell | null): string {
  if (!a || !b || a.median === null || b.median === null || b.median === 0) return 'n/a';
  return `${(a.median / b.median).toFixed(2)}×`;
}

export function summaryTable(records: RunRecord[], scenarios: string[], skipped: Set<TargetName>): string {
  const lines = [
    '| scenario | direct | PgBouncer | pgfabric | pgfabric / direct | pgfabric / PgBouncer |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const s of scenarios) {
    const [d, b, f] = TARGETS.map((t) => cellOf(records, s, t));
    lines.push(
      `| ${s} | ${fmtTps(d!, skipped.has('direct'))} | ${fmtTps(b!, skipped.has('pgbouncer'))} | ${fmtTps(f!, skipped.has('pgfabric'))} | ${fmtRatio(f!, d!)} | ${fmtRatio(f!, b!)} |`,
    );
  }
  return lines.join('\n');
}

export function roundsTable(records: RunRecord[], scenarios: string[], rounds: number): string {
  const head = ['scenario', 'target', ...Array.from({ length: rounds }, (_, i) => `round ${i + 1}`), 'median', 'spread', 'avg latency (ms)', 'other CPU'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  for (const s of scenarios) {
    for (const t of TARGETS) {
      const cell = cellOf(records, s, t);
      if (!cell) continue;
      const perRound = Array.from({ length: rounds }, (_, i) => {
        const r = cell.runs[i];
        if (!r) return '—';
        return r.ok && r.tps !== null ? Math.round(r.tps).toString() : 'fail';
      });
      const good = cell.runs.filter((r) => r.ok && r.tps !== null).map((r) => r.tps!);
      const spread = cell.median && good.length > 1 ? `${((100 * (Math.max(...good) - Math.min(...good))) / cell.median).toFixed(1)}%` : '—';
      const lat = median(cell.runs.filter((r) => r.ok && r.latencyMs !== null).map((r) => r.latencyMs!));
      const foreign = records.filter((r) => r.scenario === s && r.target === t && r.foreignCpu !== null).map((r) => r.foreignCpu!);
      const other = foreign.length ? foreign.map((f) => f.toFixed(2)).join(' / ') : '?';
      lines.push(`| ${s} | ${TARGET_LABEL[t]} | ${perRound.join(' | ')} | ${cell.median === null ? 'n/a' : Math.round(cell.median)} | ${spread} | ${lat === null ? '—' : lat.toFixed(3)} | ${other} |`);
    }
  }
  return lines.join('\n');
}

export function foreignCpuSummary(records: RunRecord[]): string {
  const values = records.map((r) => r.foreignCpu).filter((v): v is number => v !== null);
  if (values.length === 0) return 'unknown';
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `mean ${mean.toFixed(2)} CPU, max ${Math.max(...values).toFixed(2)} CPU over ${values.length} runs`;
}

export function failureLines(records: RunRecord[]): string[] {
  return records
    .filter((r) => !r.result.ok)
    .map((r) => `- **${r.scenario}**, ${TARGET_LABEL[r.target]}, round ${r.round}: ${r.result.problem}`);
}
