// Parses the text of a config file (YAML or JSON) into a plain value. Syntax errors become
// one-line problems with a 1-based line and column, never the parser's multi-line excerpt.
import { parseDocument } from 'yaml';
import type { ConfigProblem } from './config-problem.js';

export type ConfigFormat = 'yaml' | 'json';
export type ParsedDocument = { ok: true; value: unknown } | { ok: false; problems: ConfigProblem[] };

// Bounds the expansion of YAML aliases ("billion laughs"); a config file needs few if any.
const MAX_ALIAS_COUNT = 100;

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

// `{` and `}` are flow indicators, so an unquoted ${NAME} inside { } or [ ] is a syntax error.
const FLOW_HINT = ' (quote values that use ${...} inside { } or [ ])';

function parseYaml(text: string): ParsedDocument {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const lines = text.split('\n');
    const problems = new Map<number, ConfigProblem>();
    for (const error of document.errors) {
      const where = error.linePos?.[0] ?? { line: 0, col: 0 };
      // One mistake often yields several errors on its line; the first says the most.
      if (problems.has(where.line)) continue;
      const hint = lines[where.line - 1]?.includes('${') === true ? FLOW_HINT : '';
      const message = firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '') + hint;
      problems.set(where.line, where.line === 0 ? { path: [], message } : { line: where.line, column: where.col, message });
    }
    return { ok: false, problems: [...problems.values()] };
  }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    return { ok: false, problems: [{ path: [], message: firstLine(error instanceof Error ? error.message : String(error)) }] };
  }
}

/** True when `prefix` is valid JSON or could still become valid JSON with more text. */
function viablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    if (!(error instanceof Error)) return false;
    // At the end of a prefix V8 says either "Unexpected end" or names a position at its very end.
    const stated = /at position (\d+)/.exec(error.message)?.[1];
    return /end of JSON input/.test(error.message) || (stated !== undefined && Number(stated) >= prefix.length);
  }
}

/** V8 names a position for most errors; for the rest, the longest viable prefix ends where it broke. */
function errorOffset(text: string, message: string): number {
  const stated = /at position (\d+)/.exec(message)?.[1];
  if (stated !== undefined) return Number(stated);
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (viablePrefix(text.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return Math.min(low, Math.max(text.length - 1, 0));
}

function parseJson(text: string): ParsedDocument {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(text, raw);
    const before = text.slice(0, offset).split('\n');
    const reason = firstLine(raw.replace(/, (?:\.\.\.)?".*is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, ''));
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    return { ok: false, problems: [{ line, column, message: `JSON syntax error: ${reason}` }] };
  }
}

export function parseDocumentText(text: string, format: ConfigFormat): ParsedDocument {
  return format === 'json' ? parseJson(text) : parseYaml(text);
}
