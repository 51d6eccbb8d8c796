// String functions with Postgres semantics (character-based, NULL-strict unless noted).
import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { formatArray } from './arrays.js';
import { scalar, strict } from './define.js';
import { pgError } from './errors.js';
import { likeRegExp, pgRegExp } from './like-regex.js';
import { asBigInt, asBool, asInt, asText, isNull, type SqlValue } from './sql-values.js';

const chars = (s: string): string[] => [...s];

function pad(s: string, n: number, fill: string, left: boolean): string {
  const c = chars(s);
  if (n <= c.length) return c.slice(0, Math.max(n, 0)).join('');
  const f = chars(fill);
  if (f.length === 0) return s;
  const padding: string[] = [];
  for (let i = 0; padding.length < n - c.length; i++) padding.push(f[i % f.length] ?? '');
  return left ? padding.join('') + s : s + padding.join('');
}

export function initcap(s: string): string {
  let out = '';
  let inWord = false;
  for (const c of s) {
    out += inWord ? c.toLowerCase() : c.toUpperCase();
    inWord = /[\p{L}\p{N}]/u.test(c);
  }
  return out;
}

const RESERVED = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast', 'check',
  'collate', 'column', 'constraint', 'create', 'current_date', 'current_role', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for',
  'foreign', 'from', 'grant', 'group', 'having', 'in', 'initially', 'intersect', 'into', 'lateral', 'leading', 'limit',
  'localtime', 'localtimestamp', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary',
  'references', 'returning', 'select', 'session_user', 'some', 'symmetric', 'table', 'then', 'to', 'trailing', 'true',
  'union', 'unique', 'user', 'using', 'variadic', 'when', 'where', 'window', 'with',
]);

