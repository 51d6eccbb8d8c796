// JSON text → tree that keeps each number as written and each value's source text (json operators
// return source slices), and the two printers: jsonb (keys deduplicated, ordered by length then bytes,
// numbers as numeric, `", "` / `": "`) and json source text.
import { pgError } from './errors.js';
import { compare, formatDecimal, parseDecimal } from './numeric-decimal.js';

export type Json =
  | { t: 'null'; src: string }
  | { t: 'bool'; v: boolean; src: string }
  | { t: 'num'; text: string; src: string }
  | { t: 'str'; v: string; src: string }
  | { t: 'arr'; items: Json[]; src: string }
  | { t: 'obj'; entries: [string, Json][]; src: string };

function invalid(text: string, detail: string): Error {
  return Object.assign(pgError('22P02', 'invalid input syntax for type json'), { detail, input: text });
}

export function parseJson(text: string): Json {
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] ?? '')) pos += 1;
  };
  const value = (): Json => {
    ws();
    const start = pos;
    const c = text[pos];
    if (c === '{') {
      pos += 1;
      const entries: [string, Json][] = [];
      ws();
      if (text[pos] === '}') {
        pos += 1;
        return { t: 'obj', entries, src: text.slice(start, pos) };
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') throw invalid(text, `Expected string, but found "${text[pos] ?? ''}".`);
        const key = string();
        ws();
        if (text[pos] !== ':') throw invalid(text, `Expected ":", but found "${text[pos] ?? ''}".`);
        pos += 1;
        entries.push([key, value()]);
        ws();
        if (text[pos] === ',') { pos += 1; continue; }
        if (text[pos] === '}') { pos += 1; break; }
        throw invalid(text, `Expected "," or "}", but found "${text[pos] ?? ''}".`);
      }
      return { t: 'obj', entries, src: text.slice(start, pos) };
    }
    if (c === '[') {
      pos += 1;
      const items: Json[] = [];
      ws();
      if (text[pos] === ']') {
        pos += 1;
        return { t: 'arr', items, src: text.slice(start, pos) };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[pos] === ',') { pos += 1; continue; }
        if (text[pos] === ']') { pos += 1; break; }
        throw invalid(text, `Expected "," or "]", but found "${text[pos] ?? ''}".`);
      }
      return { t: 'arr', items, src: text.slice(start, pos) };
    }
    if (c === '"') {
      const v = string();
      return { t: 'str', v, src: text.slice(start, pos) };
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (m && m[0].length > 0) {
      pos += m[0].length;
      return { t: 'num', text: m[0], src: m[0] };
    }
    for (const [word, node] of [['true', { t: 'bool', v: true, src: 'true' }], ['false', { t: 'bool', v: false, src: 'false' }], ['null', { t: 'null', src: 'null' }]] as const) {
      if (text.startsWith(word, pos) && !/[A-Za-z0-9_]/.test(text[pos + word.length] ?? '')) {
        pos += word.length;
        return { ...node } as Json;
      }
    }
    const token = /^[^\s,\]}:]*/.exec(text.slice(pos))?.[0] ?? '';
    throw invalid(text, token === '' ? 'The input string ended unexpectedly.' : `Token "${token}" is invalid.`);
  };
  const string = (): string => {
    pos += 1;
    let out = '';
    for (;;) {
      const c = text[pos];
      if (c === undefined) throw invalid(text, 'The input string ended unexpectedly.');
      if (c === '"') { pos += 1; return out; }
      if (c === '\\') {
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) { out += simple[e]; pos += 2; continue; }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          const code = parseInt(text.slice(pos + 2, pos + 6), 16);
          if (code === 0) throw Object.assign(pgError('22P05', 'unsupported Unicode escape sequence'), { detail: '\\u0000 cannot be converted to text.' });
          out += String.fromCharCode(code);
          pos += 6;
          continue;
        }
        throw invalid(text, 'Escape sequence is invalid.');
      }
      if (c.charCodeAt(0) < 0x20) throw invalid(text, `Character with value 0x${c.charCodeAt(0).toString(16).padStart(2, '0')} must be escaped.`);
      out += c;
      pos += 1;
    }
  };
  const result = value();
  ws();
  if (pos < text.length) throw invalid(text, `Expected end of input, but found "${text[pos] ?? ''}".`);
  return result;
}

/** Postgres escape_json. */
export function quoteJsonString(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length - y.length || Buffer.compare(x, y);
}

/** jsonb semantics: last duplicate key wins, keys ordered by (length, bytes), numbers as numeric. */
export function normalizeJsonb(j: Json): Json {
  switch (j.t) {
    case 'num': {
      const text = formatDecimal(parseDecimal(j.text));
      return { t: 'num', text, src: text };
    }
    case 'arr': return { t: 'arr', items: j.items.map(normalizeJsonb), src: j.src };
    case 'obj': {
      const map = new Map<string, Json>();
      for (const [k, v] of j.entries) map.set(k, normalizeJsonb(v));
      const entries = [...map.entries()].sort((a, b) => byteOrder(a[0], b[0]));
      return { t: 'obj', entries, src: j.src };
    }
    default: return j;
  }
}

/** jsonb output text of an (already normalised) tree. */
export function jsonbText(j: Json): string {
  switch (j.t) {
    case 'null': return 'null';
    case 'bool': return j.v ? 'true' : 'false';
    case 'num': return j.text;
    case 'str': return quoteJsonString(j.v);
    case 'arr': return `[${j.items.map(jsonbText).join(', ')}]`;
    case 'obj': return `{${j.entries.map(([k, v]) => `${quoteJsonString(k)}: ${jsonbText(v)}`).join(', ')}}`;
  }
}

export function toJsonb(text: string): Json {
  return normalizeJsonb(parseJson(text));
}

export function jsonbCanonical(text: string): string {
  return jsonbText(toJsonb(text));
}

/** Equality of normalised jsonb values (numbers compare as numerics). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'num': return b.t === 'num' && compare(parseDecimal(a.text), parseDecimal(b.text)) === 0;
    case 'str': return b.t === 'str' && a.v === b.v;
    case 'bool': return b.t === 'bool' && a.v === b.v;
    case 'null': return true;
    default: return jsonbText(a) === jsonbText(b);
  }
}
