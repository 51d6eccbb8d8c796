// The zod schema of the raw configuration file: exactly the keys of the contract plus the optional
// extensions (`pool.acquireTimeoutMs|idleTimeoutMs|connectTimeoutMs|maxPreparedStatements`, `limits`). Every object is
// strict, so a misspelt key is an error rather than a silently ignored setting. Checks that need
// more than one value (unknown backend, duplicate ids...) live in check-cross-references.ts.
import { z } from 'zod';
import { parseMssqlUrl } from './mssql-url.js';
import { parsePostgresUrl, type UrlParseResult } from './postgres-url.js';

/** A tenant id is written into rewritten SQL as a literal, so only these characters are accepted. */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const TENANT_ID_MESSAGE = 'must be a UUID or 1-64 characters from A-Z a-z 0-9 _ - (it is embedded in SQL)';
// Unquoted Postgres identifiers are folded to lower case; accepting other spellings here would
// give names that never match a resolved relation, i.e. a rule that silently never applies.
const IDENTIFIER = /^[a-z_][a-z0-9_$]{0,62}$/;
const QUALIFIED_NAME = /^[a-z_][a-z0-9_$]{0,62}\.[a-z_][a-z0-9_$]{0,62}$/;
const SCHEMA_KEY = /^(\*|[a-z_][a-z0-9_$]{0,62})$/;
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
const NAME_MESSAGE = 'names use A-Z a-z 0-9 _ . - (at most 63 characters)';
const MiB = 1024 * 1024;

/** A strict object whose unknown-key message lists the keys that are allowed. */
function strict<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key (allowed: ${allowed})` : undefined),
  });
}

/** Strings of digits become numbers, so `port: ${PORT}` works although substitution yields strings. */
function int(min: number, max: number) {
  const digitsToNumber = (v: unknown) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v);
  return z.preprocess(
    digitsToNumber,
    z.number().int(`must be a whole number`).min(min, `must be >= ${min}`).max(max, `must be <= ${max}`),
  );
}

const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());
const text = z.string().min(1, 'must not be empty');
const port = int(0, 65535);
const millis = (min: number) => int(min, 24 * 60 * 60 * 1000);
const name = z.string().regex(NAME, NAME_MESSAGE);

function validUrl<T>(parse: (text: string) => UrlParseResult<T>) {
  return z.string().superRefine((value, ctx) => {
    const parsed = parse(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });
}

const poolSchema = strict({
  max: int(1, 10_000).default(20),
  acquireTimeoutMs: millis(1).default(5000),
  idleTimeoutMs: millis(1).default(60_000),
  connectTimeoutMs: millis(1).default(5000),
  maxPreparedStatements: int(1, 100_000).default(500),
});

const backendSchema = z.discriminatedUnion('kind', [
  strict({ kind: z.literal('postgres'), url: validUrl(parsePostgresUrl), pool: poolSchema.prefault({}) }),
  strict({ kind: z.literal('sqlite'), file: text }),
  strict({ kind: z.literal('mssql'), url: validUrl(parseMssqlUrl) }),
]);

const roleSchema = strict({
  schemas: z.record(
    z.string().regex(SCHEMA_KEY, 'schema names are lower-case identifiers, or "*" for every schema'),
    z.enum(['none', 'read', 'write', 'ddl']),
  ),
});

/** Per-tenant limits: a noisy tenant cannot starve a quiet one sharing the same backend. */
const tenantLimitsSchema = strict({
  maxClients: int(1, 100_000).optional(),
  maxServerConnections: int(1, 10_000).optional(),
  statementsPerSecond: int(1, 10_000_000).optional(),
  statementTimeoutMs: millis(1).optional(),
  idleTimeoutMs: millis(1).optional(),
  idleInTransactionTimeoutMs: millis(1).optional(),
});

const tenantSchema = strict({
  id: z.string().regex(TENANT_ID_PATTERN, TENANT_ID_MESSAGE),
  backend: text,
  region: text.optional(),
  limits: tenantLimitsSchema.optional(),
});

const userSchema = strict({
  name: z.string().min(1, 'must not be empty').max(63, 'must be at most 63 characters'),
  password: text,
  role: text,
  tenants: z.array(text).default([]),
});

export const configSchema = strict({
  listen: strict({ host: text.default('127.0.0.1'), port: port.default(6432) }).prefault({}),
  tls: strict({ cert: text, key: text, required: bool.default(false) }).optional(),
  metrics: strict({ host: text.default('127.0.0.1'), port }).optional(),
  tenantColumn: z.string().regex(IDENTIFIER, 'must be a lower-case column name').default('tenant_id'),
  crossSchemaJoins: z.enum(['block', 'warn', 'allow']).default('block'),
  appendOnly: z
    .array(z.string().regex(QUALIFIED_NAME, 'expected schema.table in lower case (e.g. finance.journal_entries)'))
    .default([]),
  /** User-defined functions tenant roles may call (schema.function); built-ins follow pgfabric's allow-list. */
  allowedFunctions: z.array(z.string().regex(QUALIFIED_NAME, 'expected schema.function in lower case (e.g. app.order_total)')).default([]),
  roles: z.record(name, roleSchema).default({}),
  backends: z.record(name, backendSchema),
  tenants: z.record(name, tenantSchema),
  users: z.array(userSchema),
  /** Hash-chained audit log: a JSON-lines file, optionally mirrored to a table in a control-plane Postgres. */
  audit: strict({ file: text, postgres: validUrl(parsePostgresUrl).optional() }).optional(),
  limits: strict({
    maxMessageSize: int(1024, 1024 * MiB).default(64 * MiB),
    drainTimeoutMs: millis(0).default(30_000),
    startupTimeoutMs: millis(1).default(10_000),
    /** Statements slower than this are logged (fingerprint, normalized text); 0 turns the slow-query log off. */
    slowQueryMs: millis(0).default(1000),
  }).prefault({}),
});

export type RawConfig = z.output<typeof configSchema>;
