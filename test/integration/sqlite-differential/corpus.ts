// Loads the differential corpus: schema.sql, seed.sql and queries/*.sql.
//
// Corpus file format: a case starts at a line `-- name: <case_name>` and runs to the next such line (or
// the end of the file). Other `--` comment lines right after the name are the case's description, except
// `-- types: a, b, …`: the expected Postgres type of each result column (checked against Postgres), and
// `-- params: [json values]`: values for $1, $2, … (sent as untyped text: the server infers the types). One SQL
// statement per case; a trailing semicolon is optional. Case names are unique across all files.
//
// DML cases (INSERT / UPDATE / DELETE, also under WITH) are run by the runner inside BEGIN … ROLLBACK on
// both sides, so every case starts from the seeded state.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = path.dirname(fileURLToPath(import.meta.url));

export type CorpusCase = {
  /** Unique across the corpus. */
  readonly name: string;
  /** The queries/*.sql file it comes from (base name). */
  readonly file: string;
  readonly description: string;
  /** One statement, without the trailing semicolon. */
  readonly sql: string;
  /** Changes data: run inside BEGIN … ROLLBACK. */
  readonly dml: boolean;
  /**
   * From a `-- types: int8, numeric, text` line: the Postgres type of each result column, as the author
   * expects it. Checked against live Postgres (golden-style), so the corpus documents the OIDs it tests.
   */
  readonly types: readonly string[] | null;
  /** From a `-- params: ["DE", 3, null]` line (JSON array): values bound to $1, $2, … (sent as text, types inferred by the server). */
  readonly params: readonly (string | null)[];
};

const NAME_LINE = /^--\s*name:\s*([a-z0-9_]+)\s*$/;
const DML = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge)\b/i;

export function loadCorpus(dir: string = path.join(CORPUS_DIR, 'queries')): CorpusCase[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const cases: CorpusCase[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const c of parseCorpusFile(readFileSync(path.join(dir, file), 'utf8'), file)) {
      const earlier = seen.get(c.name);
      if (earlier !== undefined) throw new Error(`corpus: case "${c.name}" in ${file} is already defined in ${earlier}`);
      seen.set(c.name, file);
      cases.push(c);
    }
  }
  return cases;
}

export function parseCorpusFile(text: string, file: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let current: { name: string; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const descriptionLines: string[] = [];
    let types: string[] | null = null;
    let params: (string | null)[] = [];
    let i = 0;
    while (i < current.lines.length && /^\s*(--.*)?$/.test(current.lines[i] ?? '')) {
      const line = (current.lines[i] ?? '').trim().replace(/^--\s?/, '');
      const typesLine = /^types:\s*(.+)$/.exec(line);
      const paramsLine = /^params:\s*(.+)$/.exec(line);
      if (typesLine) types = (typesLine[1] ?? '').split(',').map((t) => t.trim());
      else if (paramsLine) params = parseParams(paramsLine[1] ?? '', file, current.name);
      else if (line !== '') descriptionLines.push(line);
      i++;
    }
    const statements = splitStatements(current.lines.slice(i).join('\n'));
    if (statements.length !== 1) throw new Error(`corpus ${file}: case "${current.name}" must hold exactly one statement, found ${statements.length}`);
    const sql = statements[0] ?? '';
    cases.push({ name: current.name, file, description: descriptionLines.join(' '), sql, dml: DML.test(stripComments(sql)), types, params });
  };
  for (const line of text.split('\n')) {
    const m = NAME_LINE.exec(line.trim());
    if (m) {
      flush();
      current = { name: m[1] ?? '', lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== '' && !line.trim().startsWith('--')) {
      throw new Error(`corpus ${file}: SQL before the first "-- name:" line: ${line}`);
    }
  }
  flush();
  return cases;
}

function parseParams(json: string, file: string, name: string): (string | null)[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) throw new Error(`corpus ${file}: case "${name}": params must be a JSON array`);
  return value.map((v: unknown) => {
    if (v === null) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new Error(`corpus ${file}: case "${name}": params hold strings, numbers, booleans or null`);
  });
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ');
}

/**
 * Splits SQL text into statements at top-level semicolons, skipping those inside quotes ('…', "…",
 * E'…' with backslash escapes, $tag$…$tag$) and comments. Statements come back trimmed, without the
 * semicolon; empty ones (only whitespace/comments) are dropped.
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const push = (end: number) => {
    const stmt = text.slice(start, end).trim();
    if (stripComments(stmt).trim() !== '') out.push(stmt);
  };
  while (i < n) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (ch === "'" || ch === '"') {
      const escapes = ch === "'" && i > 0 && /[eE]/.test(text[i - 1] ?? '') && !/\w/.test(text[i - 2] ?? '');
      i++;
      while (i < n) {
        if (escapes && text[i] === '\\') i += 2;
        else if (text[i] === ch && text[i + 1] === ch) i += 2;
        else if (text[i] === ch) break;
        else i++;
      }
      i++;
    } else if (ch === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
      if (m && !/\w/.test(text[i - 1] ?? '')) {
        const tag = m[0];
        const end = text.indexOf(tag, i + tag.length);
        i = end === -1 ? n : end + tag.length;
      } else {
        i++;
      }
    } else if (ch === ';') {
      push(i);
      start = i + 1;
      i++;
    } else {
      i++;
    }
  }
  push(n);
  return out;
}

export function readSqlFile(name: 'schema.sql' | 'seed.sql'): string[] {
  return splitStatements(readFileSync(path.join(CORPUS_DIR, name), 'utf8'));
}
