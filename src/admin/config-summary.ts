// SHOW CONFIG: the running configuration as key/value lines, without secrets. Passwords never appear:
// users are not listed (SHOW CLIENTS names who is connected), backend and audit URLs are rebuilt from
// their parts without credentials or query parameters (a libpq URL may carry ?password=).
import type { BackendConfig, PostgresTarget, ResolvedConfig } from '../config/resolved-config.js';

export type ConfigLine = readonly [key: string, value: string];

export function configSummary(config: ResolvedConfig): ConfigLine[] {
  const lines: ConfigLine[] = [];
  const add = (key: string, value: unknown): void => void lines.push([key, String(value)]);
  if (config.sourcePath) add('file', config.sourcePath);
  flatten('listen', config.listen, add);
  if (config.tls) add('tls', `cert ${config.tls.cert}, key ${config.tls.key}, required ${config.tls.required}`);
  if (config.metrics) flatten('metrics', config.metrics, add);
  add('tenantColumn', config.tenantColumn);
  add('crossSchemaJoins', config.crossSchemaJoins);
  add('appendOnly', config.appendOnly.join(', '));
  add('allowedFunctions', config.allowedFunctions.join(', '));
  for (const role of config.roles.values()) {
    add(`roles.${role.name}`, Object.entries(role.schemas).map(([schema, level]) => `${schema}: ${level}`).join(', '));
  }
  for (const backend of config.backends.values()) {
    add(`backends.${backend.name}`, backendAddress(backend));
    if (backend.kind === 'postgres') flatten(`backends.${backend.name}.pool`, backend.pool, add);
  }
  add('tenants', config.tenants.size);
  add('users', config.users.size);
  flatten('limits', config.limits, add);
  if (config.audit) {
    add('audit.file', config.audit.file);
    if (config.audit.postgres) add('audit.postgres', postgresAddress(config.audit.postgres));
  }
  return lines;
}

/** Scalar members of a settings object, one line each (so new settings show up without a change here). */
function flatten(prefix: string, object: object, add: (key: string, value: unknown) => void): void {
  for (const [key, value] of Object.entries(object)) {
    if (value === null || typeof value !== 'object') add(`${prefix}.${key}`, value);
  }
}

function backendAddress(backend: BackendConfig): string {
  switch (backend.kind) {
    case 'postgres':
      return `postgres ${postgresAddress(backend)}`;
    case 'sqlite':
      return `sqlite ${backend.file}`;
    case 'mssql':
      return `mssql ${urlWithoutSecrets(backend.url)}`;
  }
}

export function postgresAddress(target: PostgresTarget): string {
  return `postgres://${target.user}@${target.host}:${target.port}/${target.database} sslmode=${target.sslMode}`;
}

function urlWithoutSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${parsed.username}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(url not shown)';
  }
}
