// The grammar check of the T-SQL golden corpus: every statement the compiler produces must be T-SQL.
//
// The judge is node-sql-parser's TransactSQL grammar. It lacks a few valid T-SQL constructs (GAPS below,
// each proven by a test that node-sql-parser rejects a minimal valid example); a statement it rejects is
// accepted only if it contains one of those constructs AND a second grammar, @polyglot-sql/sdk's tsql
// dialect, accepts it. Both grammars are lax about Postgres syntax (node-sql-parser's TransactSQL accepts
// `::` casts, `$1`, LIMIT, `"ident"`, TRUE; polyglot even ILIKE), so every statement also passes a lint for
// Postgres-only syntax that must never survive translation (POSTGRES_RESIDUE).
import nodeSqlParser from 'node-sql-parser';
import { init as initPolyglot, validate as polyglotValidate } from '@polyglot-sql/sdk';

const parser = new nodeSqlParser.Parser();

export type Gap = {
  readonly name: string;
  /** Matched against the statement's skeleton (string literals emptied, bracketed names blanked, comments dropped). */
  readonly pattern: RegExp;
  readonly reason: string;
  /** A minimal valid T-SQL statement using the construct, which node-sql-parser rejects (proven by a test). */
  readonly example: string;
};

/** T-SQL constructs node-sql-parser 5.x's TransactSQL grammar does not know. */
export const GAPS: readonly Gap[] = [
  {
    name: 'OUTPUT clause',
    pattern: /\bOUTPUT\s+(INSERTED|DELETED)\./i,
    reason: 'INSERT/UPDATE/DELETE … OUTPUT INSERTED./DELETED. is not in the grammar',
    example: 'INSERT INTO [dbo].[t] ([a]) OUTPUT INSERTED.[id] VALUES (1)',
  },
  {
    name: 'MERGE',
    pattern: /^\s*(WITH\b[\s\S]*\)\s*)?MERGE\b/i,
    reason: 'the grammar has no MERGE statement',
    example: 'MERGE [dbo].[t] WITH (HOLDLOCK) AS [t] USING (VALUES (1)) AS [s] ([a]) ON [t].[a] = [s].[a] WHEN NOT MATCHED THEN INSERT ([a]) VALUES ([s].[a]);',
  },
  {
    name: 'COLLATE after an expression',
    pattern: /[)\]']\s*COLLATE\s+\w+/i,
    reason: 'COLLATE is accepted after a bare column only, not after a call, a parenthesised expression or a literal',
    example: "SELECT [a] FROM [t] WHERE LOWER([a]) COLLATE Latin1_General_CI_AS LIKE N'x'",
  },
  {
    name: 'LIKE … ESCAPE',
    pattern: /\bLIKE\b[\s\S]*\bESCAPE\s+N?''/i,
    reason: 'the ESCAPE clause of LIKE is not in the grammar',
    example: "SELECT [a] FROM [t] WHERE [a] LIKE N'x!_' ESCAPE N'!'",
  },
  {
    name: 'STRING_AGG … WITHIN GROUP',
    pattern: /\bSTRING_AGG\s*\([\s\S]*\)\s*WITHIN\s+GROUP\s*\(/i,
    reason: 'WITHIN GROUP (ORDER BY …) after STRING_AGG is not in the grammar',
    example: "SELECT STRING_AGG([a], N',') WITHIN GROUP (ORDER BY [a]) FROM [t]",
  },
  {
    name: 'COUNT_BIG(*) / COUNT_BIG(DISTINCT …)',
    pattern: /\bCOUNT_BIG\s*\(\s*(\*|DISTINCT\b)/i,
    reason: 'COUNT_BIG is parsed as an ordinary function: no * and no DISTINCT argument',
    example: 'SELECT COUNT_BIG(*) FROM [t]',
  },
];

/** Postgres-only syntax and names: none may appear in a statement sent to SQL Server. */
export const POSTGRES_RESIDUE: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /::/, what: ':: cast' },
  { pattern: /\$\d/, what: '$n parameter' },
  { pattern: /"/, what: 'double-quoted identifier (identifiers are emitted as [name])' },
  { pattern: /\|\|/, what: '|| concatenation' },
  { pattern: /\bLIMIT\b/i, what: 'LIMIT' },
  { pattern: /\bILIKE\b/i, what: 'ILIKE' },
  { pattern: /\bSIMILAR\s+TO\b/i, what: 'SIMILAR TO' },
  { pattern: /\bRETURNING\b/i, what: 'RETURNING' },
  { pattern: /\bON\s+CONFLICT\b/i, what: 'ON CONFLICT' },
  { pattern: /\bIS\s+(NOT\s+)?(TRUE|FALSE|UNKNOWN)\b/i, what: 'IS [NOT] TRUE/FALSE/UNKNOWN' },
  { pattern: /\b(TRUE|FALSE)\b/i, what: 'boolean literal' },
  { pattern: /\bIS\s+(NOT\s+)?DISTINCT\s+FROM\b/i, what: 'IS DISTINCT FROM (SQL Server 2022 only)' },
  { pattern: /\bNULLS\s+(FIRST|LAST)\b/i, what: 'NULLS FIRST/LAST' },
  { pattern: /\bARRAY\s*\[/i, what: 'ARRAY[…]' },
  { pattern: /\bINTERVAL\b/i, what: 'INTERVAL' },
  { pattern: /\bLATERAL\b/i, what: 'LATERAL' },
  { pattern: /\bRECURSIVE\b/i, what: 'WITH RECURSIVE' },
  { pattern: /\bDISTINCT\s+ON\b/i, what: 'DISTINCT ON' },
  { pattern: /\b(E|B|X|U&)''/i, what: 'Postgres string literal prefix' },
  { pattern: /\b(serial|bigserial|boolean|bytea|timestamptz|jsonb|uuid|int[248]|float[48])\b/i, what: 'Postgres type name' },
  {
    pattern: /\b(now|date_trunc|date_part|extract|length|substr|strpos|position|btrim|lpad|rpad|repeat|split_part|initcap|md5|to_char|make_date|age|array_agg|gen_random_uuid|random|current_database|ceil|trunc|ln|mod|string_to_array|regexp_replace|generate_series)\s*\(/i,
    what: 'Postgres-only function',
  },
  { pattern: /\b(current_date|localtimestamp|localtime)\b/i, what: 'Postgres-only niladic function' },
];

export type CheckResult =
  | { readonly ok: true; readonly via: 'node-sql-parser' | string }
  | { readonly ok: false; readonly reason: string };

/**
 * The statement with its string literals emptied (`N'x'` → `N''`), bracketed names blanked (`[a b]` → `[_]`)
 * and comments dropped: what the gap patterns, the residue lint and the statement splitter look at.
 */
export function skeleton(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '[') {
      const close = c === "'" ? "'" : ']';
      i++;
      for (;;) {
        if (i >= sql.length) break;
        if (sql[i] === close) {
          if (sql[i + 1] === close) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      out += c === "'" ? "''" : '[_]';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Splits a batch into its statements at top-level `;` (not inside literals, names, comments, CASE … END or
 * BEGIN … END blocks). Returns the original text of each statement.
 */
export function splitBatch(batch: string): string[] {
  const statements: string[] = [];
  const stack: string[] = [];
  let start = 0;
  let i = 0;
  while (i < batch.length) {
    const c = batch[i]!;
    const next = batch[i + 1];
    if (c === '-' && next === '-') {
      while (i < batch.length && batch[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = batch.indexOf('*/', i + 2);
      i = end < 0 ? batch.length : end + 2;
      continue;
    }
    if (c === "'" || c === '[' || c === '"') {
      const close = c === '[' ? ']' : c;
      i++;
      while (i < batch.length) {
        if (batch[i] === close) {
          if (batch[i + 1] === close) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      continue;
    }
    if (/[A-Za-z_]/.test(c) && (i === 0 || !/[\w@#$]/.test(batch[i - 1]!))) {
      const word = /^[A-Za-z_][\w$#@]*/.exec(batch.slice(i))![0];
      const upper = word.toUpperCase();
      if (upper === 'CASE') stack.push('CASE');
      else if (upper === 'BEGIN' && !/^\s+(TRAN|TRANSACTION|DISTRIBUTED)\b/i.test(batch.slice(i + word.length))) stack.push('BEGIN');
      else if (upper === 'END') stack.pop();
      i += word.length;
      continue;
    }
    if (c === ';' && stack.length === 0) {
      const text = batch.slice(start, i).trim();
      if (text) statements.push(text);
      start = i + 1;
    }
    i++;
  }
  const rest = batch.slice(start).trim();
  if (rest) statements.push(rest);
  return statements;
}

export function residueOf(sql: string): string[] {
  const bones = skeleton(sql);
  return POSTGRES_RESIDUE.filter((r) => r.pattern.test(bones)).map((r) => r.what);
}

export function nodeSqlParserAccepts(sql: string): { ok: true } | { ok: false; message: string } {
  try {
    parser.astify(sql, { database: 'TransactSQL' });
    return { ok: true };
  } catch (err) {
    return { ok: false, message: String((err as Error).message).split('\n')[0]!.slice(0, 200) };
  }
}

let polyglotReady: Promise<void> | null = null;

/** Loads polyglot's WebAssembly module; call (and await) before checkStatement. */
export function loadGrammars(): Promise<void> {
  polyglotReady ??= initPolyglot();
  return polyglotReady;
}

export function polyglotAccepts(sql: string): boolean {
  return polyglotValidate(sql, 'tsql').valid;
}

/** The grammar check of one T-SQL statement (see the file comment). */
export function checkStatement(sql: string): CheckResult {
  const residue = residueOf(sql);
  if (residue.length) return { ok: false, reason: `Postgres syntax left in the T-SQL: ${residue.join(', ')}` };
  const first = nodeSqlParserAccepts(sql);
  if (first.ok) return { ok: true, via: 'node-sql-parser' };
  const bones = skeleton(sql);
  const gaps = GAPS.filter((g) => g.pattern.test(bones));
  if (gaps.length === 0) return { ok: false, reason: `node-sql-parser (TransactSQL) rejects it and no known grammar gap applies: ${first.message}` };
  if (!polyglotAccepts(sql)) return { ok: false, reason: `node-sql-parser rejects it (${first.message}) and so does @polyglot-sql/sdk (tsql)` };
  return { ok: true, via: gaps.map((g) => g.name).join(' + ') };
}
