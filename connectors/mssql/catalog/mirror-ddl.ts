// ServerModel → the Postgres DDL of an equivalent empty schema, for the SQLite mirror (mssql-catalog.ts)
// and, in tests, for a real Postgres to compare against. Types follow mssql-type-names.ts; IDENTITY becomes
// serial; constraints and indexes keep their SQL Server names. Defaults are translated where they are
// simple (numbers, strings, getdate() and friends → now(), newid() → gen_random_uuid()); the others are
// left out of the DDL and shown as their T-SQL text (defaultDisplay). A view's T-SQL body cannot be
// compiled: a view is mirrored as a table of its columns. Only the public (dbo) schema is mirrored: the
// SQLite catalog emulation has one user namespace.
import { pgTypeOfServer } from '../mssql-type-names.js';
import type { ServerColumn, ServerTable, ServerModel } from './server-model.js';

export type MirrorStatement = {
  /** The table the statement belongs to. */
  readonly table: string;
  readonly sql: string;
  /** A simpler statement to try when `sql` does not compile (CREATE TABLE: columns, types and NOT NULL only). */
  readonly fallback: string | null;
};

const SIMPLE_IDENT = /^[a-z_][a-z0-9_]*$/;
/** Postgres keywords that cannot be a bare column name. */
const RESERVED = new Set(['all', 'and', 'any', 'array', 'as', 'asc', 'both', 'case', 'cast', 'check', 'collate', 'column', 'constraint', 'create', 'current_date', 'current_time', 'current_timestamp', 'current_user', 'default', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'for', 'foreign', 'from', 'grant', 'group', 'having', 'in', 'into', 'leading', 'limit', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'primary', 'references', 'select', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'when', 'where', 'with']);

