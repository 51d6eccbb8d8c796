// Checks that relate one part of the config to another: names that must exist (backends, roles,
// tenants), values that must be unique (user names, tenant ids) and reserved names. It reads the
// parsed document defensively rather than the schema's output, so these problems are reported
// together with schema problems elsewhere in the file; values of the wrong type are skipped here
// because the schema already reports them.
import type { ConfigProblem } from './config-problem.js';
import { formatPath } from './config-problem.js';

/** The database name of the admin console; no tenant may take it. */
export const ADMIN_DATABASE = 'pgfabric';
/** The built-in role of admin-console users. */
export const ADMIN_ROLE = 'admin';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Dict = Record<string, unknown>;

function asDict(value: unknown): Dict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : undefined;
}

function checkTenants(document: Dict, problems: ConfigProblem[]): void {
  const tenants = asDict(document['tenants']) ?? {};
  const backends = asDict(document['backends']);
  const idOwners = new Map<string, string>();
  for (const [name, value] of Object.entries(tenants)) {
    if (name === ADMIN_DATABASE) {
      problems.push({ path: ['tenants', name], message: `the name "${ADMIN_DATABASE}" is reserved for the admin console` });
    }
    const tenant = asDict(value) ?? {};
    const { backend, id } = tenant;
    if (typeof backend === 'string' && backends !== undefined && !Object.hasOwn(backends, backend)) {
      problems.push({ path: ['tenants', name, 'backend'], message: `unknown backend "${backend}"` });
    }
    if (typeof id !== 'string') continue;
    // uuid columns compare case-insensitively, so two spellings of one UUID are one tenant.
    const key = UUID.test(id) ? id.toLowerCase() : id;
    const owner = idOwners.get(key);
    if (owner === undefined) idOwners.set(key, name);
    else problems.push({ path: ['tenants', name, 'id'], message: `duplicate tenant id "${id}" (also tenant ${owner})` });
  }
}

function checkRoles(document: Dict, problems: ConfigProblem[]): void {
  const roles = asDict(document['roles']) ?? {};
  if (Object.hasOwn(roles, ADMIN_ROLE)) {
    problems.push({ path: ['roles', ADMIN_ROLE], message: `"${ADMIN_ROLE}" is the built-in admin console role and cannot be redefined` });
  }
}

function checkUser(document: Dict, index: number, user: Dict, problems: ConfigProblem[]): void {
  const roles = document['roles'] === undefined ? {} : asDict(document['roles']);
  const tenants = asDict(document['tenants']);
  const { role, tenants: userTenants } = user;
  if (typeof role === 'string' && role !== ADMIN_ROLE && roles !== undefined && !Object.hasOwn(roles, role)) {
    problems.push({ path: ['users', index, 'role'], message: `unknown role "${role}"` });
  }
  if (!Array.isArray(userTenants)) return;
  if (role === ADMIN_ROLE && userTenants.length > 0) {
    problems.push({ path: ['users', index, 'tenants'], message: 'the admin role reaches only the admin console; remove tenants' });
    return;
  }
  userTenants.forEach((tenant, position) => {
    if (typeof tenant === 'string' && tenants !== undefined && !Object.hasOwn(tenants, tenant)) {
      problems.push({ path: ['users', index, 'tenants', position], message: `unknown tenant "${tenant}"` });
    }
  });
}

function checkUsers(document: Dict, problems: ConfigProblem[]): void {
  const users = document['users'];
  if (!Array.isArray(users)) return;
  const firstIndex = new Map<string, number>();
  users.forEach((value, index) => {
    const user = asDict(value);
    if (user === undefined) return;
    checkUser(document, index, user, problems);
    const name = user['name'];
    if (typeof name !== 'string') return;
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else problems.push({ path: ['users', index, 'name'], message: `duplicate user "${name}" (also ${formatPath(['users', first])})` });
  });
}

export function checkCrossReferences(document: unknown): ConfigProblem[] {
  const root = asDict(document);
  if (root === undefined) return [];
  const problems: ConfigProblem[] = [];
  checkRoles(root, problems);
  checkTenants(root, problems);
  checkUsers(root, problems);
  return problems;
}
