// Storage form → Postgres text output of a type, for casts to text and for the connector's output.
import { formatBytea } from './bytea.js';
import { formatFloat4, formatFloat8 } from './float-format.js';
import { asText, numberText, type SqlValue } from './sql-values.js';

/** The element type of an array type name (`_int4` or `int4[]`), or null for a non-array type. */
export function arrayElementType(type: string): string | null {
  const t = type.trim();
  if (t.endsWith('[]')) return t.slice(0, -2);
  if (t.startsWith('_')) return t.slice(1);
  return null;
}

/** Normalises a type name: `int4`/`integer` → `int4`, `boolean` → `bool`, … */
export function canonicalType(type: string): string {
  const t = type.trim().toLowerCase();
  const aliases: Record<string, string> = {
    boolean: 'bool', integer: 'int4', int: 'int4', smallint: 'int2', bigint: 'int8',
    real: 'float4', 'double precision': 'float8', float: 'float8', decimal: 'numeric',
    'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz',
    'time without time zone': 'time', 'character varying': 'varchar', character: 'bpchar', char: 'bpchar',
  };
  return aliases[t] ?? t.replace(/\(.*\)$/, '');
}

/**
 * Postgres text of a stored value. `boolStyle` 'cast' gives true/false (`bool::text`), 'output' gives t/f
 * (what a client receives in a text-format DataRow).
 */
export function storageToText(value: SqlValue, type: string, boolStyle: 'cast' | 'output' = 'cast'): string | null {
  if (value === null || value === undefined) return null;
  switch (canonicalType(type)) {
    case 'bool': {
      const truthy = typeof value === 'string' ? /^(1|t|true)$/i.test(value) : Number(value) !== 0;
      return boolStyle === 'cast' ? (truthy ? 'true' : 'false') : truthy ? 't' : 'f';
    }
    case 'float8':
      return typeof value === 'number' ? formatFloat8(value) : asText(value);
    case 'float4':
      return typeof value === 'number' ? formatFloat4(value) : asText(value);
    case 'bytea':
      return Buffer.isBuffer(value) ? formatBytea(value) : formatBytea(Buffer.from(asText(value), 'utf8'));
    case 'bpchar':
      return boolStyle === 'cast' ? asText(value).replace(/ +$/, '') : asText(value);
    default:
      return typeof value === 'number' ? numberText(value) : asText(value);
  }
}
