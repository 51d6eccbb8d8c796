// JSON operators and functions. json values are kept as given (operators on json return source text);
// jsonb values are printed canonically. Where a SQL value must become JSON its Postgres type is passed
// along (`pgf_to_json(v, type)`, build functions take value/type pairs).
import type Database from 'better-sqlite3';
import { arrayElements, parseArrayLiteral, type ArrayElement } from './arrays.js';
import { formatBytea } from './bytea.js';
import { aggregate, scalar, strict } from './define.js';
import { pgError } from './errors.js';
import { formatFloat8 } from './float-format.js';
import { jsonbCanonical, jsonbText, jsonEqual, normalizeJsonb, parseJson, quoteJsonString, toJsonb, type Json } from './json-value.js';
import { compare, parseDecimal } from './numeric-decimal.js';
import { asInt, asText, isNull, type SqlValue } from './sql-values.js';
import { arrayElementType, canonicalType, storageToText } from './storage-text.js';

type Flavor = 'json' | 'jsonb';

/**
 * Operators return the source text of the value they reach unless told 'jsonb': jsonb storage is already
 * canonical, so a slice of it is canonical too, and json keeps its text as Postgres does.
 */
function flavorOf(value: SqlValue | undefined): Flavor {
  return value !== undefined && value !== null && asText(value).toLowerCase() === 'jsonb' ? 'jsonb' : 'json';
}

function read(value: SqlValue, flavor: Flavor): Json {
  return flavor === 'jsonb' ? toJsonb(asText(value)) : parseJson(asText(value));
}

function write(j: Json, flavor: Flavor): string {
  return flavor === 'jsonb' ? jsonbText(normalizeJsonb(j)) : j.src;
}

function child(j: Json, key: SqlValue): Json | null {
  if (typeof key === 'number' || typeof key === 'bigint') {
    if (j.t !== 'arr') return null;
    const i = Number(key);
    return j.items[i < 0 ? j.items.length + i : i] ?? null;
  }
  if (j.t === 'obj') {
    const k = asText(key);
    for (let n = j.entries.length - 1; n >= 0; n--) {
      const entry = j.entries[n];
      if (entry && entry[0] === k) return entry[1];
    }
    return null;
  }
  if (j.t === 'arr' && /^-?\d+$/.test(asText(key)) && typeof key !== 'string') return child(j, Number(key));
  return null;
}

function path(j: Json, steps: (string | null)[]): Json | null {
  let current: Json | null = j;
  for (const step of steps) {
    if (current === null || step === null) return null;
    if (current.t === 'arr') {
      if (!/^\s*-?\d+\s*$/.test(step)) return null;
      current = child(current, Number(step));
    } else current = child(current, step);
  }
  return current;
}

function asTextValue(j: Json | null, flavor: Flavor): string | null {
  if (j === null || j.t === 'null') return null;
  if (j.t === 'str') return j.v;
  return write(j, flavor);
}

function timestampJson(text: string): string {
  // to_json writes timestamps in ISO 8601: `T` separator and `+00:00` offsets.
  return text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
}

/** JSON text of a storage value of Postgres type `type` (as to_json). Arrays become JSON arrays. */
export function toJsonText(value: SqlValue, type: string): string {
  if (isNull(value)) return 'null';
  const t = type.trim().toLowerCase();
  const elemType = arrayElementType(t);
  if (elemType !== null) {
    const walk = (items: ArrayElement[]): string => `[${items.map((e) => (Array.isArray(e) ? walk(e) : e === null ? 'null' : toJsonText(e, elemType))).join(',')}]`;
    return walk(parseArrayLiteral(asText(value)));
  }
  switch (canonicalType(t)) {
    case 'bool': return typeof value === 'string' ? (/^(t|true|1)$/i.test(value) ? 'true' : 'false') : Number(value) !== 0 ? 'true' : 'false';
    case 'int2': case 'int4': case 'int8': return asText(value);
    case 'numeric': return /^-?(NaN|Infinity)$/.test(asText(value)) ? quoteJsonString(asText(value)) : asText(value);
    case 'float4': case 'float8': {
      const text = typeof value === 'number' ? formatFloat8(value) : asText(value);
      return /^-?(NaN|Infinity)$/.test(text) ? quoteJsonString(text) : text;
    }
    case 'json': return asText(value);
    case 'jsonb': return jsonbCanonical(asText(value));
    case 'timestamp': case 'timestamptz': return /infinity/.test(asText(value)) ? quoteJsonString(asText(value)) : quoteJsonString(timestampJson(asText(value)));
    case 'bytea': return quoteJsonString(Buffer.isBuffer(value) ? formatBytea(value) : asText(value));
    default: return quoteJsonString(asText(value));
  }
}

