// The session's settings (SET/SHOW/RESET), kept by the connector since no Postgres holds them.
// Transactional like Postgres: a rolled-back SET is undone, SET LOCAL lasts until the transaction ends.
import { fixedOffset, isKnownZone } from './functions/timezone.js';
import { parseDuration } from './sqlite-duration.js';

/** Settings whose changes Postgres reports to the client with ParameterStatus (GUC_REPORT). */
const REPORTED = new Map([
  ['application_name', 'application_name'],
  ['client_encoding', 'client_encoding'],
  ['datestyle', 'DateStyle'],
  ['timezone', 'TimeZone'],
  ['intervalstyle', 'IntervalStyle'],
  ['standard_conforming_strings', 'standard_conforming_strings'],
  ['integer_datetimes', 'integer_datetimes'],
  ['is_superuser', 'is_superuser'],
  ['server_encoding', 'server_encoding'],
  ['server_version', 'server_version'],
  ['session_authorization', 'session_authorization'],
]);

export const SERVER_VERSION = '15.18';

export function defaultSettings(user: string): Map<string, string> {
  return new Map([
    ['application_name', ''],
    ['client_encoding', 'UTF8'],
    ['datestyle', 'ISO, MDY'],
    ['timezone', 'UTC'],
    ['intervalstyle', 'postgres'],
    ['standard_conforming_strings', 'on'],
    ['integer_datetimes', 'on'],
    ['is_superuser', 'off'],
    ['server_encoding', 'UTF8'],
    ['server_version', SERVER_VERSION],
    ['server_version_num', '150018'],
    ['session_authorization', user],
    ['search_path', '"$user", public'],
    ['statement_timeout', '0'],
    ['lock_timeout', '0'],
    ['idle_in_transaction_session_timeout', '0'],
    ['transaction_isolation', 'serializable'],
    ['default_transaction_isolation', 'serializable'],
    ['transaction_read_only', 'off'],
    ['max_identifier_length', '63'],
    ['extra_float_digits', '1'],
    ['bytea_output', 'hex'],
    ['lc_messages', 'C'],
    ['lc_monetary', 'C'],
    ['lc_numeric', 'C'],
    ['lc_time', 'C'],
    ['synchronous_commit', 'on'],
    ['work_mem', '4MB'],
    ['row_security', 'on'],
  ]);
}

const READ_ONLY = new Set(['server_version', 'server_version_num', 'server_encoding', 'integer_datetimes', 'is_superuser', 'max_identifier_length', 'session_authorization']);

/** What differs per backend: its name in version(), and whether TimeZone may be other than UTC (SQLite stores UTC only). */
export type SettingsOptions = { readonly backend: string; readonly anyTimeZone: boolean };

const SQLITE_OPTIONS: SettingsOptions = { backend: 'SQLite', anyTimeZone: false };

export type SetOutcome = { ok: true; reported: [string, string] | null } | { ok: false; code: string; message: string };

export class SessionSettings {
  private values: Map<string, string>;
  private readonly defaults: Map<string, string>;
  /** Values at transaction start (restored by a rollback), and SET LOCAL's originals (restored at the end). */
  private atTxStart: Map<string, string> | null = null;
  private localOriginals: Map<string, string> | null = null;
  /** Settings changed since the worker last saw them. */
  dirty: Record<string, string> | null = null;

  constructor(
    user: string,
    startup: Readonly<Record<string, string>>,
    database?: string,
    private readonly options: SettingsOptions = SQLITE_OPTIONS,
  ) {
    this.defaults = defaultSettings(user);
    // Read by version() and current_database() (pgf_setting), and by the emulated pg_database.
    this.defaults.set('pgfabric.version_string', `PostgreSQL ${SERVER_VERSION} (pgfabric, ${options.backend} backend)`);
    if (database !== undefined) this.defaults.set('pgfabric.database', database);
    for (const [k, v] of Object.entries(startup)) {
      const name = k.toLowerCase();
      if (name === 'options' || READ_ONLY.has(name)) continue;
      this.defaults.set(name, v);
    }
    this.values = new Map(this.defaults);
    this.dirty = Object.fromEntries(this.values);
  }

