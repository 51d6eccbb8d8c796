// The pgf_* functions behind the emulated catalog: format_type, regtype/regclass input, pg_size_pretty,
// pg_encoding_to_char, pg_get_serial_sequence's parsing, array || array and array_upper for the catalog's
// array columns, and raising a Postgres error from SQL (a missing relation in a ::regclass cast).
import type Database from 'better-sqlite3';
import { formatType, typeOidByName } from '../catalog/catalog-types.js';
import { formatArray, parseArrayLiteral } from './arrays.js';
import { scalar, strict } from './define.js';
import { pgError } from './errors.js';
import { asBigInt, asInt, asText, isNull } from './sql-values.js';

export function registerCatalogFunctions(db: Database.Database): void {
  scalar(db, 'pgf_catalog_error', (code, message) => {
    throw pgError(asText(code ?? 'XX000'), asText(message ?? 'catalog error'));
  });
  scalar(db, 'pgf_format_type', (oid, typmod) => (isNull(oid) ? null : formatType(asInt(oid), isNull(typmod) ? null : asInt(typmod))));
  scalar(db, 'pgf_regtype_in', strict((name) => {
    const oid = typeOidByName(asText(name));
    if (oid === null) throw pgError('42704', `type "${asText(name)}" does not exist`);
    return oid;
  }));
  scalar(db, 'pgf_regclass_name', strict((name) => regclassName(asText(name))));
  scalar(db, 'pgf_size_pretty', strict((bytes) => sizePretty(asBigInt(bytes))));
  scalar(db, 'pgf_encoding_to_char', strict((n) => ({ 0: 'SQL_ASCII', 6: 'UTF8' } as Record<number, string>)[asInt(n)] ?? ''));
  scalar(db, 'pgf_serial_sequence', strict((adbin) => {
    const m = /^nextval\('([^']+)'::regclass\)$/.exec(asText(adbin));
    if (!m) return null;
    return m[1]!.includes('.') ? m[1]! : 'public.' + m[1]!;
  }));
  scalar(db, 'pgf_array_cat', (a, b) => {
    if (isNull(a)) return isNull(b) ? null : asText(b);
    if (isNull(b)) return asText(a);
    return formatArray([...parseArrayLiteral(asText(a)), ...parseArrayLiteral(asText(b))]);
  });
  scalar(db, 'pgf_array_upper', strict((a, dim) => {
    const items = parseArrayLiteral(asText(a));
    if (asInt(dim) !== 1 || items.length === 0) return null;
    return items.length;
  }));
}

/** regclass input text (`t`, `public.t`, `"T"`, `db.public.t`) → the relation name, or null when the schema is not one the file has. */
function regclassName(input: string): string | null {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."\s]+))\s*(\.|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null) {
    parts.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.toLowerCase());
    if (m[3] === '' || re.lastIndex >= input.length) break;
  }
  if (parts.length === 0 || parts.length > 3) return null;
  if (parts.length > 1 && !['public', 'pg_catalog', 'main'].includes(parts[parts.length - 2]!)) return null;
  return parts[parts.length - 1]!;
}

/** Postgres 15's pg_size_pretty: bytes below 10 kB, then kB, MB, GB, TB, keeping one extra bit for rounding half up. */
function sizePretty(bytes: bigint): string {
  const limit = 10n * 1024n;
  const limit2 = limit * 2n - 1n;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  const half = (x: bigint): bigint => (x + (x < 0n ? -1n : 1n)) / 2n;
  if (abs(bytes) < limit) return `${bytes} bytes`;
  let size = bytes / 512n;
  for (const unit of ['kB', 'MB', 'GB']) {
    if (abs(size) < limit2) return `${half(size)} ${unit}`;
    size /= 1024n;
  }
  return `${half(size)} TB`;
}
