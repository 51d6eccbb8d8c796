// Array functions over Postgres array literal text: array_agg, ARRAY[...], length/cardinality,
// subscripts, array_to_string, @>, &&, array_position, = ANY. Elements compare by their text.
import type Database from 'better-sqlite3';
import { arrayElements, formatArray, parseArrayLiteral, quoteArrayElement, type ArrayElement } from './arrays.js';
import { aggregate, scalar, strict } from './define.js';
import { compare } from './numeric-decimal.js';
import { toDecimal } from './numeric-values.js';
import { parseBool } from './scalar-input.js';
import { asBool, asFloat, asInt, asText, isNull, type SqlValue } from './sql-values.js';
import { elementStorage } from './array-elements.js';
import { arrayElementType, canonicalType, storageToText } from './storage-text.js';

/** Array element text of a storage value of `elemType` (arrays of arrays keep the inner literal). */
export function elementText(value: SqlValue, elemType: string): string | null {
  if (isNull(value)) return null;
  return storageToText(value, elemType, 'output');
}

function isArrayType(type: string): boolean {
  return arrayElementType(type) !== null;
}

function literalOf(values: SqlValue[], elemType: string): string {
  if (isArrayType(elemType)) {
    // ARRAY[ARRAY[1,2], ARRAY[3,4]] is two-dimensional: inner literals are nested as they are.
    return `{${values.map((v) => (isNull(v) ? 'NULL' : asText(v))).join(',')}}`;
  }
  return `{${values.map((v) => quoteArrayElement(elementText(v, elemType))).join(',')}}`;
}

type AggState = { values: SqlValue[]; type: string };

export function registerArrayFunctions(db: Database.Database): void {
  aggregate<AggState>(db, 'pgf_array_agg', {
    start: () => ({ values: [], type: 'text' }),
    step: (state, value, elemType) => {
      state.values.push(value ?? null);
      state.type = asText(elemType ?? 'text');
      return state;
    },
    inverse: (state) => {
      state.values.shift();
      return state;
    },
    result: (state) => (state.values.length > 0 ? literalOf(state.values, state.type) : null),
  });
  scalar(db, 'pgf_array_literal', (elemType, ...values) => literalOf(values, asText(elemType ?? 'text')));
  scalar(db, 'pgf_array_length', strict((a, dim) => {
    let level: ArrayElement[] = parseArrayLiteral(asText(a));
    for (let d = 1; d < asInt(dim); d++) {
      const first = level[0];
      if (!Array.isArray(first)) return null;
      level = first;
    }
    return level.length === 0 ? null : level.length;
  }));
  scalar(db, 'pgf_cardinality', strict((a) => arrayElements(asText(a)).length));
  // pgf_array_get(a, i [, elemType]): with the element type the result is in its storage form
  // (an int4[] element comes back as INTEGER); without it, as the element's text.
  scalar(db, 'pgf_array_get', (a, i, elemType) => {
    if (isNull(a) || isNull(i)) return null;
    const items = parseArrayLiteral(asText(a));
    const item = items[asInt(i) - 1];
    if (item === undefined || item === null) return null;
    if (Array.isArray(item)) return formatArray(item);
    return elemType === undefined || isNull(elemType) ? item : elementStorage(item, asText(elemType));
  });
  scalar(db, 'pgf_array_to_string', (a, sep, nullText) => {
    if (isNull(a) || isNull(sep)) return null;
    const parts = arrayElements(asText(a))
      .map((e) => (e === null ? (isNull(nullText) ? null : asText(nullText ?? null)) : e))
      .filter((e): e is string => e !== null);
    return parts.join(asText(sep));
  });
  scalar(db, 'pgf_array_contains', strict((a, b) => {
    const have = new Set(arrayElements(asText(a)).filter((e) => e !== null));
    return arrayElements(asText(b)).every((e) => e !== null && have.has(e)) ? 1 : 0;
  }));
  scalar(db, 'pgf_array_overlap', strict((a, b) => {
    const have = new Set(arrayElements(asText(a)).filter((e) => e !== null));
    return arrayElements(asText(b)).some((e) => e !== null && have.has(e)) ? 1 : 0;
  }));
  // pgf_array_position(a, x [, elemType]) and pgf_any_eq(x, a [, elemType]): with the element type, values
  // compare as that type (1.0 = 1 for numeric, 'true' = t for bool); without it, by their text.
  scalar(db, 'pgf_array_position', (a, x, elemType) => {
    if (isNull(a)) return null;
    const same = matcher(x ?? null, elemType);
    const i = arrayElements(asText(a)).findIndex((e) => (e === null ? isNull(x ?? null) : !isNull(x ?? null) && same(e)));
    return i < 0 ? null : i + 1;
  });
  // x = ANY(a): true if some element equals, else NULL if x or some element is NULL, else false.
  scalar(db, 'pgf_any_eq', (x, a, elemType) => {
    if (isNull(a)) return null;
    const elements = arrayElements(asText(a));
    if (elements.length === 0) return 0;
    if (isNull(x)) return null;
    const same = matcher(x, elemType);
    if (elements.some((e) => e !== null && same(e))) return 1;
    return elements.includes(null) ? null : 0;
  });
}

/** Equality of an array element's text with a value, as the element type compares. */
function matcher(x: SqlValue, elemType: SqlValue | undefined): (element: string) => boolean {
  if (isNull(x)) return () => false;
  const type = elemType === undefined || isNull(elemType) ? null : canonicalType(asText(elemType));
  switch (type) {
    case 'int2': case 'int4': case 'int8': case 'numeric': {
      const wanted = toDecimal(typeof x === 'string' && /^\s*[+-]?\d+\s*$/.test(x) ? BigInt(x.trim()) : x);
      return (e) => compare(toDecimal(e), wanted) === 0;
    }
    case 'float4': case 'float8': {
      const wanted = asFloat(x);
      return (e) => asFloat(e) === wanted || (Number.isNaN(wanted) && /^NaN$/.test(e));
    }
    case 'bool': {
      const wanted = typeof x === 'string' ? parseBool(x) === 1 : asBool(x);
      return (e) => (parseBool(e) === 1) === wanted;
    }
    default: {
      const wanted = asText(x);
      return (e) => e === wanted;
    }
  }
}
