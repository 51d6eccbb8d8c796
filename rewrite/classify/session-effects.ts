// What a statement does to the *session* (as opposed to the data): SET/RESET of parameters, which a
// transaction-mode pooler must replay on whichever server connection the client gets next; LISTEN and
// other session-bound state, which pins the client to one server connection; DISCARD/DEALLOCATE ALL,
// which drop server-side prepared statements.
import { leadingWords, splitStatements, type StatementSpan } from './sql-lexer.js';

export type SessionEffect =
  | { kind: 'set'; name: string; statement: string }
  | { kind: 'reset'; name: string }
  | { kind: 'resetAll' }
  | { kind: 'pin'; reason: string }
  | { kind: 'discardAll' }
  | { kind: 'deallocateAll' }
  /** ROLLBACK/ABORT of the whole transaction: its SETs are undone. */
  | { kind: 'rollback' }
  /** Session state changes pgfabric cannot replay (set_config()): the connection must be reset after. */
  | { kind: 'untracked' };

const NO_EFFECTS: readonly SessionEffect[] = Object.freeze([]);

/** SET forms whose parameter name is not the word after SET. */
const SPECIAL_SET_NAMES: Record<string, string> = {
  time: 'timezone',
  schema: 'search_path',
  names: 'client_encoding',
  role: 'role',
  characteristics: 'session_characteristics',
};

function unquoteName(word: string): string {
  return word.startsWith('"') ? word.slice(1, -1).replaceAll('""', '"') : word;
}

function classifySet(words: string[], statement: string): SessionEffect | null {
  let i = 1;
  if (words[i] === 'local' || words[i] === 'transaction') return null; // transaction-scoped
  if (words[i] === 'session') {
    i++;
    if (words[i] === 'authorization') return { kind: 'set', name: 'session_authorization', statement };
  }
  const word = words[i];
  if (word === undefined) return null;
  const name = SPECIAL_SET_NAMES[word] ?? unquoteName(word);
  return { kind: 'set', name, statement };
}

function classifyReset(words: string[]): SessionEffect | null {
  const word = words[1];
  if (word === undefined) return null;
  if (word === 'all') return { kind: 'resetAll' };
  if (word === 'session') return { kind: 'reset', name: 'session_authorization' };
  return { kind: 'reset', name: SPECIAL_SET_NAMES[word] ?? unquoteName(word) };
}

function classifyOne(sql: string, span: StatementSpan): SessionEffect | null {
  // set_config() changes session state from inside any statement. It is not replayed (like PgBouncer),
  // but the connection is reset before anyone else uses it, so nothing leaks to another client.
  if (SET_CONFIG.test(sql.slice(span.start, span.end))) return { kind: 'untracked' };
  const words = leadingWords(sql, span, 4);
  switch (words[0]) {
    case 'set':
      return classifySet(words, sql.slice(span.start, span.end).trim());
    case 'reset':
      return classifyReset(words);
    case 'listen':
      return { kind: 'pin', reason: 'LISTEN' };
    case 'prepare':
      return words[1] === 'transaction' ? null : { kind: 'pin', reason: 'PREPARE' };
    case 'declare':
      return /\bwith\s+hold\b/i.test(sql.slice(span.start, span.end)) ? { kind: 'pin', reason: 'DECLARE … WITH HOLD' } : null;
    case 'create':
      return isTempCreate(words) ? { kind: 'pin', reason: 'CREATE TEMP' } : null;
    case 'discard':
      return words[1] === 'all' ? { kind: 'discardAll' } : null;
    case 'rollback':
    case 'abort':
      return words[1] === 'to' || words[1] === 'prepared' ? null : { kind: 'rollback' };
    case 'deallocate':
      return words[1] === 'all' || (words[1] === 'prepare' && words[2] === 'all') ? { kind: 'deallocateAll' } : null;
    default:
      return null;
  }
}

function isTempCreate(words: string[]): boolean {
  const w = words[1] === 'global' || words[1] === 'local' ? words[2] : words[1];
  return w === 'temp' || w === 'temporary';
}

const SET_CONFIG = /\bset_config\s*\(/i;

// Every statement with a session effect contains one of these words; most statements contain none and
// skip the lexer entirely (pgbench's simple mode sends a new text, and so a cache miss, every time).
const EFFECT_WORDS = /\b(?:set|reset|listen|prepare|declare|create|discard|deallocate|rollback|abort|set_config)\b/i;

export function sessionEffects(sql: string): readonly SessionEffect[] {
  if (!EFFECT_WORDS.test(sql)) return NO_EFFECTS;
  const effects: SessionEffect[] = [];
  for (const span of splitStatements(sql)) {
    const effect = classifyOne(sql, span);
    if (effect) effects.push(effect);
  }
  return effects.length === 0 ? NO_EFFECTS : effects;
}
