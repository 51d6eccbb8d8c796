// Array element text → the storage form of the element type (the inverse of array output).
import { parseBytea } from './bytea.js';
import { intResult } from './define.js';
import { formatDecimal } from './numeric-decimal.js';
import { toDecimal } from './numeric-values.js';
import { parseBool } from './scalar-input.js';
import type { SqlValue } from './sql-values.js';
import { canonicalType } from './storage-text.js';

/** An array element's text → the storage form of its type (the inverse of array output). */
export function elementStorage(text: string | null, elemType: string): SqlValue {
  if (text === null) return null;
  switch (canonicalType(elemType)) {
    case 'int2': case 'int4': case 'int8': return intResult(BigInt(text));
    case 'bool': return BigInt(parseBool(text));
    case 'float4': case 'float8': return /^-?(NaN|Infinity)$/.test(text) ? text : Number(text);
    case 'numeric': return formatDecimal(toDecimal(text));
    case 'bytea': return parseBytea(text);
    default: return text;
  }
}

