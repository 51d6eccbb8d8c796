// pgbench against a SQLite tenant: the same workloads (-S and TPC-B, -c 1 and 8, simple/extended/prepared)
// on three targets in alternating rounds — Postgres directly, pgfabric on that Postgres, and pgfabric on a
// SQLite file (its data loaded with `pgbench -i` through pgfabric itself). Prints the median TPS table
// with the ratios to direct Postgres and writes it to bench/results/sqlite-pgbench-<date>.md.
// Not a test: no assertions; failures are recorded and reported.
import { appendFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runToEnd, stopAllChildren } from './lib/children.js';
import { describeMachine, loadAverage, pgbenchVersion, pgfabricRevision } from './lib/machine.js';
import { pgfabricConfig, REPO_ROOT, startPgfabric, TENANT_ID } from './lib/pgfabric-child.js';
import { BENCH_DATABASE, startBenchPostgres, tpcbUpkeep } from './lib/postgres-server.js';
import { median } from './lib/report.js';
import { connectionArgs, pgEnv, runPgbench, type Endpoint, type PgbenchResult } from './lib/run-pgbench.js';

const TARGETS = ['direct', 'pgfabric-pg', 'pgfabric-sqlite'] as const;
type Target = (typeof TARGETS)[number];

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = flag('--seconds', 10);
const rounds = flag('--rounds', 1);
const scale = flag('--scale', 1);

function scenarios(): { name: string; args: string[]; writes: boolean }[] {
  const list = [];
  for (const writes of [false, true]) {
    for (const clients of [1, 8]) {
      for (const mode of ['simple', 'extended', 'prepared']) {
        list.push({ name: `${writes ? 'tpcb' : 'S'} c${clients} ${mode}`, args: [...(writes ? [] : ['-S']), '-c', String(clients), '-j', clients > 1 ? '2' : '1', '-M', mode], writes });
      }
    }
  }
  return list;
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'pgfabric-sqlite-bench-'));
  // Traversable by the `postgres` OS user Postgres runs as when we are root.
  await chmod(workDir, 0o755);
  const date = new Date().toISOString().slice(0, 10);
  const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const mdFile = path.join(resultsDir, `sqlite-pgbench-${date}.md`);
  const rawFile = path.join(resultsDir, `sqlite-pgbench-${date}.raw`);
  await writeFile(rawFile, '');
  const raw = (text: string) => appendFileSync(rawFile, text + '\n');
  try {
    const pg = await startBenchPostgres(workDir, true, (line) => raw(line));
    const direct: Endpoint = { host: pg.handle.host, port: pg.handle.port };
    const viaPg = await startPgfabric(workDir, direct, 20);
    const sqliteFile = path.join(workDir, 'bench.db');
    const viaSqlite = await startPgfabric(workDir, direct, 20, (port) => ({
      ...pgfabricConfig(port, direct, 20),
      backends: { lite: { kind: 'sqlite', file: sqliteFile } },
      tenants: { [BENCH_DATABASE]: { id: TENANT_ID, backend: 'lite' } },
    }), 'pgfabric-sqlite');
    const endpoints: Record<Target, Endpoint> = { direct, 'pgfabric-pg': viaPg, 'pgfabric-sqlite': viaSqlite };
    for (const [label, target] of [['Postgres (directly)', direct], ['the SQLite tenant (through pgfabric)', viaSqlite]] as const) {
      console.log(`pgbench -i -s ${scale} on ${label}…`);
      const init = await runToEnd('pgbench -i', 'pgbench', ['-i', '-s', String(scale), '-q', ...connectionArgs(target), BENCH_DATABASE], { env: pgEnv() });
      raw(`## pgbench -i on ${label}\n${init.output}`);
      if (init.code !== 0) throw new Error(`pgbench -i on ${label} failed:\n${init.output}`);
    }
    const records: { scenario: string; target: Target; result: PgbenchResult }[] = [];
    for (const s of scenarios()) {
      for (let round = 1; round <= rounds; round++) {
        for (const t of TARGETS) {
          if (s.writes && t !== 'pgfabric-sqlite') await tpcbUpkeep(pg.handle);
          const result = await runPgbench(endpoints[t], s.args, seconds);
          raw(`## ${s.name} / ${t} / round ${round}\n$ ${result.command}\n${result.output}`);
          records.push({ scenario: s.name, target: t, result });
          console.log(`[${s.name}] round ${round} ${t.padEnd(16)} ${result.ok ? `${result.tps?.toFixed(0)} tps` : `FAILED: ${result.problem}`}`);
        }
      }
    }
    const tps = (s: string, t: Target) => median(records.filter((r) => r.scenario === s && r.target === t && r.result.ok && r.result.tps !== null).map((r) => r.result.tps!));
    const fmt = (v: number | null) => (v === null ? 'failed' : String(Math.round(v)));
    const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
    const rows = scenarios().map((s) => {
      const d = tps(s.name, 'direct');
      const p = tps(s.name, 'pgfabric-pg');
      const q = tps(s.name, 'pgfabric-sqlite');
      return `| ${s.name} | ${fmt(d)} | ${fmt(p)} | ${fmt(q)} | ${ratio(p, d)} | ${ratio(q, d)} |`;
    });
    const machine = await describeMachine();
    const text = [
      `# pgbench on a SQLite tenant — ${date}`,
      '',
      `pgfabric ${await pgfabricRevision()}, ${await pgbenchVersion()}, ${machine.nproc} cpu (${machine.cpuModel}), load ${loadAverage()}; scale ${scale}, -T ${seconds}, ${rounds} round(s), median TPS.`,
      'Targets: Postgres directly; pgfabric on that Postgres; pgfabric on a SQLite file (WAL) loaded with `pgbench -i` through pgfabric. All through TCP on 127.0.0.1.',
      '',
      '| scenario | direct PG | pgfabric → PG | pgfabric → SQLite | PG ratio | SQLite ratio |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      ...records.filter((r) => !r.result.ok).map((r) => `- FAILED ${r.scenario} / ${r.target}: ${r.result.problem}`),
    ].join('\n');
    await writeFile(mdFile, text + '\n');
    console.log('\n' + text + `\n\nwritten to ${mdFile} (raw output: ${rawFile})`);
    await pg.stop();
  } finally {
    await stopAllChildren();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  void stopAllChildren().finally(() => process.exit(1));
});
