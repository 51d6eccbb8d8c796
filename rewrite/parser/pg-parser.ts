// The only place that touches the PostgreSQL parser (libpg-query, WASM) and its printer
// (pgsql-deparser), same major version. The WASM module is loaded once (loadParser) before the first
// statement; after that parsing and printing are synchronous.
import { fingerprintSync, loadModule, normalizeSync, parseSync } from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';
import type { Node, ParseResult } from 'libpg-query';

let loaded: Promise<void> | null = null;
let ready = false;

export function loadParser(): Promise<void> {
  loaded ??= loadModule().then(() => {
    ready = true;
  });
  return loaded;
}

/** One statement and where its text is in the string (length 0 = to the end). */
export type ParsedStatement = { stmt: Node; location: number; length: number };

export type Parsed = { kind: 'parsed'; statements: ParsedStatement[] } | { kind: 'syntax-error'; message: string; position?: number };

export function parseSql(sql: string): Parsed {
  if (!ready) throw new Error('parser not loaded: await loadParser() first');
  try {
    const tree = parseSync(sql) as ParseResult;
    const statements: ParsedStatement[] = [];
    for (const raw of tree.stmts ?? []) if (raw.stmt) statements.push({ stmt: raw.stmt, location: raw.stmt_location ?? 0, length: raw.stmt_len ?? 0 });
    return { kind: 'parsed', statements };
  } catch (err) {
    const e = err as { message?: string; sqlDetails?: { cursorPosition?: number } };
    const position = e.sqlDetails?.cursorPosition;
    return { kind: 'syntax-error', message: e.message ?? String(err), ...(position === undefined ? {} : { position: position + 1 }) };
  }
}

/** Prints one statement on one line. */
export function printStatement(stmt: Node): string {
  const channel = printChannelStatement(stmt);
  if (channel !== null) return channel;
  return deparseSync({ version: 180004, stmts: [{ stmt }] } as ParseResult, { pretty: false });
}

/** A stable fingerprint of a statement's shape (constants ignored), for audit logs; '' when it does not parse. */
export function statementFingerprint(sql: string): string {
  try {
    return fingerprintSync(sql);
  } catch {
    return '';
  }
}

// pgsql-deparser 18 prints LISTEN/UNLISTEN/NOTIFY channel names unquoted (LISTEN "a:b" becomes the
// invalid LISTEN a:b), so these three are printed here.
function printChannelStatement(stmt: Node): string | null {
  const s = stmt as Record<string, { conditionname?: string; payload?: string } | undefined>;
  const listen = s['ListenStmt'];
  if (listen?.conditionname !== undefined) return `LISTEN ${quoteIdent(listen.conditionname)}`;
  const unlisten = s['UnlistenStmt'];
  if (unlisten) return unlisten.conditionname === undefined ? 'UNLISTEN *' : `UNLISTEN ${quoteIdent(unlisten.conditionname)}`;
  const notify = s['NotifyStmt'];
  if (notify?.conditionname !== undefined) {
    return `NOTIFY ${quoteIdent(notify.conditionname)}` + (notify.payload === undefined ? '' : `, ${quoteLiteral(notify.payload)}`);
  }
  return null;
}

function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** E'…' so the meaning does not depend on standard_conforming_strings. */
function quoteLiteral(value: string): string {
  return "E'" + value.replaceAll('\\', '\\\\').replaceAll("'", "''") + "'";
}

/** The statement with every literal replaced by $n (for logs: no values, no parameters); '' when it does not parse. */
export function redactedStatement(sql: string): string {
  try {
    return normalizeSync(sql);
  } catch {
    return '';
  }
}
