// Holds the current Catalog of each backend and decides when it is (re)loaded. The loader does the
// I/O; the store owns versions, deduplication and ordering:
// - get() loads on first use and shares one in-flight load among concurrent callers;
// - refresh() always starts a new load, even when one is in flight: a load that began before the
//   DDL that prompted the refresh may have read the old catalog, so joining it would be wrong;
// - every load is stamped, when it starts, with a version from one process-wide counter, so versions
//   are unique across backends and stores (a store recreated on RELOAD cannot reuse a version that
//   a statement-cache key still holds) and increase in the order loads start;
// - a load that finishes after a later-started one has been stored does not replace it, and a load
//   that was in flight across invalidateAll() is never stored;
// - a failed load rejects its callers and leaves no trace: the previous catalog stays current and
//   the next get() starts a fresh load.
import type { Catalog } from '../../rewrite/catalog/catalog.js';

export type CatalogLoader = (backendName: string) => Promise<Catalog>;

type BackendState = {
  current: Catalog | undefined;
  inflight: Promise<Catalog> | undefined;
  inflightVersion: number;
};

let lastVersion = 0;

function nextCatalogVersion(): number {
  lastVersion += 1;
  return lastVersion;
}

export class CatalogStore {
  private states = new Map<string, BackendState>();

  constructor(private readonly loader: CatalogLoader) {}

  /** The current catalog, loading it first if there is none (sharing a load already in flight). */
  get(backend: string): Promise<Catalog> {
    const state = this.state(backend);
    if (state.current) return Promise.resolve(state.current);
    return state.inflight ?? this.startLoad(backend, state);
  }

  /** The current catalog without waiting; undefined before the first load completes. */
  current(backend: string): Catalog | undefined {
    return this.states.get(backend)?.current;
  }

  /** Loads anew (after DDL, say); the result gets a version greater than any before it. */
  refresh(backend: string): Promise<Catalog> {
    return this.startLoad(backend, this.state(backend));
  }

  /** Forgets every catalog; the next get() of each backend loads again. */
  invalidateAll(): void {
    this.states = new Map();
  }

  private state(backend: string): BackendState {
    let state = this.states.get(backend);
    if (!state) {
      state = { current: undefined, inflight: undefined, inflightVersion: 0 };
      this.states.set(backend, state);
    }
    return state;
  }

  private startLoad(backend: string, state: BackendState): Promise<Catalog> {
    const version = nextCatalogVersion();
    const load = this.load(backend, state, version);
    state.inflight = load;
    state.inflightVersion = version;
    return load;
  }

  // The bookkeeping lives inside this one async function (no .then/.finally chains beside it), so a
  // failed load produces exactly one rejected promise: the one its callers hold. The loader is called
  // on a later microtask: a loader that threw synchronously would otherwise run the finally block
  // before startLoad had recorded the load as in flight, leaving a rejected promise there for good.
  private async load(backend: string, state: BackendState, version: number): Promise<Catalog> {
    try {
      const loaded = await Promise.resolve().then(() => this.loader(backend));
      const catalog: Catalog = { ...loaded, version };
      // After invalidateAll() `state` is detached from the map, so a load that straddled it lands nowhere.
      if (state.current === undefined || state.current.version < version) {
        state.current = catalog;
      }
      return catalog;
    } finally {
      if (state.inflightVersion === version) {
        state.inflight = undefined;
      }
    }
  }
}
