// Owns describing where and with what the benchmark ran: CPU, cores, memory, load, tool versions.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import { REPO_ROOT } from './pgfabric-child.js';

const run = promisify(execFile);

export type Machine = { cpuModel: string; nproc: number; memGiB: number; kernel: string };

export async function describeMachine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?';
  return { cpuModel, nproc: os.availableParallelism(), memGiB: os.totalmem() / 2 ** 30, kernel: `${os.type()} ${os.release()}` };
}

export function loadAverage(): string {
  return os.loadavg().map((n) => n.toFixed(2)).join(' / ');
}

export async function pgbenchVersion(): Promise<string> {
  const { stdout } = await run('pgbench', ['--version']);
  return stdout.trim();
}

export async function pgfabricRevision(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(`${REPO_ROOT}package.json`, 'utf8')) as { version?: string };
    const { stdout: sha } = await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT });
    const { stdout: dirty } = await run('git', ['status', '--porcelain', '--', 'src', 'connectors', 'protocol', 'rewrite'], { cwd: REPO_ROOT });
    return `${pkg.version ?? '?'} (git ${sha.trim()}${dirty.trim() ? ', uncommitted changes in src/connectors/protocol/rewrite' : ''})`;
  } catch {
    return '?';
  }
}

/** Share of all CPUs busy over `ms` (from /proc/stat), in percent: background load when idle. */
export async function cpuBusyPercent(ms: number): Promise<number | null> {
  const sample = async () => {
    const stat = await readFile('/proc/stat', 'utf8');
    const fields = (stat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { idle, total };
  };
  try {
    const a = await sample();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const b = await sample();
    const total = b.total - a.total;
    return total > 0 ? (100 * (total - (b.idle - a.idle))) / total : null;
  } catch {
    return null;
  }
}
