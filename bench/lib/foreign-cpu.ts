// Owns estimating background load: CPU time used during a run by processes that are not ours (not
// descendants of the runner), from /proc/<pid>/stat. Processes that start and exit within the window
// are missed, so it is a lower bound. Result in CPUs (1.0 = one core busy for the whole window).
import { readdir, readFile } from 'node:fs/promises';

const CLK_TCK = 100; // USER_HZ, 100 on every Linux ABI Node runs on

type Proc = { ppid: number; ticks: number };

async function snapshot(): Promise<Map<number, Proc>> {
  const procs = new Map<number, Proc>();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        const stat = await readFile(`/proc/${e}/stat`, 'utf8').catch(() => '');
        // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (rest.length < 13) return;
        procs.set(Number(e), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
      }),
  );
  return procs;
}

function ours(procs: Map<number, Proc>): Set<number> {
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const mine = new Set<number>([process.pid]);
  const stack = [process.pid];
  while (stack.length) for (const c of children.get(stack.pop()!) ?? []) if (!mine.has(c)) (mine.add(c), stack.push(c));
  return mine;
}

export type ForeignCpuProbe = { stop(): Promise<number | null> };

export async function startForeignCpuProbe(): Promise<ForeignCpuProbe> {
  const before = await snapshot();
  const started = Date.now();
  return {
    stop: async () => {
      const after = await snapshot();
      const seconds = (Date.now() - started) / 1000;
      if (seconds <= 0 || after.size === 0) return null;
      const mine = ours(after);
      let ticks = 0;
      for (const [pid, p] of after) {
        if (mine.has(pid)) continue;
        ticks += p.ticks - (before.get(pid)?.ticks ?? 0);
      }
      return Math.max(0, ticks / CLK_TCK / seconds);
    },
  };
}