function contains(a: Json, b: Json, top: boolean): boolean {
  if (a.t === 'obj' && b.t === 'obj') {
    return b.entries.every(([k, bv]) => {
      const av = child(a, k);
      return av !== null && contains(av, bv, false);
    });
  }
  if (a.t === 'arr' && b.t === 'arr') {
    return b.items.every((bv) => a.items.some((av) => (bv.t === 'arr' || bv.t === 'obj' ? contains(av, bv, false) : jsonEqual(av, bv))));
  }
  // A top-level array contains a bare scalar that is one of its elements.
  if (a.t === 'arr' && top && b.t !== 'obj') return a.items.some((av) => jsonEqual(av, b));
  if (a.t === 'num' && b.t === 'num') return compare(parseDecimal(a.text), parseDecimal(b.text)) === 0;
  return a.t === b.t && a.t !== 'arr' && a.t !== 'obj' && jsonEqual(a, b);
}

function concat(a: Json, b: Json): Json {
  if (a.t === 'obj' && b.t === 'obj') return { t: 'obj', entries: [...a.entries, ...b.entries], src: '' };
  const items = (j: Json): Json[] => (j.t === 'arr' ? j.items : [j]);
  return { t: 'arr', items: [...items(a), ...items(b)], src: '' };
}

function stripNulls(j: Json): Json {
  if (j.t === 'obj') return { t: 'obj', entries: j.entries.filter(([, v]) => v.t !== 'null').map(([k, v]) => [k, stripNulls(v)]), src: '' };
  if (j.t === 'arr') return { t: 'arr', items: j.items.map(stripNulls), src: '' };
  return j;
}

function setPath(j: Json, steps: string[], value: Json, create: boolean): Json {
  const [step, ...rest] = steps;
  if (step === undefined) return value;
  if (j.t === 'obj') {
    const existing = child(j, step);
    if (existing === null && (rest.length > 0 || !create)) return j;
    const replaced = existing === null ? value : setPath(existing, rest, value, create);
    const entries = j.entries.filter(([k]) => k !== step);
    return { t: 'obj', entries: [...entries, [step, replaced]], src: '' };
  }
  if (j.t === 'arr') {
    if (!/^-?\d+$/.test(step)) throw pgError('22P02', `path element at position 1 is not an integer: "${step}"`);
    let i = Number(step);
    if (i < 0) i += j.items.length;
    const items = [...j.items];
    if (i >= 0 && i < items.length) items[i] = setPath(items[i] as Json, rest, value, create);
    else if (create && rest.length === 0) {
      if (i < 0) items.unshift(value);
      else items.push(value);
    }
    return { t: 'arr', items, src: '' };
  }
  return j;
}

function pairs(args: SqlValue[], per: number): SqlValue[][] {
  if (args.length % per !== 0) throw pgError('22023', 'argument list must have even number of elements');
  const out: SqlValue[][] = [];
  for (let i = 0; i < args.length; i += per) out.push(args.slice(i, i + per));
  return out;
}

type AggState = { parts: string[] };

function dropOldest(state: AggState): AggState {
  state.parts.shift();
  return state;
}

