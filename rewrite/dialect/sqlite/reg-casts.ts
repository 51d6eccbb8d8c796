// regclass, regtype and regnamespace: stored as the OID (so they compare with oid columns), read from
// names through the emulated catalog, and printed as names — by casts to text and, for the columns a
// statement returns, by wrapping its result (the connector encodes values without looking anything up).
import type { CompileContext } from './compile-context.js';
import { CompileError, unsupported } from './compile-error.js';
import { expr, type Expr } from './expr.js';
import { pgType, T, type PgType } from '../common/pg-types.js';
import type { ShapeColumn } from '../common/scope.js';
import { call, ident, literal } from './sql-text.js';

const REG = new Set(['regclass', 'regtype', 'regnamespace']);
/** The same OIDs as connectors/sqlite/catalog/catalog-oids.ts. */
const NAMESPACES: Record<string, number> = { pg_catalog: 11, public: 2200, information_schema: 13000 };

export function isRegType(type: PgType): boolean {
  return REG.has(type.name);
}

/** The coercion when either side is a reg* type; null when neither is. */
export function regCoercion(ctx: CompileContext, e: Expr, to: PgType): Expr | null {
  const from = e.type;
  if (to.elem && isRegType(to.elem) && e.unknownText !== undefined) return { ...regArrayLiteral(e.unknownText, to), name: e.name };
  if (!isRegType(to) && !isRegType(from)) return null;
  if (from.name === to.name) return e;
  if (isRegType(to)) {
    if (e.unknownText !== undefined) return { ...regLiteral(e.unknownText, to), name: e.name };
    if (from.category === 'int' || from.category === 'oid') return { ...e, type: to };
    if (from.category === 'text' || from.category === 'unknown') return { sql: regFromText(e.sql, to), type: to, name: e.name };
    throw new CompileError('42846', `cannot cast type ${from.name} to ${to.name}`);
  }
  if (to.category === 'int' || to.category === 'oid') return { ...e, type: to };
  if (to.category === 'text') return { sql: regText(e.sql, from), type: to, name: e.name };
  void ctx;
  throw new CompileError('42846', `cannot cast type ${from.name} to ${to.name}`);
}

function classByName(nameSql: string, display: string, missingOk: boolean): string {
  const lookup = `(SELECT "pgf_rc".oid FROM "pg_catalog"."pg_class" AS "pgf_rc" WHERE "pgf_rc".relname = ${nameSql})`;
  return missingOk ? lookup : call('coalesce', lookup, call('pgf_catalog_error', literal('42P01'), display));
}

function regLiteral(text: string, to: PgType): Expr {
  if (/^\s*\d+\s*$/.test(text)) return expr(String(Number(text)), to);
  switch (to.name) {
    case 'regclass':
      return expr(classByName(call('pgf_regclass_name', literal(text)), literal(`relation "${text}" does not exist`), false), to);
    case 'regtype': {
      const name = text.trim().replace(/^pg_catalog\./, '').replaceAll('"', '');
      const type = pgType(name.endsWith('[]') ? '_' + name.slice(0, -2) : name);
      if (!type) throw new CompileError('42704', `type "${text}" does not exist`);
      return expr(String(type.oid), to);
    }
    default: {
      const oid = NAMESPACES[text.trim().replaceAll('"', '')];
      if (oid === undefined) throw new CompileError('3F000', `schema "${text}" does not exist`);
      return expr(String(oid), to);
    }
  }
}

/** '{int,int8}'::regtype[]: the array of the elements' OIDs (a one-dimensional literal of plain names). */
function regArrayLiteral(text: string, to: PgType): Expr {
  const m = /^\s*\{(.*)\}\s*$/s.exec(text);
  if (!m || /[{}\\]/.test(m[1]!)) throw unsupported(`this ${to.elem!.name}[] literal`);
  const items = m[1]!.trim() === '' ? [] : m[1]!.split(',').map((s) => s.trim().replace(/^"(.*)"$/s, '$1'));
  const parts = items.map((item) => `(${regLiteral(item, to.elem!).sql})`);
  return expr(parts.length === 0 ? `'{}'` : `('{' || ${parts.join(` || ',' || `)} || '}')`, to);
}

function regFromText(sql: string, to: PgType): string {
  switch (to.name) {
    case 'regclass':
      return `(CASE WHEN ${sql} IS NULL THEN NULL WHEN ${sql} GLOB '[0-9]*' THEN CAST(${sql} AS INTEGER) ELSE ${classByName(call('pgf_regclass_name', sql), `'relation "' || ${sql} || '" does not exist'`, false)} END)`;
    case 'regtype':
      return call('pgf_regtype_in', sql);
    default:
      return `(CASE WHEN ${sql} IS NULL THEN NULL ELSE coalesce((SELECT "pgf_rn".oid FROM "pg_catalog"."pg_namespace" AS "pgf_rn" WHERE "pgf_rn".nspname = ${sql}), ${call('pgf_catalog_error', literal('3F000'), `'schema "' || ${sql} || '" does not exist'`)}) END)`;
  }
}

/** A parameter typed as a reg* type: its value arrives as the input text (a name or an OID), read like a cast from text. */
export function regParam(sql: string, type: PgType): string {
  const numeric = `CAST(${sql} AS INTEGER)`;
  return `(CASE WHEN ${sql} IS NULL THEN NULL WHEN CAST(${sql} AS TEXT) GLOB '[0-9]*' THEN ${numeric} ELSE ${regFromText(`CAST(${sql} AS TEXT)`, type)} END)`;
}

/** A reg* value as Postgres prints it (a name; the number when nothing has that OID). */
export function regText(sql: string, type: PgType): string {
  switch (type.name) {
    case 'regclass':
      return call('coalesce', `(SELECT pgf_quote_ident("pgf_rc".relname) FROM "pg_catalog"."pg_class" AS "pgf_rc" WHERE "pgf_rc".oid = ${sql})`, `CAST(${sql} AS TEXT)`);
    case 'regtype':
      return `(CASE WHEN ${sql} IS NULL THEN NULL ELSE pgf_format_type(${sql}, NULL) END)`;
    default:
      return call('coalesce', `(SELECT pgf_quote_ident("pgf_rn".nspname) FROM "pg_catalog"."pg_namespace" AS "pgf_rn" WHERE "pgf_rn".oid = ${sql})`, `CAST(${sql} AS TEXT)`);
  }
}

/** to_regclass(text): the OID, or NULL when no such relation. */
export function toRegclass(sql: string): Expr {
  return expr(classByName(call('pgf_regclass_name', sql), 'NULL', true), T('regclass'), 'to_regclass');
}

/** The statement's result with reg* columns printed as names (the columns keep their reg* type). */
export function regOutputs(q: { sql: string; columns: ShapeColumn[] }): { sql: string; columns: ShapeColumn[] } {
  // An array of reg* values is kept as OIDs: printing it would need each element looked up.
  if (q.columns.some((c) => c.type.elem && isRegType(c.type.elem))) throw unsupported('a regclass[]/regtype[]/regnamespace[] result column');
  if (!q.columns.some((c) => isRegType(c.type))) return q;
  const names = q.columns.map((c) => c.name);
  if (new Set(names).size !== names.length) throw unsupported('a result with duplicate column names and a regclass/regtype column');
  const select = q.columns.map((c) => `${isRegType(c.type) ? regText(`"pgf_reg".${ident(c.name)}`, c.type) : ident(c.name)} AS ${ident(c.name)}`);
  return { sql: `SELECT ${select.join(', ')} FROM (${q.sql}) AS "pgf_reg"`, columns: q.columns };
}
