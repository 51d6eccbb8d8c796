// Rewrite micro-benchmark: µs per statement for a cache hit (StatementRewriter.rewrite, same text and
// context) and a miss (the whole engine: parse, analyse, rules, print, verify), median and p99.
// Run: npm run bench:rewrite [-- --seconds N]
import { loadParser } from '../rewrite/parser/pg-parser.js';
import { StatementRewriter } from '../rewrite/statement-rewriter.js';
import { rewriteForTenant } from '../rewrite/tenant/tenant-rewriter.js';
import { BENCH_STATEMENTS, benchContext } from './lib/rewrite-fixture.js';

const HIT_BATCH = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

function measure(seconds: number, run: () => void, perSample: number): { median: number; p99: number; samples: number } {
  const samples: number[] = [];
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < end) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perSample; i++) run();
    samples.push(Number(process.hrtime.bigint() - t0) / 1000 / perSample);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p99: percentile(samples, 0.99), samples: samples.length };
}

async function main(): Promise<void> {
  const secondsArg = process.argv.indexOf('--seconds');
  const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 2;
  await loadParser();
  const tenant = benchContext();
  const ctx = { cacheKey: 'bench', tenant };
  const rows: string[] = [];
  for (const { name, sql } of BENCH_STATEMENTS) {
    const outcome = rewriteForTenant(sql, tenant);
    if (outcome.kind !== 'ok') throw new Error(`${name} was refused: ${outcome.refusal.message}`);
    const rewriter = new StatementRewriter();
    rewriter.rewrite(sql, ctx);
    measure(0.3, () => rewriteForTenant(sql, tenant), 1); // warm-up
    const miss = measure(seconds, () => rewriteForTenant(sql, tenant), 1);
    const hit = measure(seconds, () => rewriter.rewrite(sql, ctx), HIT_BATCH);
    rows.push(`| ${name} | ${hit.median.toFixed(2)} | ${hit.p99.toFixed(2)} | ${miss.median.toFixed(1)} | ${miss.p99.toFixed(1)} | ${miss.samples} |`);
  }
  console.log(`Rewrite cost per statement, µs (hit: batches of ${HIT_BATCH}; miss: single statements; ${seconds} s each; node ${process.version})\n`);
  console.log('| statement | hit median | hit p99 | miss median | miss p99 | miss samples |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
}

await main();
