// Owns one pgbench run against one target and reading its summary: tps (without initial connection
// time, or including reconnections under -C), failed transactions, aborted clients and exit status.
import { runToEnd } from './children.js';
import { BENCH_DATABASE, BENCH_PASSWORD, BENCH_USER } from './postgres-server.js';

export type Endpoint = { host: string; port: number };

export type PgbenchResult = {
  ok: boolean;
  tps: number | null;
  failed: number | null;
  processed: number | null;
  latencyMs: number | null;
  exitCode: number | null;
  /** The first lines that explain a failure (errors, aborted clients), empty when ok. */
  problem: string;
  output: string;
  command: string;
};

/** A clean environment: nothing from the caller's PG* variables leaks into the runs. */
export function pgEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ']) if (process.env[key] !== undefined) env[key] = process.env[key];
  env['PGPASSWORD'] = BENCH_PASSWORD;
  env['PGSSLMODE'] = 'disable';
  env['PGCONNECT_TIMEOUT'] = '10';
  return env;
}

export function connectionArgs(target: Endpoint): string[] {
  return ['-h', target.host, '-p', String(target.port), '-U', BENCH_USER];
}

export async function runPgbench(target: Endpoint, workload: string[], seconds: number): Promise<PgbenchResult> {
  const args = [...connectionArgs(target), '-n', '-T', String(seconds), ...workload, BENCH_DATABASE];
  const command = `pgbench ${args.join(' ')}`;
  const { code, output, timedOut } = await runToEnd('pgbench', 'pgbench', args, {
    env: pgEnv(),
    timeoutMs: seconds * 3000 + 120_000,
  });
  return parsePgbench(output, timedOut ? null : code, command);
}

export function parsePgbench(output: string, exitCode: number | null, command: string): PgbenchResult {
  const num = (re: RegExp) => {
    const m = re.exec(output);
    return m?.[1] === undefined ? null : Number(m[1]);
  };
  const tps = num(/^tps = ([\d.]+) \((?:without initial connection time|including reconnection times)\)/m);
  const failed = num(/^number of failed transactions: (\d+)/m);
  const processed = num(/^number of transactions actually processed: (\d+)/m);
  const latencyMs = num(/^latency average = ([\d.]+) ms/m);
  const ok = exitCode === 0 && tps !== null && (failed ?? 0) === 0;
  const problemLines = output
    .split('\n')
    .filter((line) => /error|aborted|fatal|could not|failed|server closed/i.test(line) && !/^number of failed transactions: 0 /.test(line))
    // One line per distinct message, not one per client.
    // Threads' stderr lines can interleave ("pgbench:pgbench: error: …"): keep the message part.
    .map((line) => line.replace(/\bclient \d+/g, 'client N').replace(/(?:pgbench:|\berror:)\s*/g, '').trim())
    .filter((line) => line !== '');
  let problem = '';
  if (!ok) {
    const why = exitCode === null ? 'timed out' : `exit ${exitCode}`;
    const none = processed === 0 && problemLines.length === 0 ? 'no transaction completed within -T (connecting the clients took longer?)' : '';
    problem = `${why}${failed ? `, ${failed} failed transactions` : ''}: ${[...new Set(problemLines)].slice(0, 4).join(' | ') || none || '(no error text)'}`;
  }
  return { ok, tps, failed, processed, latencyMs, exitCode, problem, output, command };
}
