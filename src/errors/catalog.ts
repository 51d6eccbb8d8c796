// The one catalog of errors pgfabric itself raises toward clients: code → SQLSTATE, severity and message
// template. Callers name a code and its parameters; the wire bytes come from here. A test fails when a
// code here is never used. (Backend errors pass through untouched; connector errors carry the SQLSTATE
// of the protocol fact they report.)
import { errorResponse } from '../../protocol/backend-encoder.js';

type Entry = { readonly sqlState: string; readonly severity: 'ERROR' | 'FATAL'; readonly message: string; readonly hint?: string };

export const ERROR_CATALOG = {
  'startup.expected_startup_packet': { sqlState: '08P01', severity: 'FATAL', message: 'expected a startup packet' },
  'startup.no_user': { sqlState: '28000', severity: 'FATAL', message: 'no PostgreSQL user name specified in startup packet' },
  'startup.tls_required': { sqlState: '28000', severity: 'FATAL', message: 'pgfabric requires TLS', hint: 'connect with sslmode=require' },
  'startup.data_after_ssl_request': { sqlState: '08P01', severity: 'FATAL', message: 'unexpected data after SSLRequest' },
  'startup.unsafe_setting': { sqlState: '0A000', severity: 'FATAL', message: '{problem}' },
  'startup.timeout': { sqlState: '08006', severity: 'FATAL', message: 'startup timed out' },
  'auth.unexpected_message': { sqlState: '08P01', severity: 'FATAL', message: 'expected {expected}' },
  'auth.mechanism_unsupported': { sqlState: '28000', severity: 'FATAL', message: 'SASL mechanism "{mechanism}" is not supported' },
  'auth.malformed_scram': { sqlState: '08P01', severity: 'FATAL', message: 'malformed SCRAM message: {reason}' },
  'auth.password_failed': { sqlState: '28P01', severity: 'FATAL', message: 'password authentication failed for user "{user}"' },
  'auth.tenant_not_allowed': { sqlState: '28000', severity: 'FATAL', message: 'user "{user}" is not allowed to connect to tenant "{tenant}"' },
  'auth.admin_console_denied': { sqlState: '28000', severity: 'FATAL', message: 'user "{user}" may not use the admin console (role "{role}")' },
  'auth.unknown_tenant': { sqlState: '3D000', severity: 'FATAL', message: 'database "{database}" does not exist' },
  // The admin console (src/admin): its command errors leave the session usable.
  'admin.syntax_error': { sqlState: '42601', severity: 'ERROR', message: '{message}' },
  'admin.unsupported': { sqlState: '0A000', severity: 'ERROR', message: '{message}' },
  'admin.extended_protocol': { sqlState: '0A000', severity: 'ERROR', message: 'the admin console speaks only the simple query protocol', hint: 'send each command as a plain query (psql, or a query without parameters)' },
  'admin.unknown_tenant': { sqlState: '3D000', severity: 'ERROR', message: 'tenant "{tenant}" does not exist' },
  'admin.already_paused': { sqlState: '55000', severity: 'ERROR', message: 'tenant "{tenant}" is already paused' },
  'admin.not_paused': { sqlState: '55000', severity: 'ERROR', message: 'tenant "{tenant}" is not paused' },
  'admin.reload_failed': { sqlState: 'F0000', severity: 'ERROR', message: 'the new configuration was refused; the old one keeps serving:\n{problems}' },
  'admin.reload_no_file': { sqlState: '55000', severity: 'ERROR', message: 'there is no config file to re-read (pgfabric was started without one: the embedded demo)' },
  'admin.internal_error': { sqlState: 'XX000', severity: 'ERROR', message: 'internal error (id {id})' },
  'admin.killed': { sqlState: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command (KILL {tenant})' },
  'protocol.invalid_message_format': { sqlState: '08P01', severity: 'ERROR', message: 'invalid message format' },
  'protocol.violation': { sqlState: '08P01', severity: 'FATAL', message: '{detail}' },
  'server.shutdown': { sqlState: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' },
  'server.tenant_removed': { sqlState: '57P01', severity: 'FATAL', message: 'tenant "{tenant}" was removed from the configuration' },
  // Tenant-rule refusals (rewrite/tenant/refusal.ts RULE_CODES): the message names the rule and the relation.
  'rule.syntax_error': { sqlState: '42601', severity: 'ERROR', message: '{message}' },
  'rule.statement_not_allowed': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.unsupported': { sqlState: '0A000', severity: 'ERROR', message: '{message}' },
  'rule.schema_permission': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.append_only': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.function_not_allowed': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.system_relation': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.view_hides_tenant': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.cross_schema_join': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.tenant_column_write': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.truncate_tenant_table': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'rule.unknown_relation': { sqlState: '42P01', severity: 'ERROR', message: '{message}' },
  'rule.verifier': { sqlState: '42501', severity: 'ERROR', message: '{message}' },
  'limits.too_many_clients': { sqlState: '53300', severity: 'FATAL', message: 'too many connections for tenant "{tenant}" (limit {max})' },
  'limits.rate_exceeded': { sqlState: '53400', severity: 'ERROR', message: 'statement rate limit of {rate} per second exceeded for tenant "{tenant}"' },
  'limits.idle_timeout': { sqlState: '57P05', severity: 'FATAL', message: 'terminating connection due to idle-session timeout' },
  'limits.idle_in_transaction_timeout': { sqlState: '25P03', severity: 'FATAL', message: 'terminating connection due to idle-in-transaction timeout' },
  'internal.error': { sqlState: 'XX000', severity: 'FATAL', message: 'internal error (id {id})' },
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? `{${name}}`);
}

/** The ErrorResponse bytes for a catalog error (`position`: 1-based character in the statement). */
export function pgError(code: ErrorCode, params: Readonly<Record<string, string>> = {}, position?: number): Buffer {
  const entry: Entry = ERROR_CATALOG[code];
  return errorResponse({
    severity: entry.severity,
    code: entry.sqlState,
    message: fill(entry.message, params),
    ...(entry.hint ? { hint: entry.hint } : {}),
    ...(position !== undefined ? { position: String(position) } : {}),
  });
}