  get(name: string): string | undefined {
    return this.values.get(name.toLowerCase());
  }

  /** Every current value, by lower-case name. */
  get all(): ReadonlyMap<string, string> {
    return this.values;
  }

  /** statement_timeout / lock_timeout in milliseconds (0: none). */
  millis(name: 'statement_timeout' | 'lock_timeout'): number {
    return parseDuration(this.values.get(name) ?? '0') ?? 0;
  }

  set(rawName: string, value: string | null, local: boolean, inTransaction: boolean): SetOutcome {
    const name = rawName.toLowerCase();
    if (READ_ONLY.has(name)) return { ok: false, code: '55P02', message: `parameter "${name}" cannot be changed` };
    const next = value ?? this.defaults.get(name) ?? '';
    const utc = /^(utc|etc\/utc|z|gmt|utc0|\+?0+(:00)?)$/i.test(next);
    // Named zones only: Postgres reads a numeric offset as POSIX (positive west of Greenwich), which is not emulated.
    const namedZone = this.options.anyTimeZone && fixedOffset(next) === null && isKnownZone(next);
    if (name === 'timezone' && !utc && !namedZone) {
      const only = this.options.anyTimeZone ? 'UTC or a named time zone such as Europe/Paris' : 'only UTC';
      return { ok: false, code: this.options.anyTimeZone ? '22023' : '0A000', message: `time zone "${next}" is not supported on ${this.options.backend} backends (${only})` };
    }
    if ((name === 'statement_timeout' || name === 'lock_timeout') && parseDuration(next) === null) {
      return { ok: false, code: '22023', message: `invalid value for parameter "${name}": "${next}"` };
    }
    if (name === 'client_encoding' && !/^(utf-?8|unicode)$/i.test(next)) {
      return { ok: false, code: '0A000', message: `client_encoding "${next}" is not supported (only UTF8)` };
    }
    const stored = name === 'timezone' ? (utc ? 'UTC' : next) : name === 'client_encoding' ? 'UTF8' : next;
    if (local && inTransaction) {
      this.localOriginals ??= new Map();
      if (!this.localOriginals.has(name)) this.localOriginals.set(name, this.values.get(name) ?? '');
    }
    if (!local || inTransaction) this.assign(name, stored);
    const display = REPORTED.get(name);
    return { ok: true, reported: display ? [display, stored] : null };
  }

  resetAll(): [string, string][] {
    const reported: [string, string][] = [];
    for (const [name, value] of this.defaults) {
      if (this.values.get(name) === value) continue;
      this.assign(name, value);
      const display = REPORTED.get(name);
      if (display) reported.push([display, value]);
    }
    return reported;
  }

  transactionStarted(): void {
    this.atTxStart = new Map(this.values);
  }

  /** The transaction ended: SET LOCAL values go, and on rollback every SET made in it. Returns settings to report. */
  transactionEnded(committed: boolean): [string, string][] {
    const restore = committed ? this.localOriginals : this.atTxStart;
    const before = new Map(this.values);
    if (restore) for (const [k, v] of restore) this.assign(k, v);
    this.atTxStart = null;
    this.localOriginals = null;
    const reported: [string, string][] = [];
    for (const [name, display] of REPORTED) {
      const v = this.values.get(name);
      if (v !== undefined && v !== before.get(name)) reported.push([display, v]);
    }
    return reported;
  }

  /** The worker restarted: its new connection knows none of the settings. */
  resendAll(): void {
    this.dirty = Object.fromEntries(this.values);
  }

  takeDirty(): Record<string, string> | null {
    const d = this.dirty;
    this.dirty = null;
    return d;
  }

  private assign(name: string, value: string): void {
    this.values.set(name, value);
    (this.dirty ??= {})[name] = value;
  }
}