/** An identifier as Postgres's quote_ident prints it. */
export function quoteIdent(name: string): string {
  return SIMPLE_IDENT.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** The relations the mirror holds: the public (dbo) schema's. */
export function mirroredTables(model: ServerModel): ServerTable[] {
  return model.tables.filter((t) => t.schema === 'public');
}

/** CREATE TABLE per table (referenced tables first), foreign keys that close a cycle as ALTER TABLE, then CREATE INDEX. */
export function mirrorDdl(model: ServerModel): MirrorStatement[] {
  const tables = orderByReferences(mirroredTables(model));
  const names = new Set(tables.map((t) => t.name));
  const created = new Set<string>();
  const out: MirrorStatement[] = [];
  const later: MirrorStatement[] = [];
  for (const t of tables) {
    const parts = t.columns.map(columnDdl);
    if (t.kind === 'table') {
      if (t.primaryKey) parts.push(`CONSTRAINT ${quoteIdent(t.primaryKey.name)} PRIMARY KEY (${t.primaryKey.columns.map(quoteIdent).join(', ')})`);
      for (const u of t.uniqueConstraints) parts.push(`CONSTRAINT ${quoteIdent(u.name)} UNIQUE (${u.columns.map(quoteIdent).join(', ')})`);
      for (const c of t.checks) {
        const expr = checkExpression(c.definition);
        if (expr !== null) parts.push(`CONSTRAINT ${quoteIdent(c.name)} CHECK (${expr})`);
      }
      for (const fk of t.foreignKeys) {
        if (fk.refSchema !== 'public' || !names.has(fk.refTable)) continue;
        let def = `CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) REFERENCES ${quoteIdent(fk.refTable)} (${fk.refColumns.map(quoteIdent).join(', ')})`;
        if (fk.onUpdate !== 'NO ACTION') def += ` ON UPDATE ${fk.onUpdate}`;
        if (fk.onDelete !== 'NO ACTION') def += ` ON DELETE ${fk.onDelete}`;
        if (created.has(fk.refTable) || fk.refTable === t.name) parts.push(def);
        else later.push({ table: t.name, sql: `ALTER TABLE ${quoteIdent(t.name)} ADD ${def}`, fallback: null });
      }
    }
    out.push({ table: t.name, sql: `CREATE TABLE ${quoteIdent(t.name)} (${parts.join(', ')})`, fallback: `CREATE TABLE ${quoteIdent(t.name)} (${t.columns.map(plainColumnDdl).join(', ')})` });
    created.add(t.name);
  }
  out.push(...later);
  // SQL Server index names are unique per table, Postgres's per schema: a repeated one is prefixed with its table
  // here (the catalog shows the SQL Server name: mirror-model.ts).
  const used = new Set(tables.flatMap((t) => [t.name, ...(t.primaryKey ? [t.primaryKey.name] : []), ...t.uniqueConstraints.map((u) => u.name)]));
  for (const t of tables) {
    for (const ix of t.indexes) {
      const name = used.has(ix.name) ? `${t.name}_${ix.name}` : ix.name;
      used.add(name);
      out.push({ table: t.name, sql: `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(name)} ON ${quoteIdent(t.name)} (${ix.columns.map(quoteIdent).join(', ')})`, fallback: null });
    }
  }
  return out;
}

function columnDdl(c: ServerColumn): string {
  const serial = serialType(c);
  if (serial) return `${quoteIdent(c.name)} ${serial}`;
  const def = translateDefault(c);
  return `${plainColumnDdl(c)}${def ? ` DEFAULT ${def.ddl}` : ''}`;
}

function plainColumnDdl(c: ServerColumn): string {
  return `${quoteIdent(c.name)} ${pgType(c)}${c.nullable ? '' : ' NOT NULL'}`;
}

function pgType(c: ServerColumn): string {
  return pgTypeOfServer(c.typeName, c.maxLength, c.precision, c.scale).display;
}

/** IDENTITY on an integer column is Postgres's serial of that width (NOT NULL, a sequence default). */
function serialType(c: ServerColumn): string | null {
  if (!c.identity) return null;
  return { tinyint: 'smallserial', smallint: 'smallserial', int: 'serial', bigint: 'bigserial' }[c.typeName] ?? null;
}

/** The default Postgres would show for the column (\d, column_default), or null: translated, or the T-SQL text. */
export function defaultDisplay(table: string, c: ServerColumn): string | null {
  if (serialType(c)) return `nextval('${sequenceName(table, c.name).replaceAll("'", "''")}'::regclass)`;
  // DEFAULT NULL is no default to Postgres (it keeps no pg_attrdef row for a NULL constant).
  if (c.defaultDefinition === null || isNullDefault(c.defaultDefinition)) return null;
  return translateDefault(c)?.display ?? stripParens(c.defaultDefinition);
}

function isNullDefault(definition: string): boolean {
  return /^null$/i.test(stripParens(definition));
}

/** The sequence name Postgres gives a serial column, as regclass prints it (quoted when it must be). */
function sequenceName(table: string, column: string): string {
  return quoteIdent(`${table}_${column}_seq`);
}

type Translated = { ddl: string; display: string };

const NOW = /^(getdate|getutcdate|sysdatetime|sysutcdatetime|sysdatetimeoffset|current_timestamp)(\(\))?$/i;
const UUID_FN = /^(newid|newsequentialid)\(\)$/i;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const STRING = /^N?'((?:[^']|'')*)'$/;
const CONVERT = /^CONVERT\(\[?\w+\]?(?:\(\d+(?:,\d+)?\))?,(.*)\)$/i;

