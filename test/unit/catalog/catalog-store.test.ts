// CatalogStore's own contract: one load in flight per backend for get(), versions that only grow,
// refresh() never joining an older load, and failures that do not stick.
import { describe, expect, it } from 'vitest';
import { emptyCatalog, type Catalog } from '../../../rewrite/catalog/catalog.js';
import { CatalogStore } from '../../../src/catalog/catalog-store.js';

/** A loader whose loads the test settles by hand, in any order. */
function manualLoader() {
  const pending: { backend: string; resolve: (c: Catalog) => void; reject: (e: Error) => void }[] = [];
  const loader = (backend: string) =>
    new Promise<Catalog>((resolve, reject) => {
      pending.push({ backend, resolve, reject });
    });
  return { loader, pending };
}

async function flushMicrotasks(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('CatalogStore', () => {
  it('shares one load among concurrent get() calls and then serves the stored catalog', async () => {
    let calls = 0;
    const store = new CatalogStore(async () => {
      calls += 1;
      return emptyCatalog();
    });
    expect(store.current('main')).toBeUndefined();
    const [a, b, c] = await Promise.all([store.get('main'), store.get('main'), store.get('main')]);
    expect(calls).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(store.current('main')).toBe(a);
    expect(await store.get('main')).toBe(a);
    expect(calls).toBe(1);
  });

  it('loads each backend separately', async () => {
    const seen: string[] = [];
    const store = new CatalogStore(async (backend) => {
      seen.push(backend);
      return emptyCatalog();
    });
    const [one, two] = await Promise.all([store.get('one'), store.get('two')]);
    expect(seen.sort()).toEqual(['one', 'two']);
    expect(one.version).not.toBe(two.version);
  });

  it('stamps every load with a version greater than the previous one, whatever the loader says', async () => {
    const store = new CatalogStore(async () => emptyCatalog(0));
    const first = await store.get('main');
    const second = await store.refresh('main');
    const third = await store.refresh('main');
    expect(first.version).toBeGreaterThan(0);
    expect(second.version).toBeGreaterThan(first.version);
    expect(third.version).toBeGreaterThan(second.version);
    expect(store.current('main')).toBe(third);
    expect(await store.get('main')).toBe(third);
  });

  it('refresh() starts a new load instead of joining one in flight, and get() then joins the newer', async () => {
    const { loader, pending } = manualLoader();
    const store = new CatalogStore(loader);
    const early = store.get('main');
    const refreshed = store.refresh('main');
    const late = store.get('main');
    await flushMicrotasks();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(emptyCatalog());
    pending[0]?.resolve(emptyCatalog());
    const [e, r, l] = await Promise.all([early, refreshed, late]);
    expect(l).toBe(r);
    expect(r.version).toBeGreaterThan(e.version);
    // The older load finished last but does not replace the newer catalog.
    expect(store.current('main')).toBe(r);
  });

  it('rejects the callers of a failed load without poisoning later calls', async () => {
    let attempt = 0;
    const store = new CatalogStore(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('backend down');
      return emptyCatalog();
    });
    const [a, b] = await Promise.allSettled([store.get('main'), store.get('main')]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect(attempt).toBe(1);
    expect(store.current('main')).toBeUndefined();
    const ok = await store.get('main');
    expect(attempt).toBe(2);
    expect(store.current('main')).toBe(ok);
  });

  it('keeps the previous catalog when a refresh fails', async () => {
    let fail = false;
    const store = new CatalogStore(async () => {
      if (fail) throw new Error('backend down');
      return emptyCatalog();
    });
    const first = await store.get('main');
    fail = true;
    await expect(store.refresh('main')).rejects.toThrow('backend down');
    expect(store.current('main')).toBe(first);
    fail = false;
    const next = await store.refresh('main');
    expect(next.version).toBeGreaterThan(first.version);
  });

  it('survives a loader that throws synchronously', async () => {
    let attempt = 0;
    const store = new CatalogStore((() => {
      attempt += 1;
      if (attempt === 1) throw new Error('sync failure');
      return Promise.resolve(emptyCatalog());
    }) as (backend: string) => Promise<Catalog>);
    await expect(store.get('main')).rejects.toThrow('sync failure');
    const ok = await store.get('main');
    expect(store.current('main')).toBe(ok);
  });

  it('invalidateAll() forgets every catalog and never stores a load that was in flight across it', async () => {
    const { loader, pending } = manualLoader();
    const store = new CatalogStore(loader);
    const before = store.get('main');
    await flushMicrotasks();
    store.invalidateAll();
    expect(store.current('main')).toBeUndefined();
    const after = store.get('main');
    await flushMicrotasks();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve(emptyCatalog());
    const fresh = await after;
    pending[0]?.resolve(emptyCatalog());
    const stale = await before;
    expect(store.current('main')).toBe(fresh);
    expect(stale.version).toBeLessThan(fresh.version);

    store.invalidateAll();
    expect(store.current('main')).toBeUndefined();
    const reloaded = store.get('main');
    await flushMicrotasks();
    pending[2]?.resolve(emptyCatalog());
    expect((await reloaded).version).toBeGreaterThan(fresh.version);
  });
});