export function registerJsonFunctions(db: Database.Database): void {
  scalar(db, 'pgf_jsonb', strict((v) => jsonbCanonical(asText(v))));
  scalar(db, 'pgf_json', strict((v) => {
    parseJson(asText(v));
    return asText(v);
  }));
  // The optional last argument 'jsonb' re-normalises the result (for input that is not canonical jsonb text).
  scalar(db, 'pgf_json_get', strict((j, k, f) => {
    const flavor = flavorOf(f);
    const found = child(read(j, flavor), k);
    return found === null ? null : write(found, flavor);
  }));
  scalar(db, 'pgf_json_get_text', strict((j, k, f) => asTextValue(child(read(j, flavorOf(f)), k), flavorOf(f))));
  scalar(db, 'pgf_json_path', strict((j, p, f) => {
    const flavor = flavorOf(f);
    const found = path(read(j, flavor), arrayElements(asText(p)));
    return found === null ? null : write(found, flavor);
  }));
  scalar(db, 'pgf_json_path_text', strict((j, p, f) => asTextValue(path(read(j, flavorOf(f)), arrayElements(asText(p))), flavorOf(f))));
  scalar(db, 'pgf_jsonb_contains', strict((a, b) => (contains(toJsonb(asText(a)), toJsonb(asText(b)), true) ? 1 : 0)));
  scalar(db, 'pgf_jsonb_exists', strict((j, key) => {
    const tree = toJsonb(asText(j));
    const k = asText(key);
    if (tree.t === 'obj') return tree.entries.some(([name]) => name === k) ? 1 : 0;
    if (tree.t === 'arr') return tree.items.some((i) => i.t === 'str' && i.v === k) ? 1 : 0;
    return tree.t === 'str' && tree.v === k ? 1 : 0;
  }));
  // Build functions take every argument followed by its Postgres type name (keys included).
  scalar(db, 'pgf_json_build_object', (...args) => `{${objectEntries(args).map(([k, v]) => `${k} : ${v}`).join(', ')}}`);
  scalar(db, 'pgf_jsonb_build_object', (...args) => jsonbCanonical(`{${objectEntries(args).map(([k, v]) => `${k}: ${v}`).join(', ')}}`));
  scalar(db, 'pgf_json_build_array', (...args) => `[${pairs(args, 2).map(([v, t]) => toJsonText(v ?? null, asText(t ?? 'text'))).join(', ')}]`);
  scalar(db, 'pgf_jsonb_build_array', (...args) => jsonbCanonical(`[${pairs(args, 2).map(([v, t]) => toJsonText(v ?? null, asText(t ?? 'text'))).join(', ')}]`));
  scalar(db, 'pgf_to_json', (v, t) => toJsonText(v ?? null, asText(t ?? 'text')));
  scalar(db, 'pgf_to_jsonb', (v, t) => (isNull(v ?? null) ? null : jsonbCanonical(toJsonText(v ?? null, asText(t ?? 'text')))));
  scalar(db, 'pgf_jsonb_typeof', strict((j) => {
    const names = { obj: 'object', arr: 'array', str: 'string', num: 'number', bool: 'boolean', null: 'null' } as const;
    return names[parseJson(asText(j)).t];
  }));
  scalar(db, 'pgf_json_array_length', strict((j) => {
    const tree = parseJson(asText(j));
    if (tree.t !== 'arr') throw pgError('22023', tree.t === 'obj' ? 'cannot get array length of a non-array' : 'cannot get array length of a scalar');
    return tree.items.length;
  }));
  scalar(db, 'pgf_jsonb_set', strict((j, p, v, create) => {
    const steps = arrayElements(asText(p)).map((s) => s ?? '');
    const createMissing = create === undefined || asInt(create) !== 0;
    return jsonbText(normalizeJsonb(setPath(toJsonb(asText(j)), steps, toJsonb(asText(v)), createMissing)));
  }));
  scalar(db, 'pgf_jsonb_concat', strict((a, b) => jsonbText(normalizeJsonb(concat(toJsonb(asText(a)), toJsonb(asText(b)))))));
  // jsonb - key (text: object key or string array elements) / jsonb - index (integer: array element).
  scalar(db, 'pgf_jsonb_delete', strict((j, key) => {
    const tree = toJsonb(asText(j));
    if (tree.t !== 'obj' && tree.t !== 'arr') throw pgError('22023', 'cannot delete from scalar');
    if (typeof key === 'number' || typeof key === 'bigint') {
      if (tree.t === 'obj') throw pgError('22023', 'cannot delete from object using integer index');
      const n = Number(key);
      const i = n < 0 ? tree.items.length + n : n;
      return jsonbText({ t: 'arr', items: tree.items.filter((_, k) => k !== i), src: '' });
    }
    const k = asText(key);
    if (tree.t === 'obj') return jsonbText({ t: 'obj', entries: tree.entries.filter(([name]) => name !== k), src: '' });
    return jsonbText({ t: 'arr', items: tree.items.filter((item) => !(item.t === 'str' && item.v === k)), src: '' });
  }));
  scalar(db, 'pgf_jsonb_strip_nulls', strict((j) => jsonbText(stripNulls(toJsonb(asText(j))))));

  const jsonAgg = (name: string, finish: (parts: string[]) => string): void =>
    aggregate<AggState>(db, name, {
      start: () => ({ parts: [] }),
      step: (state, v, t) => {
        state.parts.push(toJsonText(v ?? null, asText(t ?? 'text')));
        return state;
      },
      inverse: dropOldest,
      result: (state) => (state.parts.length > 0 ? finish(state.parts) : null),
    });
  jsonAgg('pgf_json_agg', (parts) => `[${parts.join(', ')}]`);
  jsonAgg('pgf_jsonb_agg', (parts) => jsonbCanonical(`[${parts.join(', ')}]`));
  aggregate<AggState>(db, 'pgf_json_object_agg', {
    start: () => ({ parts: [] }),
    step: (state, k, v, t) => {
      if (isNull(k ?? null)) throw pgError('22023', 'field name must not be null');
      state.parts.push(`${quoteJsonString(asText(k ?? null))} : ${toJsonText(v ?? null, asText(t ?? 'text'))}`);
      return state;
    },
    inverse: dropOldest,
    result: (state) => (state.parts.length > 0 ? `{ ${state.parts.join(', ')} }` : null),
  });
}

/** (key, keyType, value, valueType, …) → [quoted key, JSON value] pairs. */
function objectEntries(args: SqlValue[]): [string, string][] {
  if (args.length % 4 !== 0) throw pgError('22023', 'argument list must have even number of elements');
  const entries: [string, string][] = [];
  for (let i = 0; i < args.length; i += 4) {
    const [k, kt, v, vt] = args.slice(i, i + 4);
    if (isNull(k ?? null)) throw pgError('22023', `argument ${i / 2 + 1}: key must not be null`);
    const key = storageToText(k ?? null, asText(kt ?? 'text')) ?? '';
    entries.push([quoteJsonString(key), toJsonText(v ?? null, asText(vt ?? 'text'))]);
  }
  return entries;
}
