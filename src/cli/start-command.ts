// `pgfabric start [--config FILE]`: runs the proxy. Without a config file it starts the embedded demo
// (two tenants on SQLite files under ./.pgfabric-demo/, kept across restarts) and prints how to connect. SIGHUP reloads the
// config (a bad one is refused, line by line, and the old one keeps serving); SIGTERM/SIGINT drain.
import { existsSync, mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { loadConfigFile, parseConfigText } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { demoConfigObject, demoDir, demoPsqlLines } from '../demo/demo-config.js';
import { seedDemo } from '../demo/seed-demo.js';
import { createLogger } from '../observability/logger.js';
import { PgfabricServer } from '../server/pgfabric-server.js';

const DEFAULT_CONFIG = './pgfabric.yaml';

export async function startCommand(configPath: string | undefined, out: (line: string) => void): Promise<number> {
  const logger = createLogger();
  const path = configPath ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  const demo = !path;
  let config: ResolvedConfig;
  if (path) {
    const loaded = await loadConfigFile(path);
    if (!loaded.ok) {
      for (const problem of loaded.problems) out(problem);
      return 1;
    }
    config = loaded.config;
  } else {
    out(`no config file (./pgfabric.yaml): starting the embedded demo (SQLite files in ${demoDir}/)`);
    mkdirSync(demoDir, { recursive: true });
    const loaded = parseConfigText(JSON.stringify(demoConfigObject(demoDir)), 'json', { baseDir: process.cwd() });
    if (!loaded.ok) throw new Error(`demo config is invalid: ${loaded.problems.join('; ')}`);
    config = loaded.config;
  }
  const server = new PgfabricServer(config, logger);
  const address = await server.listen();
  if (demo) {
    try {
      await seedDemo(address.host, address.port);
    } catch (err) {
      await server.drain(2000);
      throw err;
    }
    out('pgfabric demo is running. Connect with:');
    for (const line of demoPsqlLines(address.host, address.port)) out(`  ${line}`);
  }
  installSignals(server, path, logger);
  return new Promise<number>(() => {}); // runs until a signal ends the process
}

function installSignals(server: PgfabricServer, path: string | undefined, logger: Logger): void {
  // SIGHUP and the admin console's RELOAD both re-read the file (a bad one is logged line by line and refused).
  if (path) server.configSource = () => loadConfigFile(path);
  process.on('SIGHUP', () => {
    if (!path) return logger.warn('SIGHUP ignored: the embedded demo has no config file to reload');
    void server.reloadFromSource();
  });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    void server
      .drain()
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  server.onShutdown = () => stop('SHUTDOWN');
  process.on('SIGINT', () => stop('SIGINT'));
}
