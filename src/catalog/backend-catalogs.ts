// The catalogs of all backends, as the sessions use them: loaded before a tenant's first session is
// ready, refreshed after DDL (debounced: the DDL may still be in an open transaction) and when a
// statement names a relation the catalog does not know (one refresh in flight per backend, and outside
// the window after DDL at most one per second, so unknown names cannot hammer the backend).
import pg from 'pg';
import type { Catalog } from '../../rewrite/catalog/catalog.js';
import type { BackendConfig, ResolvedConfig } from '../config/resolved-config.js';
import { CatalogStore } from './catalog-store.js';
import { loadPostgresCatalog } from './postgres-catalog-loader.js';
import { loadMssqlCatalog } from './mssql-catalog-loader.js';
import { loadSqliteCatalog } from './sqlite-catalog-loader.js';

const UNKNOWN_REFRESH_MIN_AGE_MS = 1000;
/** After DDL, an unknown relation always waits for a fresh catalog for this long (the DDL may commit late). */
const DDL_WINDOW_MS = 10_000;
const DDL_REFRESH_DELAYS_MS = [100, 2000];

export class BackendCatalogs {
  private readonly store: CatalogStore;
  private readonly loadedAt = new Map<string, number>();
  private readonly lastDdlAt = new Map<string, number>();
  private readonly unknownRefresh = new Map<string, Promise<Catalog>>();
  private readonly timers = new Map<string, NodeJS.Timeout[]>();

  constructor(private readonly config: () => ResolvedConfig) {
    this.store = new CatalogStore((backend) => this.load(backend));
  }

  get(backend: string): Promise<Catalog> {
    return this.store.get(backend);
  }

  current(backend: string): Catalog | undefined {
    return this.store.current(backend);
  }

  /** After DDL went through: refresh shortly, and again once its transaction has likely committed. */
  ddlSent(backend: string): void {
    this.lastDdlAt.set(backend, Date.now());
    for (const t of this.timers.get(backend) ?? []) clearTimeout(t);
    this.timers.set(backend, DDL_REFRESH_DELAYS_MS.map((ms) => {
      const timer = setTimeout(() => void this.store.refresh(backend).catch(() => undefined), ms);
      timer.unref();
      return timer;
    }));
  }

  /** A refresh worth waiting for before refusing an unknown relation, or null when the catalog is fresh. */
  refreshForUnknown(backend: string): Promise<Catalog> | null {
    const inflight = this.unknownRefresh.get(backend);
    if (inflight) return inflight;
    const now = Date.now();
    const age = now - (this.loadedAt.get(backend) ?? 0);
    const afterDdl = now - (this.lastDdlAt.get(backend) ?? -Infinity) < DDL_WINDOW_MS;
    if (!afterDdl && age < UNKNOWN_REFRESH_MIN_AGE_MS) return null;
    const load = this.store.refresh(backend).finally(() => this.unknownRefresh.delete(backend));
    this.unknownRefresh.set(backend, load);
    return load;
  }

  invalidateAll(): void {
    this.store.invalidateAll();
  }

  private async load(backendName: string): Promise<Catalog> {
    const config = this.config();
    const backend = config.backends.get(backendName);
    if (!backend) throw new Error(`unknown backend "${backendName}"`);
    const catalog = await loadCatalog(backend, config.tenantColumn);
    this.loadedAt.set(backendName, Date.now());
    return catalog;
  }
}

async function loadCatalog(backend: BackendConfig, tenantColumn: string): Promise<Catalog> {
  if (backend.kind === 'sqlite') return loadSqliteCatalog(backend.file, { version: 0, tenantColumn });
  if (backend.kind === 'mssql') return loadMssqlCatalog(backend.url, { version: 0, tenantColumn, backend: backend.name });
  const client = new pg.Client({
    host: backend.host,
    port: backend.port,
    user: backend.user,
    password: backend.password,
    database: backend.database,
    ssl: backend.sslMode === 'disable' || backend.sslMode === 'prefer' ? false : { rejectUnauthorized: backend.sslMode !== 'require' },
    application_name: 'pgfabric-catalog',
  });
  await client.connect();
  try {
    // version 0 is replaced by the store's own stamp.
    return await loadPostgresCatalog(client, { version: 0, tenantColumn });
  } finally {
    await client.end().catch(() => undefined);
  }
}
