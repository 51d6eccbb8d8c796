// Owns the runner's command line: flags, their defaults, and the help text.
export type BenchOptions = {
  rounds: number;
  seconds: number;
  quick: boolean;
  only: RegExp | null;
  pool: number;
  scale: number;
  /** fsync, synchronous_commit and full_page_writes off on the (shared) Postgres server. */
  fast: boolean;
  /** pgbench's tables get a tenant_id column, so pgfabric's tenant rules add predicates and fill INSERTs. */
  tenantRules: boolean;
  /** Do not look for PgBouncer even when it is installed. */
  noPgbouncer: boolean;
  /** The arguments exactly as given, for the results file. */
  argv: string[];
};

export const USAGE = `usage: npm run bench -- [flags]   (or: node dist/bench/pgbench.js [flags])
  --rounds N       rounds per scenario; each round runs every target once, A/B/C order (default 3)
  --seconds N      length of one pgbench run, -T (default 10)
  --quick          smoke run: 1 round of 3 s (overrides --rounds/--seconds)
  --only REGEX     run only the scenarios whose name matches (e.g. --only 'S c8|tpcb')
  --pool N         server connections: pgfabric pool.max and PgBouncer default_pool_size (default 20)
  --scale N        pgbench -i -s N (default 10)
  --fast           Postgres with fsync/synchronous_commit/full_page_writes off (all targets share it)
  --no-pgbouncer   skip PgBouncer even if it is installed
  --tenant-rules   add tenant_id (the bench tenant's id) to pgbench's tables: pgfabric's rules then filter every
                   statement and fill every INSERT (direct and PgBouncer run the same statements unfiltered)
  --help           this text`;

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const opts: BenchOptions = {
    rounds: 3,
    seconds: 10,
    quick: false,
    only: null,
    pool: 20,
    scale: 10,
    fast: false,
    noPgbouncer: false,
    tenantRules: false,
    argv: [...argv],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--rounds': opts.rounds = positiveInt(flag, value()); break;
      case '--seconds': opts.seconds = positiveInt(flag, value()); break;
      case '--pool': opts.pool = positiveInt(flag, value()); break;
      case '--scale': opts.scale = positiveInt(flag, value()); break;
      case '--quick': opts.quick = true; break;
      case '--fast': opts.fast = true; break;
      case '--no-pgbouncer': opts.noPgbouncer = true; break;
      case '--tenant-rules': opts.tenantRules = true; break;
      case '--only': opts.only = new RegExp(value()); break;
      case '--help': case '-h': return 'help';
      default: throw new Error(`unknown flag ${String(flag)}\n${USAGE}`);
    }
  }
  if (opts.quick) {
    opts.rounds = 1;
    opts.seconds = 3;
  }
  return opts;
}

function positiveInt(flag: string | undefined, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${String(flag)} must be a whole number >= 1, got "${text}"`);
  return n;
}
