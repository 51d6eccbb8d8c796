// One client's view of the rules: its tenant, role, search_path and the backend's current catalog,
// turned into the rewriter's context. The context object (and its cache key) is rebuilt only when the
// search_path or the catalog changes, so the per-statement cost is two identity checks.
import { relationKey, type Catalog, type CatalogRelation } from '../../rewrite/catalog/catalog.js';
import type { RewriteContext } from '../../rewrite/statement-rewriter.js';
import type { TenantContext } from '../../rewrite/tenant/tenant-context.js';
import type { BackendCatalogs } from '../catalog/backend-catalogs.js';
import type { ResolvedConfig, TenantConfig } from '../config/resolved-config.js';

export class TenantScope {
  private readonly defaultSearchPath: readonly string[];
  /** The backend login's name: what "$user" in search_path stands for. */
  private readonly backendUser: string;
  private searchPath: readonly string[];
  private builtFor: { catalog: Catalog; searchPath: readonly string[]; temps: number } | null = null;
  /** Temporary tables this client created (another connection's introspection cannot see them). */
  private readonly temps = new Map<string, CatalogRelation>();
  private tempVersion = 0;
  private context: RewriteContext | null = null;

  constructor(
    private readonly config: ResolvedConfig,
    readonly tenant: TenantConfig,
    readonly role: string,
    private readonly catalogs: BackendCatalogs,
  ) {
    const backend = config.backends.get(tenant.backend);
    this.backendUser = backend?.kind === 'postgres' ? backend.user : '';
    // Postgres's default search_path is "$user", public; "$user" is the backend login's name.
    this.defaultSearchPath = [this.backendUser, 'public'].filter((s) => s !== '');
    this.searchPath = this.defaultSearchPath;
  }

  get tenantColumn(): string {
    return this.config.tenantColumn;
  }

  get backend(): string {
    return this.tenant.backend;
  }

  /** The rewriter's context for the next statement; null before the catalog was ever loaded. */
  current(): RewriteContext | null {
    const catalog = this.catalogs.current(this.tenant.backend);
    if (!catalog) return null;
    const built = this.builtFor;
    if (this.context && built && built.catalog === catalog && built.searchPath === this.searchPath && built.temps === this.tempVersion) return this.context;
    this.builtFor = { catalog, searchPath: this.searchPath, temps: this.tempVersion };
    this.context = { cacheKey: this.cacheKey(catalog), tenant: this.tenantContext(this.withTemps(catalog)) };
    return this.context;
  }

  addTempTables(created: readonly { name: string; columns: string[] }[]): void {
    this.tempVersion++;
    for (const t of created) {
      this.temps.set(t.name, { schema: 'pg_temp', name: t.name, kind: 'table', columns: t.columns, readsTenantScoped: false, temporary: true });
    }
  }

  private withTemps(catalog: Catalog): Catalog {
    if (this.temps.size === 0) return catalog;
    const relations = new Map(catalog.relations);
    for (const rel of this.temps.values()) relations.set(relationKey('pg_temp', rel.name), rel);
    return { ...catalog, relations };
  }

  setSearchPath(path: readonly string[] | null): void {
    this.searchPath = path === null ? this.defaultSearchPath : path.map((s) => (s === '$user' ? this.backendUser : s));
  }

  private cacheKey(catalog: Catalog): string {
    const temps = this.temps.size === 0 ? '' : `t${this.tempVersion}`;
    return [this.tenant.name, this.role, this.searchPath.join(','), catalog.version, temps].join('\u0001');
  }

  private tenantContext(catalog: Catalog): TenantContext {
    const config = this.config;
    return {
      tenantId: this.tenant.id,
      tenantColumn: config.tenantColumn,
      roleName: this.role,
      schemas: config.roles.get(this.role)?.schemas ?? {},
      searchPath: this.searchPath,
      crossSchemaJoins: config.crossSchemaJoins,
      appendOnly: new Set(config.appendOnly),
      allowedFunctions: new Set(config.allowedFunctions),
      catalog,
      channelPrefix: channelPrefix(this.tenant),
    };
  }
}

/** The per-tenant prefix of LISTEN/NOTIFY channel names. */
export function channelPrefix(tenant: TenantConfig): string {
  return tenant.name + ':';
}
