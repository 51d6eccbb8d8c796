// `pgfabric check`: validates the config file and probes every backend, printing one line per
// problem (`tenants.acme.backend: unknown backend "pg2"`, `backends.shared_pg: cannot reach ...`).
// Exit code 0 when all is well, 1 otherwise.
import { formatPath } from '../config/config-problem.js';
import { loadConfigFile } from '../config/load-config.js';
import { probeBackend } from '../config/probe-backends.js';

export async function checkCommand(configPath: string, out: (line: string) => void): Promise<number> {
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) {
    for (const problem of loaded.problems) out(problem);
    return 1;
  }
  const { config } = loaded;
  const backends = [...config.backends.values()];
  // Probed concurrently (one slow host must not add up), reported in config order.
  const results = await Promise.all(backends.map(async (backend) => ({ name: backend.name, problem: await probeBackend(backend) })));
  const problems = results.filter((result) => result.problem !== null);
  for (const { name, problem } of problems) out(`${formatPath(['backends', name])}: ${problem ?? ''}`);
  if (problems.length > 0) return 1;
  out(`config OK: ${config.tenants.size} tenants, ${config.backends.size} backends, ${config.users.size} users`);
  return 0;
}
