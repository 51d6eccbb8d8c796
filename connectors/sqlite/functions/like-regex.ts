// LIKE / ILIKE (Postgres semantics: `%`, `_`, an escape character, default `\`) and POSIX regular
// expressions through JS RegExp (Postgres ARE and JS agree on the common syntax).
import { pgError } from './errors.js';

const likeCache = new Map<string, RegExp>();

/** Compiles a LIKE pattern; `escape` '' disables escaping. */
export function likeRegExp(pattern: string, escape: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}${escape}\u0000${pattern}`;
  const cached = likeCache.get(key);
  if (cached) return cached;
  if ([...escape].length > 1) throw pgError('22025', 'invalid escape string');
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (escape !== '' && c === escape) {
      const next = chars[i + 1];
      if (next === undefined) throw pgError('22025', 'LIKE pattern must not end with escape character');
      source += escapeRegExp(next);
      i += 1;
    } else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  const made = new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
  if (likeCache.size > 500) likeCache.clear();
  likeCache.set(key, made);
  return made;
}

// Only characters special outside a character class: with the u flag, `\-` or `\/` is a syntax error.
function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const regexCache = new Map<string, RegExp>();

/** Translates a Postgres regex to JS: classes `[[:alpha:]]`, `\m` `\M` word bounds, `\y`. */
export function pgRegExp(pattern: string, flags: string): RegExp {
  const key = `${flags}\u0000${pattern}`;
  const cached = regexCache.get(key);
  if (cached) return cached;
  const classes: Record<string, string> = {
    alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s',
    punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: '\\w', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
    print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
  };
  const source = pattern
    .replace(/\[:([a-z]+):\]/g, (m, name: string) => classes[name] ?? m)
    .replace(/\\m/g, '\\b(?=\\w)')
    .replace(/\\M/g, '\\b(?<=\\w)')
    .replace(/\\y/g, '\\b');
  // Postgres' default: `.` matches newline and ^/$ anchor the whole string; `n` makes both newline-sensitive.
  let jsFlags = /[nm]/.test(flags) ? 'm' : 's';
  for (const f of flags) {
    if (f === 'i') jsFlags += 'i';
    else if (f === 'g') jsFlags += 'g';
    else if (f === 'n' || f === 'm') continue;
    else if (f === 'c') continue;
    else if (f === 's') continue;
    else if (f !== 'x') throw pgError('22023', `invalid regular expression option: "${f}"`);
  }
  let made: RegExp;
  try {
    made = new RegExp(source, [...new Set(jsFlags)].join(''));
  } catch (error) {
    throw pgError('2201B', `invalid regular expression: ${(error as Error).message}`);
  }
  if (regexCache.size > 500) regexCache.clear();
  regexCache.set(key, made);
  return made;
}
