// Runs libpq command-line clients (psql, pgbench) as child processes against a running proxy: finds
// them on PATH, gives them a clean PG* environment, and checks pgbench's own report.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type RunResult = { code: number; stdout: string; stderr: string };

/** The full path of an executable on PATH, or null. */
export function onPath(name: string): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Environment for libpq clients: the caller's, minus PG* settings that would redirect them. */
export function clientEnv(password: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  env['PGPASSWORD'] = password;
  env['PGCONNECT_TIMEOUT'] = '10';
  env['PGGSSENCMODE'] = 'disable';
  env['PGSSLMODE'] = 'prefer';
  env['PGAPPNAME'] = 'pgfabric-compat';
  return env;
}

export function runClient(file: string, args: string[], opts: { password: string; cwd: string; timeoutMs?: number }): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve) => {
    execFile(file, args, { env: clientEnv(opts.password), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, cwd: opts.cwd }, (err, stdout, stderr) => {
      let code = 0;
      if (err) {
        const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string };
        code = typeof e.code === 'number' ? e.code : -1;
        if (e.killed || e.signal) stderr += `\n[killed by ${e.signal ?? 'timeout'} after ${timeoutMs} ms]`;
      }
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Throws with the client's output when it did not exit 0. */
export function assertExitedOk(r: RunResult, what: string): void {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\nstderr:\n${r.stderr}\nstdout:\n${r.stdout.slice(0, 4000)}`);
}

export type PgbenchReport = { processed: number; failed: number; tps: number };

/** pgbench's own summary lines; throws naming what is missing. */
export function parsePgbenchReport(r: RunResult, what: string): PgbenchReport {
  const out = r.stdout;
  const failed = /number of failed transactions: (\d+)/.exec(out);
  const processed = /number of transactions actually processed: (\d+)/.exec(out);
  const tps = /^tps = ([0-9.]+)/m.exec(out);
  if (!failed || !processed || !tps) throw new Error(`${what}: pgbench report incomplete\nstdout:\n${out}\nstderr:\n${r.stderr}`);
  return { failed: Number(failed[1]), processed: Number(processed[1]), tps: Number(tps[1]) };
}
