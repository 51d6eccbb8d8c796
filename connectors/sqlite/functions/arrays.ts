// Postgres array literals: parsing `{1,"a b",NULL,{2,3}}` and printing with array_out's quoting rules
// (quote empty strings, NULL look-alikes, and anything with `"` `\` `{` `}` `,` or whitespace).
import { pgError } from './errors.js';

export type ArrayElement = string | null | ArrayElement[];

function malformed(text: string, detail: string): Error {
  return Object.assign(pgError('22P02', `malformed array literal: "${text}"`), { detail });
}

/** Parses an array literal into nested lists of element texts (null for NULL). */
export function parseArrayLiteral(text: string): ArrayElement[] {
  let s = text.trim();
  // Optional dimension decoration `[1:3]=` is accepted and ignored.
  const decorated = /^(\[\s*-?\d+\s*(:\s*-?\d+\s*)?\])+\s*=\s*/.exec(s);
  if (decorated) s = s.slice(decorated[0].length);
  if (!s.startsWith('{')) throw malformed(text, 'Array value must start with "{" or dimension information.');
  let pos = 0;
  const parseList = (): ArrayElement[] => {
    pos += 1; // '{'
    const items: ArrayElement[] = [];
    skipSpace();
    if (s[pos] === '}') {
      pos += 1;
      return items;
    }
    for (;;) {
      skipSpace();
      if (s[pos] === '{') items.push(parseList());
      else items.push(parseElement());
      skipSpace();
      const c = s[pos];
      pos += 1;
      if (c === '}') return items;
      if (c !== ',') throw malformed(text, 'Unexpected array element.');
    }
  };
  const skipSpace = (): void => {
    while (pos < s.length && /\s/.test(s[pos] ?? '')) pos += 1;
  };
  const parseElement = (): string | null => {
    if (s[pos] === '"') {
      pos += 1;
      let out = '';
      while (pos < s.length && s[pos] !== '"') {
        if (s[pos] === '\\') pos += 1;
        out += s[pos] ?? '';
        pos += 1;
      }
      if (s[pos] !== '"') throw malformed(text, 'Unexpected end of input.');
      pos += 1;
      return out;
    }
    let out = '';
    let quotedChars = false;
    while (pos < s.length && s[pos] !== ',' && s[pos] !== '}') {
      if (s[pos] === '\\') {
        pos += 1;
        quotedChars = true;
      }
      if (s[pos] === '{' || s[pos] === '"') throw malformed(text, 'Unexpected array element.');
      out += s[pos] ?? '';
      pos += 1;
    }
    out = out.replace(/\s+$/, '');
    if (out === '') throw malformed(text, 'Unexpected "," character.');
    if (!quotedChars && out.toUpperCase() === 'NULL') return null;
    return out;
  };
  const result = parseList();
  skipSpace();
  if (pos !== s.length) throw malformed(text, 'Junk after closing right brace.');
  return result;
}

/** Flat element texts of a one-dimensional (or flattened multi-dimensional) array literal. */
export function arrayElements(text: string): (string | null)[] {
  const flat: (string | null)[] = [];
  const walk = (items: ArrayElement[]): void => {
    for (const item of items) {
      if (Array.isArray(item)) walk(item);
      else flat.push(item);
    }
  };
  walk(parseArrayLiteral(text));
  return flat;
}

export function quoteArrayElement(value: string | null): string {
  if (value === null) return 'NULL';
  if (value === '' || value.toUpperCase() === 'NULL' || /["\\{},\t\n\r\v\f ]/.test(value)) {
    return `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return value;
}

export function formatArray(items: readonly ArrayElement[]): string {
  return `{${items.map((item) => (Array.isArray(item) ? formatArray(item) : quoteArrayElement(item))).join(',')}}`;
}
