// The admin console's command language (PgBouncer's, per tenant): not SQL, so a small tokenizer and a
// table of verbs instead of the SQL parser. Keywords are case-insensitive; a tenant name is taken as
// written (unquoted, or in double or single quotes). A Query string may hold several commands
// separated by semicolons; like Postgres, a syntax error anywhere means none of them runs.

export const SHOW_TARGETS = ['TENANTS', 'POOLS', 'CLIENTS', 'SERVERS', 'STATS', 'CONFIG', 'VERSION', 'HELP'] as const;
export type ShowTarget = (typeof SHOW_TARGETS)[number];

export type AdminCommand =
  | { readonly kind: 'show'; readonly target: ShowTarget }
  | { readonly kind: 'reload' | 'shutdown' }
  | { readonly kind: 'pause' | 'resume'; readonly tenant: string | null }
  | { readonly kind: 'kill'; readonly tenant: string };

export type ParsedCommand = { readonly text: string; readonly command: AdminCommand };
export type ParseFailure = { readonly error: string; readonly sqlState: '42601' | '0A000' };

export const COMMAND_LIST = `SHOW ${SHOW_TARGETS.join('|')}, RELOAD, PAUSE [tenant], RESUME [tenant], KILL tenant, SHUTDOWN`;

// PgBouncer console commands pgfabric does not have: named as unsupported rather than as typos.
const PGBOUNCER_ONLY = new Set(['SET', 'SUSPEND', 'DISABLE', 'ENABLE', 'RECONNECT', 'WAIT_CLOSE']);

type Token = { readonly text: string; readonly quoted: boolean };

/** The commands of one Query string, in order ([] for an empty string), or the first problem. */
export function parseAdminQuery(sql: string): ParsedCommand[] | ParseFailure {
  const statements = splitStatements(sql);
  if (!Array.isArray(statements)) return statements;
  const out: ParsedCommand[] = [];
  for (const tokens of statements) {
    if (tokens.length === 0) continue;
    const text = tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
    const command = parseCommand(tokens, text);
    if ('error' in command) return command;
    out.push({ text, command });
  }
  return out;
}

function parseCommand(tokens: readonly Token[], text: string): AdminCommand | ParseFailure {
  const verb = keyword(tokens[0]);
  const args = tokens.slice(1);
  switch (verb) {
    case 'SHOW': {
      const target = keyword(args[0]);
      if (args.length !== 1) return syntax(args.length === 0 ? 'SHOW needs one of ' + SHOW_TARGETS.join(', ') : `SHOW takes one word, got "${text}"`);
      if ((SHOW_TARGETS as readonly string[]).includes(target)) return { kind: 'show', target: target as ShowTarget };
      return unsupported(`"${text}" is not a command of the pgfabric admin console`);
    }
    case 'RELOAD':
    case 'SHUTDOWN':
      if (args.length > 0) return syntax(`${verb} takes no argument, got "${text}"`);
      return { kind: verb === 'RELOAD' ? 'reload' : 'shutdown' };
    case 'PAUSE':
    case 'RESUME':
      if (args.length > 1) return syntax(`${verb} takes at most one tenant, got "${text}"`);
      return { kind: verb === 'PAUSE' ? 'pause' : 'resume', tenant: args[0]?.text ?? null };
    case 'KILL':
      if (args.length !== 1) return syntax(`KILL takes exactly one tenant, got "${text}"`);
      return { kind: 'kill', tenant: args[0]!.text };
    default:
      if (PGBOUNCER_ONLY.has(verb)) return unsupported(`"${text}" is a PgBouncer command that pgfabric does not have`);
      return syntax(`unknown admin console command "${text}"`);
  }
}

function keyword(token: Token | undefined): string {
  return token && !token.quoted ? token.text.toUpperCase() : '';
}

function syntax(message: string): ParseFailure {
  return { error: `${message}; the commands are: ${COMMAND_LIST}`, sqlState: '42601' };
}

function unsupported(message: string): ParseFailure {
  return { error: `${message}; the commands are: ${COMMAND_LIST}`, sqlState: '0A000' };
}

const WORD = /[A-Za-z0-9_.$-]/;

/** Tokens per statement; `--` comments run to the end of the line. */
function splitStatements(sql: string): Token[][] | ParseFailure {
  const statements: Token[][] = [[]];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const current = statements[statements.length - 1]!;
    if (/\s/.test(c)) i++;
    else if (c === ';') {
      statements.push([]);
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '"' || c === "'") {
      const quoted = readQuoted(sql, i, c);
      if (quoted === null) return syntax(`unterminated quoted name in "${sql.trim()}"`);
      current.push({ text: quoted.text, quoted: true });
      i = quoted.end;
    } else if (WORD.test(c)) {
      const start = i;
      while (i < sql.length && WORD.test(sql[i]!)) i++;
      current.push({ text: sql.slice(start, i), quoted: false });
    } else {
      return syntax(`unexpected character "${c}" in "${sql.trim()}"`);
    }
  }
  return statements;
}

/** A quoted name; a doubled quote stands for one (as in SQL). */
function readQuoted(sql: string, start: number, quote: string): { text: string; end: number } | null {
  let text = '';
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) text += sql[i];
    else if (sql[i + 1] === quote) {
      text += quote;
      i++;
    } else return { text, end: i + 1 };
  }
  return null;
}