/** A SQL Server default constraint's definition in Postgres, when it is a simple constant or clock/uuid call. */
export function translateDefault(c: ServerColumn): Translated | null {
  if (c.defaultDefinition === null) return null;
  let body = stripParens(c.defaultDefinition);
  const conv = CONVERT.exec(body);
  if (conv) body = stripParens(conv[1]!);
  const type = pgTypeOfServer(c.typeName, c.maxLength, c.precision, c.scale);
  if (NOW.test(body)) return type.oid === 1082 || type.oid === 1083 || type.oid === 1114 || type.oid === 1184 ? { ddl: 'now()', display: 'now()' } : null;
  if (UUID_FN.test(body)) return type.oid === 2950 ? { ddl: 'gen_random_uuid()', display: 'gen_random_uuid()' } : null;
  if (NUMBER.test(body)) {
    if (type.oid === 16) return body === '0' ? { ddl: 'false', display: 'false' } : { ddl: 'true', display: 'true' };
    if (![21, 23, 20, 700, 701, 1700].includes(type.oid)) return null;
    const n = body.replace(/^\+/, '');
    // Postgres prints a negative constant quoted, with its own type (an integer or a numeric literal).
    if (n.startsWith('-')) return { ddl: n, display: `'${n}'::${n.includes('.') ? 'numeric' : 'integer'}` };
    return { ddl: n, display: n };
  }
  const str = STRING.exec(body);
  if (str) {
    const castName = castNameOf(type.oid, type.display);
    if (castName === null) return null;
    const literal = `'${str[1]!}'`;
    return { ddl: literal, display: `${literal}::${castName}` };
  }
  return null;
}

/** The type name a cast prints in a default (`'x'::character varying`, `'x'::bpchar`), for types a string default suits. */
function castNameOf(oid: number, display: string): string | null {
  switch (oid) {
    case 1043:
      return 'character varying';
    case 1042:
      return 'bpchar';
    case 25:
    case 1082:
    case 1083:
    case 1114:
    case 1184:
    case 2950:
      return display;
    default:
      return null;
  }
}

/** `((0))` → `0`: SQL Server wraps every stored expression in parentheses. */
export function stripParens(s: string): string {
  let out = s.trim();
  while (out.startsWith('(') && closingParen(out, 0) === out.length - 1) out = out.slice(1, -1).trim();
  return out;
}

function closingParen(s: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && --depth === 0) return i;
  }
  return -1;
}

const CHECK_TOKEN = /\s*(\[(?:[^\]]|\]\])+\]|N?'(?:[^']|'')*'|\d+(?:\.\d+)?|<>|<=|>=|!=|[<>=()]|AND\b|OR\b|NOT\b|IS\b|NULL\b|IN\b|,)/iy;

/**
 * A CHECK constraint's T-SQL in Postgres, for the simple forms SQL Server stores (`([qty]>(0))`,
 * `([a]>=(0) AND [b] IS NOT NULL)`, `([status]='b' OR [status]='a')`): bracketed names, numbers, strings,
 * comparisons, AND/OR/NOT, IS [NOT] NULL, IN. Anything else is null (left out of the DDL; LIKE too: T-SQL's
 * patterns have [a-z] classes that Postgres's LIKE reads literally).
 */
export function checkExpression(tsql: string): string | null {
  const out: string[] = [];
  CHECK_TOKEN.lastIndex = 0;
  let pos = 0;
  const body = tsql.trim();
  while (pos < body.length) {
    CHECK_TOKEN.lastIndex = pos;
    const m = CHECK_TOKEN.exec(body);
    if (!m) return body.slice(pos).trim() === '' ? out.join(' ') : null;
    pos = CHECK_TOKEN.lastIndex;
    const tok = m[1]!;
    if (tok.startsWith('[')) out.push(quoteIdent(tok.slice(1, -1).replaceAll(']]', ']')));
    else if (/^N'/i.test(tok)) out.push(tok.slice(1));
    else out.push(/^[a-z]+$/i.test(tok) ? tok.toUpperCase() : tok === '!=' ? '<>' : tok);
  }
  return out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/ ,/g, ',');
}

/** Tables that others reference come first (a cycle keeps the model's order; mirrorDdl adds those keys afterwards). */
function orderByReferences(tables: readonly ServerTable[]): ServerTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: ServerTable[] = [];
  const visit = (t: ServerTable): void => {
    if (done.has(t.name) || visiting.has(t.name)) return;
    visiting.add(t.name);
    for (const fk of t.foreignKeys) {
      const ref = fk.refSchema === 'public' ? byName.get(fk.refTable) : undefined;
      if (ref && ref !== t) visit(ref);
    }
    visiting.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}
