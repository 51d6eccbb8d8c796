// A small lexer over PostgreSQL text that knows where strings, quoted identifiers, dollar quotes and
// comments begin and end. It splits multi-statement strings on top-level semicolons and yields the
// leading keywords of each statement; the full grammar lives in the parser (rewrite engine issue).

export type StatementSpan = { start: number; end: number };

/** Index just past a quoted/commented region starting at i, or i when none starts there. */
function skipRegion(sql: string, i: number): number {
  const c = sql.charCodeAt(i);
  const next = sql.charCodeAt(i + 1);
  if (c === 0x2d && next === 0x2d) {
    const nl = sql.indexOf('\n', i + 2);
    return nl < 0 ? sql.length : nl + 1;
  }
  if (c === 0x2f && next === 0x2a) return skipBlockComment(sql, i);
  if (c === 0x27 || c === 0x22) return skipQuoted(sql, i, c);
  if (c === 0x24) return skipDollarQuote(sql, i);
  return i;
}

function skipBlockComment(sql: string, i: number): number {
  // Postgres block comments nest.
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return sql.length;
}

function skipQuoted(sql: string, i: number, quote: number): number {
  let j = i + 1;
  // E'' strings allow backslash escapes; a preceding E/e makes the quote escape-aware.
  const escapes = quote === 0x27 && i > 0 && (sql.charCodeAt(i - 1) | 0x20) === 0x65;
  while (j < sql.length) {
    const c = sql.charCodeAt(j);
    if (escapes && c === 0x5c) j += 2;
    else if (c === quote) {
      if (sql.charCodeAt(j + 1) === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

function skipDollarQuote(sql: string, i: number): number {
  const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64));
  if (!m) return i; // a $1 parameter, not a quote
  const tag = m[0];
  const close = sql.indexOf(tag, i + tag.length);
  return close < 0 ? sql.length : close + tag.length;
}

/** Top-level statements of a (possibly multi-statement) string, empty ones dropped. */
export function splitStatements(sql: string): StatementSpan[] {
  const spans: StatementSpan[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const after = skipRegion(sql, i);
    if (after !== i) {
      i = after;
      continue;
    }
    if (sql.charCodeAt(i) === 0x3b) {
      if (sql.slice(start, i).trim() !== '') spans.push({ start, end: i });
      start = i + 1;
    }
    i++;
  }
  if (sql.slice(start).trim() !== '') spans.push({ start, end: sql.length });
  return spans;
}

/** The first `count` words of a statement, lower-cased, skipping comments; quoted tokens kept verbatim. */
export function leadingWords(sql: string, span: StatementSpan, count: number): string[] {
  const words: string[] = [];
  let i = span.start;
  while (i < span.end && words.length < count) {
    const c = sql.charCodeAt(i);
    if (c <= 0x20) {
      i++;
      continue;
    }
    const after = skipRegion(sql, i);
    if (after !== i) {
      if (c === 0x27 || c === 0x22 || c === 0x24) words.push(sql.slice(i, after));
      i = after;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z_0-9$.]*|^./.exec(sql.slice(i, Math.min(span.end, i + 128)));
    const token = m ? m[0] : sql[i]!;
    words.push(token.toLowerCase());
    i += token.length;
  }
  return words;
}
