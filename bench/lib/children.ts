// Owns the child processes the runner starts (pgfabric, PgBouncer, pgbench) and tearing them down:
// each child leads its own process group, so a Ctrl-C in the terminal reaches only the runner, which
// then ends every group it started (SIGTERM, then SIGKILL after a grace period). An 'exit' hook
// SIGKILLs whatever is still alive if the runner dies some other way.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export type Child = {
  name: string;
  proc: ChildProcess;
  /** Resolves when the child has exited and its output pipes are closed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the child wrote, when output is captured (not for log-to-file children). */
  output(): string;
  stop(graceMs?: number): Promise<void>;
};

const live = new Set<Child>();
let exitHookInstalled = false;

export function startChild(
  name: string,
  command: string,
  args: string[],
  opts: SpawnOptions & { logFile?: string } = {},
): Child {
  installExitHook();
  const { logFile, ...spawnOpts } = opts;
  const proc = spawn(command, args, { ...spawnOpts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let captured = '';
  let log: WriteStream | undefined;
  if (logFile) {
    log = createWriteStream(logFile, { flags: 'a' });
    proc.stdout?.pipe(log, { end: false });
    proc.stderr?.pipe(log, { end: false });
  } else {
    proc.stdout?.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
    proc.stderr?.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('error', (err) => {
      captured += `\n[spawn error] ${err.message}\n`;
      resolve({ code: 127, signal: null });
    });
    // 'close' waits for the pipes, so output() is complete once this resolves.
    proc.once('close', (code, signal) => resolve({ code, signal }));
  });
  const child: Child = {
    name,
    proc,
    exited,
    output: () => captured,
    stop: async (graceMs = 5000) => {
      await killGroup(child, graceMs);
      log?.end();
    },
  };
  live.add(child);
  void exited.then(() => {
    live.delete(child);
  });
  return child;
}

async function killGroup(child: Child, graceMs: number): Promise<void> {
  if (!live.has(child)) return;
  signalGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await child.exited;
  }
}

function signalGroup(child: Child, signal: NodeJS.Signals): void {
  const pid = child.proc.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((c) => c.stop()));
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) signalGroup(child, 'SIGKILL');
  });
}

/** Runs a command to completion and returns its output (stdout + stderr) and exit code. */
export async function runToEnd(
  name: string,
  command: string,
  args: string[],
  opts: SpawnOptions & { timeoutMs?: number } = {},
): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  const { timeoutMs, ...spawnOpts } = opts;
  const child = startChild(name, command, args, spawnOpts);
  let timedOut = false;
  const timer = timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        void child.stop(2000);
      }, timeoutMs)
    : undefined;
  const { code } = await child.exited;
  if (timer) clearTimeout(timer);
  return { code, output: child.output(), timedOut };
}
