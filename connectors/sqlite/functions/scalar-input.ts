// Input conversions of the scalar types: text (or another storage value) → storage form,
// with Postgres' errors. Exported for the connector's Bind parameter conversion.
import { parseBytea } from './bytea.js';
import { invalidInput, outOfRange, pgError } from './errors.js';
import { roundAt, formatDecimal } from './numeric-decimal.js';
import { toDecimal } from './numeric-values.js';
import { asText, type SqlValue } from './sql-values.js';

const INT_TYPES: Record<number, { name: string; min: bigint; max: bigint }> = {
  16: { name: 'smallint', min: -32768n, max: 32767n },
  32: { name: 'integer', min: -2147483648n, max: 2147483647n },
  64: { name: 'bigint', min: -(2n ** 63n), max: 2n ** 63n - 1n },
};

/** Text → boolean (0/1): t/true/yes/on/1 and f/false/no/off/0, unique prefixes, any case. */
export function parseBool(text: string): 0 | 1 {
  const s = text.trim().toLowerCase();
  if (s.length > 0) {
    if ('true'.startsWith(s) || 'yes'.startsWith(s) || s === 'on' || s === '1') return 1;
    if ('false'.startsWith(s) || 'no'.startsWith(s) || (s.length >= 2 && 'off'.startsWith(s)) || s === '0') return 0;
  }
  throw invalidInput('boolean', text);
}

/**
 * Any storage value → integer of `bits` (16/32/64). Text must be an integer literal (22P02 otherwise);
 * a REAL rounds half to even (float→int cast); with `fromNumeric` text rounds half away (numeric→int).
 */
export function toInteger(value: SqlValue, bits: number, fromNumeric = false): bigint {
  const type = INT_TYPES[bits] ?? INT_TYPES[32];
  if (!type) throw pgError('XX000', 'bad integer width');
  let result: bigint;
  if (typeof value === 'bigint') result = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw outOfRange(`${type.name} out of range`);
    const floor = Math.floor(value);
    const diff = value - floor;
    const even = diff === 0.5 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(value);
    result = BigInt(even);
  } else {
    const text = asText(value);
    if (fromNumeric) {
      const d = toDecimal(text);
      if (d.kind !== 'finite') throw pgError('22003', `cannot convert ${d.kind === 'nan' ? 'NaN' : 'infinity'} to ${type.name}`);
      result = BigInt(formatDecimal(roundAt(d, 0)));
    } else {
      if (!/^\s*[+-]?\d+\s*$/.test(text)) throw invalidInput(type.name, text);
      result = BigInt(text.trim());
      if (result < type.min || result > type.max) throw outOfRange(`value "${text}" is out of range for type ${type.name}`);
    }
  }
  if (result < type.min || result > type.max) throw outOfRange(`${type.name} out of range`);
  return result;
}

/** Text → float8 storage: a REAL, or the TEXT 'NaN' / 'Infinity' / '-Infinity'. */
export function toFloat(value: SqlValue, typeName = 'double precision'): number | string {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const text = asText(value);
  const s = text.trim().toLowerCase();
  if (s === 'nan') return 'NaN';
  if (s === 'infinity' || s === '+infinity' || s === 'inf' || s === '+inf') return 'Infinity';
  if (s === '-infinity' || s === '-inf') return '-Infinity';
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) throw invalidInput(typeName, text);
  const n = Number(s);
  if (!Number.isFinite(n)) throw outOfRange(`"${text.trim()}" is out of range for type ${typeName}`);
  return n;
}

export function parseUuid(text: string): string {
  const compact = text.trim().replace(/^\{(.*)\}$/, '$1');
  const hex = compact.replace(/-/g, '');
  // Postgres accepts hyphens only after groups of four hex digits.
  if (!/^[0-9a-fA-F]{32}$/.test(hex) || !/^([0-9a-fA-F]{4}-?){7}[0-9a-fA-F]{4}$/.test(compact)) throw invalidInput('uuid', text);
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function toBytea(value: SqlValue): Buffer {
  if (Buffer.isBuffer(value)) return value;
  return parseBytea(asText(value));
}

/** char(n): pad with spaces; too long is 22001 unless the excess is spaces (or the cast is explicit). */
export function toChar(text: string, n: number, explicit = false): string {
  const chars = [...text];
  if (chars.length > n) {
    if (!explicit && chars.slice(n).some((c) => c !== ' ')) throw pgError('22001', `value too long for type character(${n})`);
    return chars.slice(0, n).join('');
  }
  return text + ' '.repeat(n - chars.length);
}

/** varchar(n): 22001 when too long unless the excess is spaces (or the cast is explicit, which truncates). */
export function toVarchar(text: string, n: number, explicit = false): string {
  const chars = [...text];
  if (chars.length <= n) return text;
  if (!explicit && chars.slice(n).some((c) => c !== ' ')) throw pgError('22001', `value too long for type character varying(${n})`);
  return chars.slice(0, n).join('');
}
