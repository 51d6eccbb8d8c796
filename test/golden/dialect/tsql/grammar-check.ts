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
    pattern: /\bOUTPUT\s/i,
    reason: 'INSERT/UPDATE/DELETE/MERGE … OUTPUT INSERTED./DELETED. is not in the grammar',
    example: 'INSERT INTO [dbo].[t] ([a]) OUTPUT INSERTED.[id] VALUES (1)',
  },
  {
    name: 'MERGE',
    pattern: /^\s*(WITH\b[\s\S]*\)\s*)?MERGE\b/i,
    reason: 'the grammar has no MERGE statement',
    example: 'MERGE [dbo].[t] WITH (HOLDLOCK) AS [t] USING (VALUES (1)) AS [s] ([a]) ON [t].[a] = [s].[a] WHEN NOT MATCHED THEN INSERT ([a]) VALUES ([s].[a]);',
  },
  {
    name: 'WITH before INSERT/UPDATE/DELETE',
    pattern: /^\s*WITH\b[\s\S]*\)\s*(INSERT|UPDATE|DELETE)\b/i,
    reason: 'a common table expression is accepted before SELECT only',
    example: 'WITH [s] AS (SELECT 1 AS [a]) INSERT INTO [t] ([a]) SELECT [s].[a] FROM [s]',
  },
  {
    name: 'COLLATE after an expression',
    pattern: /[)']\s*COLLATE\s+\w+/i,
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
  {
    name: 'INTERSECT / EXCEPT',
    pattern: /\b(INTERSECT|EXCEPT)\b/i,
    reason: 'only UNION [ALL] joins two queries in the grammar',
    example: 'SELECT [a] FROM [t] EXCEPT SELECT [b] FROM [u]',
  },
  {
    name: 'OFFSET without FETCH, or with variables',
    pattern: /\bOFFSET\s+(@\w+|\d+)\s+ROWS?\b(?![\s\S]*\bFETCH\s+(NEXT|FIRST)\s+\d+\s+ROWS?\s+ONLY)|\b(OFFSET|FETCH\s+(NEXT|FIRST))\s+@\w+/i,
    reason: 'OFFSET n ROWS needs FETCH in the grammar, and both take integer literals only',
    example: 'SELECT [a] FROM [t] ORDER BY [a] OFFSET 5 ROWS',
  },
  {
    name: 'TOP … WITH TIES',
    pattern: /\bTOP\s*\([^)]*\)\s*WITH\s+TIES\b/i,
    reason: 'WITH TIES after TOP is not in the grammar',
    example: 'SELECT TOP (3) WITH TIES [a] FROM [t] ORDER BY [a]',
  },
  {
    name: 'TOP (variable or expression) before a qualified column',
    pattern: /\bTOP\s*\((?!\s*\d+\s*\))/i,
    reason: 'after TOP (@v) or TOP (a + b) the grammar reads the next name as an alias and stops at its dot',
    example: 'SELECT TOP (@p1) [t].[a] AS [a] FROM [t]',
  },
  {
    name: 'OPTION (query hints)',
    pattern: /\bOPTION\s*\(\s*(MAXRECURSION|RECOMPILE)\b/i,
    reason: 'the OPTION clause after a query is not in the grammar',
    example: 'SELECT 1 AS [a] OPTION (MAXRECURSION 0)',
  },
  {
    name: 'BEGIN … END block',
    pattern: /^\s*BEGIN\b(?!\s+(TRY|CATCH|TRAN|TRANSACTION|DISTRIBUTED)\b)[\s\S]*\bEND\s*;?\s*$/i,
    reason: 'a statement block is not in the grammar (its statements are also checked one by one)',
    example: 'BEGIN SELECT 1; SELECT 2; END',
  },
  {
    name: 'RANGE window frame',
    pattern: /\bOVER\s*\([^)]*\bRANGE\s+(BETWEEN|UNBOUNDED|CURRENT)\b/i,
    reason: 'a window frame may be ROWS only in the grammar',
    example: 'SELECT SUM([a]) OVER (ORDER BY [a] RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS [s] FROM [t]',
  },
  {
    name: 'bitwise & | ^',
    pattern: /[&|^]/,
    reason: 'the binary bitwise operators are not in the grammar',
    example: 'SELECT (5 & 3) AS [a]',
  },
  {
    name: 'TRIM(characters FROM …)',
    pattern: /\bTRIM\s*\([^()]*\bFROM\b/i,
    reason: 'TRIM takes one argument in the grammar',
    example: "SELECT TRIM(N'x' FROM [a]) FROM [t]",
  },
  {
    name: ']] in a bracketed name',
    pattern: /\[_\]\]_\]/,
    reason: 'the grammar ends a [name] at the first ], so an escaped ]] is not read',
    example: 'SELECT 1 AS [a]]b]',
  },
  {
    name: 'SELECT … INTO schema.table',
    pattern: /^\s*SELECT\b[\s\S]*?\bINTO\s+(\[_\]|\w+)\.(\[_\]|\w+)/i,
    reason: 'the INTO target of SELECT … INTO cannot be schema-qualified in the grammar',
    example: 'SELECT * INTO [dbo].[t2] FROM [t]',
  },
  {
    name: 'CREATE [OR ALTER] VIEW',
    pattern: /^\s*CREATE\s+(OR\s+ALTER\s+)?VIEW\b/i,
    reason: 'the TransactSQL grammar has no CREATE VIEW',
    example: 'CREATE VIEW [dbo].[v] AS SELECT 1 AS [a]',
  },
  {
    name: 'named DEFAULT constraint',
    pattern: /\bCONSTRAINT\s+\[_\]\s+DEFAULT\b/i,
    reason: 'a column may carry CONSTRAINT name CHECK … in the grammar, not CONSTRAINT name DEFAULT …',
    example: 'CREATE TABLE [t] ([a] bit NOT NULL CONSTRAINT [DF_t_a] DEFAULT (0))',
  },
  {
    name: 'FOREIGN KEY … REFERENCES',
    pattern: /\bFOREIGN\s+KEY\s*\([^)]*\)\s*REFERENCES\b/i,
    reason: 'a FOREIGN KEY constraint (and its ON DELETE action) is not read by the grammar',
    example: 'ALTER TABLE [t] ADD CONSTRAINT [fk] FOREIGN KEY ([a]) REFERENCES [u] ([b])',
  },
  {
    name: 'ALTER TABLE … DROP CONSTRAINT',
    pattern: /^\s*ALTER\s+TABLE\b[\s\S]*\bDROP\s+CONSTRAINT\b/i,
    reason: 'ALTER TABLE drops columns only in the grammar',
    example: 'ALTER TABLE [t] DROP CONSTRAINT [c]',
  },
  {
    name: 'INSERT … DEFAULT VALUES',
    pattern: /\bDEFAULT\s+VALUES\b/i,
    reason: 'INSERT needs VALUES or a query in the grammar',
    example: 'INSERT INTO [t] DEFAULT VALUES',
  },
  {
    name: 'SET IDENTITY_INSERT',
    pattern: /^\s*SET\s+IDENTITY_INSERT\b/i,
    reason: 'SET takes variables and a few session options in the grammar, not IDENTITY_INSERT',
    example: 'SET IDENTITY_INSERT [t] ON',
  },
  {
    name: 'SET @variable',
    pattern: /^\s*SET\s+@\w+\s*=/i,
    reason: 'SET @v = NULL is not read (the grammar wants an expression it can type)',
    example: 'SET @v = NULL',
  },
  {
    name: 'EXEC with positional arguments',
    pattern: /^\s*EXEC(UTE)?\s+\w+\s+(@\w+|N?'')\s*(,|$)/i,
    reason: 'EXEC takes named arguments (@name = value) only in the grammar',
    example: 'EXEC sp_executesql @v',
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
 * The statement with its string literals emptied (`N'x'` → `N''`), bracketed names blanked (`[a b]` → `[_]`,
 * `[a]]b]` → `[_]]_]`) and comments dropped: what the gap patterns and the residue lint look at.
 */
export function skeleton(sql: string): string {
  return scan(sql, false);
}

/** Like skeleton, but every character keeps its position (contents replaced by `_`, comments by spaces). */
export function mask(sql: string): string {
  return scan(sql, true);
}

function scan(sql: string, keepLength: boolean): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const start = i;
      while (i < sql.length && sql[i] !== '\n') i++;
      if (keepLength) out += ' '.repeat(i - start);
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += keepLength ? ' '.repeat(stop - i) : ' ';
      i = stop;
    } else if (c === "'" || c === '[') {
      const close = c === "'" ? "'" : ']';
      const start = i;
      let escaped = false;
      i++;
      while (i < sql.length) {
        if (sql[i] === close) {
          if (sql[i + 1] === close) {
            escaped = true;
            i += 2;
          } else {
            i++;
            break;
          }
        } else i++;
      }
      if (keepLength) out += c + '_'.repeat(Math.max(0, i - start - 2)) + close;
      else out += c === "'" ? "''" : escaped ? '[_]]_]' : '[_]';
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

/**
 * Fixed statements neither library grammar reads, each matched whole (not a pattern inside a statement): the
 * only one is the bare re-raise in a CATCH block (the compiler's IDENTITY_INSERT guard). Both grammars
 * rejecting the example is proven by a test (tsql-grammar-hand-checked.test.ts).
 */
export const HAND_CHECKED: readonly { readonly name: string; readonly form: RegExp; readonly example: string }[] = [
  { name: 'THROW (re-raise in CATCH)', form: /^\s*THROW\s*;?\s*$/i, example: 'THROW' },
];

/** The grammar check of one T-SQL statement (see the file comment). */
export function checkStatement(sql: string): CheckResult {
  const residue = residueOf(sql);
  if (residue.length) return { ok: false, reason: `Postgres syntax left in the T-SQL: ${residue.join(', ')}` };
  const fixed = HAND_CHECKED.find((h) => h.form.test(sql));
  if (fixed) return { ok: true, via: fixed.name };
  const first = nodeSqlParserAccepts(sql);
  if (first.ok) return { ok: true, via: 'node-sql-parser' };
  const guarded = splitIfGuard(sql);
  if (guarded) {
    // node-sql-parser reads IF <condition> <statement> (proven by the corpus's guarded CREATE TABLE): check the
    // condition as an expression and the statement on its own, so a gap inside the body does not hide the IF.
    const condition = nodeSqlParserAccepts(`SELECT CASE WHEN ${guarded.condition} THEN 1 END`);
    if (!condition.ok) return { ok: false, reason: `node-sql-parser rejects the IF condition: ${condition.message}` };
    const body = checkStatement(guarded.body);
    return body.ok ? { ok: true, via: body.via } : body;
  }
  const tryCatch = splitTryCatch(sql);
  if (tryCatch) {
    // node-sql-parser reads BEGIN TRY … END TRY BEGIN CATCH … END CATCH around statements it knows (proven by a
    // test): check each inner statement on its own.
    const results = [...tryCatch.tryBody, ...tryCatch.catchBody].map((s) => ({ s, r: checkStatement(s) }));
    const failed = results.find((x) => !x.r.ok);
    if (failed && !failed.r.ok) return { ok: false, reason: `${failed.r.reason} (in TRY/CATCH: ${failed.s})` };
    const vias = [...new Set(results.map((x) => (x.r.ok ? x.r.via : '')).filter((v) => v !== 'node-sql-parser'))];
    return { ok: true, via: vias.length ? vias.join(' + ') : 'node-sql-parser' };
  }
  const bones = skeleton(sql);
  const gaps = GAPS.filter((g) => g.pattern.test(bones));
  if (gaps.length === 0) return { ok: false, reason: `node-sql-parser (TransactSQL) rejects it and no known grammar gap applies: ${first.message}` };
  const block = blockBody(sql);
  if (block) {
    // The block's own syntax goes to polyglot with neutral statements in it (polyglot is lax about what is
    // inside, and rejects some valid statements node-sql-parser reads, such as IF … EXEC); each statement
    // inside must pass the whole check on its own.
    const neutral = `BEGIN ${block.map(() => 'SELECT 1;').join(' ')} END`;
    if (!polyglotAccepts(neutral)) return { ok: false, reason: `@polyglot-sql/sdk (tsql) rejects the block: ${neutral}` };
    const inner = block.map((s) => ({ s, r: checkStatement(s) }));
    const failed = inner.find((x) => !x.r.ok);
    if (failed && !failed.r.ok) return { ok: false, reason: `${failed.r.reason} (in BEGIN … END: ${failed.s})` };
    const vias = inner.map((x) => (x.r.ok ? x.r.via : '')).filter((v) => v !== 'node-sql-parser');
    return { ok: true, via: [...new Set([...gaps.map((g) => g.name), ...vias.flatMap((v) => v.split(' + '))])].join(' + ') };
  }
  if (!polyglotAccepts(sql)) return { ok: false, reason: `node-sql-parser rejects it (${first.message}) and so does @polyglot-sql/sdk (tsql)` };
  return { ok: true, via: gaps.map((g) => g.name).join(' + ') };
}

const STATEMENT_START = /^(ALTER|CREATE|DROP|EXEC|EXECUTE|THROW|INSERT|UPDATE|DELETE|SELECT|SET|MERGE|TRUNCATE|DECLARE|WITH|BEGIN)\b/i;

/** `IF <condition> <statement>` (no ELSE): the two parts, the condition ending at the first top-level statement keyword. */
export function splitIfGuard(sql: string): { condition: string; body: string } | null {
  const m = /^\s*IF\s+/i.exec(sql);
  if (!m) return null;
  const bones = mask(sql);
  let depth = 0;
  for (let i = m[0].length; i < bones.length; i++) {
    const c = bones[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /\s/.test(bones[i - 1]!) && STATEMENT_START.test(bones.slice(i))) {
      if (/\bELSE\b/i.test(bones.slice(i))) return null;
      return { condition: sql.slice(m[0].length, i).trim(), body: sql.slice(i).trim() };
    }
  }
  return null;
}

/** `BEGIN TRY <statements> END TRY BEGIN CATCH <statements> END CATCH`: the statements of each part. */
export function splitTryCatch(sql: string): { tryBody: string[]; catchBody: string[] } | null {
  const bones = mask(sql);
  const m = /^\s*BEGIN\s+TRY\b([\s\S]*)\bEND\s+TRY\s+BEGIN\s+CATCH\b([\s\S]*)\bEND\s+CATCH\s*;?\s*$/i.exec(bones);
  if (!m) return null;
  const tryStart = m.index + m[0].indexOf(m[1]!);
  const catchStart = bones.indexOf(m[2]!, tryStart + m[1]!.length);
  return {
    tryBody: splitBatch(sql.slice(tryStart, tryStart + m[1]!.length)),
    catchBody: splitBatch(sql.slice(catchStart, catchStart + m[2]!.length)),
  };
}

/** The statements of a `BEGIN … END` block (not BEGIN TRY/CATCH/TRANSACTION), or null. */
export function blockBody(sql: string): string[] | null {
  const bones = mask(sql);
  const m = /^(\s*BEGIN\b)(?!\s+(TRY|CATCH|TRAN|TRANSACTION|DISTRIBUTED)\b)([\s\S]*)\bEND\s*;?\s*$/i.exec(bones);
  if (!m) return null;
  const start = m[1]!.length;
  return splitBatch(sql.slice(start, start + m[3]!.length));
}
