// Owns the list of scenarios: which pgbench workload each one runs, independent of the target.
export type Scenario = {
  /** Stable name, matched by --only. */
  name: string;
  /** pgbench arguments besides connection, -T and -n. */
  args: string[];
  /** TPC-B writes: branches/tellers are vacuumed and history truncated before every run. */
  writes: boolean;
  /** Floor for -T: 400 clients each logging in with SCRAM take seconds to connect, which -T includes. */
  minSeconds?: number;
};

type Mode = 'simple' | 'extended' | 'prepared';
const MODES: readonly Mode[] = ['simple', 'extended', 'prepared'];

function clientArgs(clients: number): string[] {
  return clients >= 2 ? ['-c', String(clients), '-j', '2'] : ['-c', String(clients), '-j', '1'];
}

export function allScenarios(): Scenario[] {
  const list: Scenario[] = [];
  for (const clients of [1, 8, 64]) {
    for (const mode of MODES) {
      list.push({ name: `S c${clients} ${mode}`, args: ['-S', ...clientArgs(clients), '-M', mode], writes: false });
    }
  }
  list.push({ name: 'tpcb c8 simple', args: [...clientArgs(8), '-M', 'simple'], writes: true });
  list.push({ name: 'S c400 simple', args: ['-S', ...clientArgs(400), '-M', 'simple'], writes: false, minSeconds: 30 });
  list.push({ name: 'S -C c8 simple', args: ['-S', '-C', ...clientArgs(8), '-M', 'simple'], writes: false });
  return list;
}
