// Turns the schema's output into the runtime ResolvedConfig: URLs split into parts, relative paths
// made absolute against the config file's directory, TLS files read, and every password turned
// into SCRAM keys exactly once (the plain password is not kept).
import { resolve } from 'node:path';
import { parseScramVerifier, scramKeysFromPassword, type ScramKeys } from '../../protocol/scram.js';
import type { ConfigProblem } from './config-problem.js';
import type { RawConfig } from './config-schema.js';
import { parsePostgresUrl } from './postgres-url.js';
import { readTlsFiles } from './read-tls-files.js';
import type { AuditConfig, BackendConfig, ResolvedConfig, RoleConfig, TenantConfig, UserConfig } from './resolved-config.js';

export type ResolveOptions = { baseDir: string; sourcePath?: string };
export type ResolveResult = { ok: true; config: ResolvedConfig } | { ok: false; problems: ConfigProblem[] };

const SCRAM_PREFIX = 'SCRAM-SHA-256$';
const SCRAM_ITERATIONS = 4096;
const MD5_HASH = /^md5[0-9a-f]{32}$/;

type RawBackend = RawConfig['backends'][string];

function resolveBackend(name: string, raw: RawBackend, baseDir: string, problems: ConfigProblem[]): BackendConfig | undefined {
  if (raw.kind === 'sqlite') return { kind: 'sqlite', name, file: resolve(baseDir, raw.file) };
  if (raw.kind === 'mssql') return { kind: 'mssql', name, url: raw.url };
  const parsed = parsePostgresUrl(raw.url);
  if (!parsed.ok) {
    problems.push({ path: ['backends', name, 'url'], message: parsed.message });
    return undefined;
  }
  return { kind: 'postgres', name, url: raw.url, ...parsed.value, pool: { ...raw.pool } };
}

function resolveAudit(raw: NonNullable<RawConfig['audit']>, baseDir: string, problems: ConfigProblem[]): AuditConfig | undefined {
  const file = resolve(baseDir, raw.file);
  if (raw.postgres === undefined) return { file };
  const parsed = parsePostgresUrl(raw.postgres);
  if (!parsed.ok) {
    problems.push({ path: ['audit', 'postgres'], message: parsed.message });
    return undefined;
  }
  return { file, postgres: { url: raw.postgres, ...parsed.value } };
}

function userKeys(password: string, index: number, problems: ConfigProblem[]): ScramKeys | undefined {
  if (password.startsWith(SCRAM_PREFIX)) {
    const keys = parseScramVerifier(password);
    if (keys === null) {
      const message = 'malformed SCRAM-SHA-256 verifier (expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>)';
      problems.push({ path: ['users', index, 'password'], message });
    }
    return keys ?? undefined;
  }
  if (MD5_HASH.test(password)) {
    problems.push({ path: ['users', index, 'password'], message: 'md5 hashes are not supported; use a plain password or a SCRAM-SHA-256 verifier' });
    return undefined;
  }
  return scramKeysFromPassword(password, undefined, SCRAM_ITERATIONS);
}

function resolveUsers(raw: RawConfig['users'], problems: ConfigProblem[]): Map<string, UserConfig> {
  const users = new Map<string, UserConfig>();
  raw.forEach((user, index) => {
    const scram = userKeys(user.password, index, problems);
    if (scram !== undefined) users.set(user.name, { name: user.name, role: user.role, tenants: [...user.tenants], scram });
  });
  return users;
}

function mapEntries<Raw, Out>(record: Record<string, Raw>, build: (name: string, raw: Raw) => Out | undefined): Map<string, Out> {
  const out = new Map<string, Out>();
  for (const [name, raw] of Object.entries(record)) {
    const value = build(name, raw);
    if (value !== undefined) out.set(name, value);
  }
  return out;
}

export function resolveConfig(raw: RawConfig, options: ResolveOptions): ResolveResult {
  const problems: ConfigProblem[] = [];
  const { tls, problems: tlsProblems } = readTlsFiles(raw.tls, options.baseDir);
  problems.push(...tlsProblems);
  const backends = mapEntries(raw.backends, (name, backend) => resolveBackend(name, backend, options.baseDir, problems));
  const users = resolveUsers(raw.users, problems);
  const audit = raw.audit && resolveAudit(raw.audit, options.baseDir, problems);
  if (problems.length > 0) return { ok: false, problems };
  const roles = mapEntries(raw.roles, (name, role): RoleConfig => ({ name, schemas: { ...role.schemas } }));
  const tenants = mapEntries(raw.tenants, (name, tenant): TenantConfig => {
    const { id, backend, region, limits } = tenant;
    return { name, id, backend, ...(region === undefined ? {} : { region }), ...(limits === undefined ? {} : { limits: stripUndefined(limits) }) };
  });
  const config: ResolvedConfig = {
    listen: { ...raw.listen },
    tenantColumn: raw.tenantColumn,
    crossSchemaJoins: raw.crossSchemaJoins,
    appendOnly: [...raw.appendOnly],
    allowedFunctions: [...raw.allowedFunctions],
    roles,
    backends,
    tenants,
    users,
    limits: { ...raw.limits },
  };
  if (options.sourcePath !== undefined) config.sourcePath = options.sourcePath;
  if (tls !== undefined) config.tls = tls;
  if (raw.metrics !== undefined) config.metrics = { ...raw.metrics };
  if (audit !== undefined) config.audit = audit;
  return { ok: true, config };
}

function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