export function quoteIdent(s: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(s) && !RESERVED.has(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

export function quoteLiteral(s: string): string {
  const body = s.replace(/'/g, "''");
  return s.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/** format(): %s, %I, %L, %% and positional %n$s. */
export function formatText(fmt: string, args: SqlValue[]): string {
  let next = 0;
  return fmt.replace(/%(?:(\d+)\$)?([sIL%])?/g, (_whole, position: string | undefined, kind: string | undefined) => {
    if (kind === undefined) throw pgError('22023', 'unterminated format() type specifier');
    if (kind === '%') return '%';
    const index = position !== undefined ? Number(position) - 1 : next;
    next = index + 1;
    if (index >= args.length) throw pgError('22023', 'too few arguments for format()');
    const value = args[index] ?? null;
    if (kind === 's') return isNull(value) ? '' : asText(value);
    if (kind === 'I') {
      if (isNull(value)) throw pgError('22004', 'null values cannot be formatted as an SQL identifier');
      return quoteIdent(asText(value));
    }
    return isNull(value) ? 'NULL' : quoteLiteral(asText(value));
  });
}

function regexpReplacement(replacement: string): string {
  // Postgres: \1..\9 groups, \& whole match, \\ backslash; JS uses $n, $&, and $ must be doubled.
  return replacement.replace(/\$/g, '$$$$').replace(/\\([1-9&\\])/g, (_m, c: string) => (c === '\\' ? '\\' : `$${c}`));
}

export function stringToArray(s: string, delimiter: string | null, nullString: string | null): string {
  if (s === '') return '{}';
  let parts: string[];
  if (delimiter === null) parts = chars(s);
  else if (delimiter === '') parts = [s];
  else parts = s.split(delimiter);
  return formatArray(parts.map((p) => (nullString !== null && p === nullString ? null : p)));
}

export function registerTextFunctions(db: Database.Database): void {
  scalar(db, 'pgf_like', strict((text, pattern, escape, ci) =>
    likeRegExp(asText(pattern), escape === undefined ? '\\' : asText(escape), ci !== undefined && asBool(ci)).test(asText(text)) ? 1 : 0));
  scalar(db, 'pgf_regex', strict((text, pattern, flags) =>
    pgRegExp(asText(pattern), flags === undefined ? '' : asText(flags).replace('g', '')).test(asText(text)) ? 1 : 0));
  scalar(db, 'pgf_regexp_replace', strict((s, p, r, flags) =>
    asText(s).replace(pgRegExp(asText(p), flags === undefined ? '' : asText(flags)), regexpReplacement(asText(r)))));
  scalar(db, 'pgf_regexp_match', strict((s, p, flags) => {
    const m = pgRegExp(asText(p), flags === undefined ? '' : asText(flags).replace('g', '')).exec(asText(s));
    if (!m) return null;
    return formatArray(m.length > 1 ? m.slice(1).map((g) => g ?? null) : [m[0]]);
  }));
  // substring(s from pattern): the first parenthesised group when the pattern has one, else the match.
  scalar(db, 'pgf_regexp_substr', strict((s, p) => {
    const m = pgRegExp(asText(p), '').exec(asText(s));
    if (!m) return null;
    return m.length > 1 ? (m[1] ?? null) : m[0];
  }));
  scalar(db, 'pgf_split_part', strict((s, d, n) => {
    const parts = asText(d) === '' ? [asText(s)] : asText(s).split(asText(d));
    const i = asInt(n);
    if (i === 0) throw pgError('22023', 'field position must not be zero');
    return (i > 0 ? parts[i - 1] : parts[parts.length + i]) ?? '';
  }));
  scalar(db, 'pgf_initcap', strict((s) => initcap(asText(s))));
  scalar(db, 'pgf_lpad', strict((s, n, fill) => pad(asText(s), asInt(n), fill === undefined ? ' ' : asText(fill), true)));
  scalar(db, 'pgf_rpad', strict((s, n, fill) => pad(asText(s), asInt(n), fill === undefined ? ' ' : asText(fill), false)));
  scalar(db, 'pgf_left', strict((s, n) => {
    const c = chars(asText(s));
    const k = asInt(n);
    return (k >= 0 ? c.slice(0, k) : c.slice(0, Math.max(0, c.length + k))).join('');
  }));
  scalar(db, 'pgf_right', strict((s, n) => {
    const c = chars(asText(s));
    const k = asInt(n);
    return (k >= 0 ? c.slice(Math.max(0, c.length - k)) : c.slice(Math.min(c.length, -k))).join('');
  }));
  scalar(db, 'pgf_repeat', strict((s, n) => asText(s).repeat(Math.max(0, asInt(n)))));
  scalar(db, 'pgf_reverse', strict((s) => chars(asText(s)).reverse().join('')));
  scalar(db, 'pgf_strpos', strict((s, sub) => {
    const i = asText(s).indexOf(asText(sub));
    return i < 0 ? 0 : chars(asText(s).slice(0, i)).length + 1;
  }));
  scalar(db, 'pgf_translate', strict((s, from, to) => {
    const f = chars(asText(from));
    const t = chars(asText(to));
    return chars(asText(s)).map((c) => {
      const i = f.indexOf(c);
      return i < 0 ? c : (t[i] ?? '');
    }).join('');
  }));
  scalar(db, 'pgf_md5', strict((s) => createHash('md5').update(Buffer.isBuffer(s) ? s : Buffer.from(asText(s), 'utf8')).digest('hex')));
  scalar(db, 'pgf_concat', (...args) => args.filter((a) => !isNull(a)).map(asText).join(''));
  scalar(db, 'pgf_concat_ws', (sep, ...args) => (isNull(sep) ? null : args.filter((a) => !isNull(a)).map(asText).join(asText(sep))));
  scalar(db, 'pgf_format', (fmt, ...args) => (isNull(fmt) ? null : formatText(asText(fmt), args)));
  scalar(db, 'pgf_chr', strict((n) => {
    const code = asInt(n);
    if (code === 0) throw pgError('54000', 'null character not permitted');
    if (code < 0 || code > 0x10ffff) throw pgError('54000', 'requested character too large for encoding: ' + code);
    return String.fromCodePoint(code);
  }));
  scalar(db, 'pgf_ascii', strict((s) => asText(s).codePointAt(0) ?? 0));
  scalar(db, 'pgf_starts_with', strict((s, p) => (asText(s).startsWith(asText(p)) ? 1 : 0)));
  scalar(db, 'pgf_string_to_array', (s, d, n) =>
    isNull(s) ? null : stringToArray(asText(s), isNull(d) ? null : asText(d), n === undefined || isNull(n) ? null : asText(n)));
  scalar(db, 'pgf_quote_ident', strict((s) => quoteIdent(asText(s))));
  scalar(db, 'pgf_quote_literal', strict((s) => quoteLiteral(asText(s))));
  // to_hex(n [, bits]): negatives in two's complement of 32 bits (int) or 64 (bigint, or when out of int range).
  scalar(db, 'pgf_to_hex', strict((n, bits) => {
    const v = asBigInt(n);
    const width = bits !== undefined ? asInt(bits) : v >= -(2n ** 31n) && v < 2n ** 31n ? 32 : 64;
    return BigInt.asUintN(width, v).toString(16);
  }));
  scalar(db, 'pgf_gen_random_uuid', () => randomUUID(), false);
  scalar(db, 'pgf_random', () => Math.random(), false, true);
}
