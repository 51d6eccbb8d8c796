// The catalog functions psql and ORMs call, over the emulated catalog (connectors/sqlite/catalog): most
// become a lookup in the attached pg_catalog database. Merged into FUNCTIONS by function-table.ts.
import type { CompileContext } from './compile-context.js';
import { coerce } from './coercion.js';
import { CompileError } from './compile-error.js';
import { expr, type Expr } from './expr.js';
import type { FunctionEntry } from './function-table.js';
import { arrayOf, T } from '../common/pg-types.js';
import { toRegclass } from './reg-casts.js';
import { call } from './sql-text.js';

type Compile = (ctx: CompileContext, args: Expr[]) => Expr;

function scalar(name: string, min: number, max: number, compile: Compile): [string, FunctionEntry] {
  return [name, {
    kind: 'scalar',
    compile(ctx, args) {
      if (args.length < min || args.length > max) throw new CompileError('42883', `function ${name} with ${args.length} arguments does not exist`);
      return compile(ctx, args);
    },
  }];
}

const text = (ctx: CompileContext, e: Expr): string => coerce(ctx, e, T('text'), 'explicit').sql;
const oid = (ctx: CompileContext, e: Expr): string => coerce(ctx, e, T('oid')).sql;
const regclass = (ctx: CompileContext, e: Expr): string => coerce(ctx, e, T('regclass')).sql;

/** Always-true answers: the tenant rules, not Postgres privileges, decide what a session may read. */
const privilege = (name: string, min: number, max: number): [string, FunctionEntry] => scalar(name, min, max, () => expr('1', T('bool'), name));
/** Functions over relations that are always empty here (triggers, statistics objects, publications). */
const nothing = (name: string, min: number, max: number, type = 'text'): [string, FunctionEntry] => scalar(name, min, max, () => expr('NULL', T(type), name));

const tablesOf = (r: string): string => `(SELECT "pgf_q".relname FROM "pg_catalog"."pg_class" AS "pgf_q" WHERE "pgf_q".oid = ${r})`;

function size(name: string): [string, FunctionEntry] {
  return scalar(name, 1, 1, (ctx, [rel]) => {
    const r = regclass(ctx, rel!);
    const tables = name === 'pg_relation_size' || name === 'pg_table_size' ? tablesOf(r) : null;
    const indexes = `(SELECT "pgf_q".relname FROM "pg_catalog"."pg_class" AS "pgf_q" WHERE "pgf_q".oid IN (SELECT "pgf_x".indexrelid FROM "pg_catalog"."pg_index" AS "pgf_x" WHERE "pgf_x".indrelid = ${r}))`;
    const names = name === 'pg_indexes_size' ? `name IN ${indexes}` : tables ? `name = ${tables}` : `(name = ${tablesOf(r)} OR name IN ${indexes})`;
    return expr(`(SELECT coalesce(sum(pgsize), 0) FROM dbstat('main') WHERE ${names})`, T('int8'), name);
  });
}

export const CATALOG_FUNCTIONS: readonly [string, FunctionEntry][] = [
  scalar('format_type', 2, 2, (ctx, [type, typmod]) => expr(call('pgf_format_type', oid(ctx, type!), typmod!.isNull ? 'NULL' : coerce(ctx, typmod!, T('int4')).sql), T('text'), 'format_type')),
  scalar('pg_get_expr', 2, 3, (ctx, [e]) => expr(text(ctx, e!), T('text'), 'pg_get_expr')),
  scalar('pg_table_is_visible', 1, 1, (ctx, [rel]) => expr(`EXISTS (SELECT 1 FROM "pg_catalog"."pg_class" AS "pgf_q" WHERE "pgf_q".oid = ${oid(ctx, rel!)})`, T('bool'), 'pg_table_is_visible')),
  scalar('pg_type_is_visible', 1, 1, (ctx, [t]) => expr(`EXISTS (SELECT 1 FROM "pg_catalog"."pg_type" AS "pgf_q" WHERE "pgf_q".oid = ${oid(ctx, t!)})`, T('bool'), 'pg_type_is_visible')),
  scalar('pg_get_userbyid', 1, 1, (ctx, [role]) => {
    const r = oid(ctx, role!);
    return expr(`(CASE ${r} WHEN 6171 THEN 'pg_database_owner' WHEN 10 THEN pgf_setting('session_authorization') ELSE 'unknown (OID=' || ${r} || ')' END)`, T('name'), 'pg_get_userbyid');
  }),
  // COMMENT ON is accepted without effect: there are no descriptions.
  scalar('obj_description', 1, 2, () => expr('NULL', T('text'), 'obj_description')),
  scalar('col_description', 2, 2, () => expr('NULL', T('text'), 'col_description')),
  scalar('shobj_description', 2, 2, () => expr('NULL', T('text'), 'shobj_description')),
  scalar('pg_get_indexdef', 1, 3, (ctx, args) => {
    const pretty = args.length === 3 ? coerce(ctx, args[2]!, T('bool')).sql : '0';
    const whole = `(SELECT CASE WHEN ${pretty} THEN "pgf_q".pgf_def ELSE "pgf_q".pgf_def_full END FROM "pg_catalog"."pg_index" AS "pgf_q" WHERE "pgf_q".indexrelid = ${oid(ctx, args[0]!)})`;
    if (args.length === 1 || args[1]!.intValue === 0) return expr(whole, T('text'), 'pg_get_indexdef');
    // Column n of the index: its column's name (index keys here are columns, never expressions).
    const n = coerce(ctx, args[1]!, T('int4')).sql;
    const column = `(SELECT pgf_quote_ident("pgf_a".attname) FROM "pg_catalog"."pg_index" AS "pgf_q" JOIN "pg_catalog"."pg_attribute" AS "pgf_a" ON "pgf_a".attrelid = "pgf_q".indrelid AND "pgf_a".attnum = pgf_array_get("pgf_q".indkey, ${n}) WHERE "pgf_q".indexrelid = ${oid(ctx, args[0]!)})`;
    return expr(`(CASE WHEN ${n} = 0 THEN ${whole} ELSE ${column} END)`, T('text'), 'pg_get_indexdef');
  }),
  // Only pg_default and pg_global exist: both live in the data directory, whose location Postgres prints as ''.
  scalar('pg_tablespace_location', 1, 1, (ctx, [ts]) => {
    const o = oid(ctx, ts!);
    return expr(`(CASE WHEN ${o} IS NULL THEN NULL WHEN ${o} IN (1663, 1664) THEN '' ELSE pgf_catalog_error('22023', 'tablespace with OID ' || ${o} || ' does not exist') END)`, T('text'), 'pg_tablespace_location');
  }),
  scalar('pg_get_constraintdef', 1, 2, (ctx, [con]) => expr(`(SELECT "pgf_q".pgf_def FROM "pg_catalog"."pg_constraint" AS "pgf_q" WHERE "pgf_q".oid = ${oid(ctx, con!)})`, T('text'), 'pg_get_constraintdef')),
  scalar('pg_get_viewdef', 1, 2, (ctx, [view]) => expr(`(SELECT "pgf_q".pgf_viewdef FROM "pg_catalog"."pg_class" AS "pgf_q" WHERE "pgf_q".oid = ${oid(ctx, view!)})`, T('text'), 'pg_get_viewdef')),
  size('pg_relation_size'),
  size('pg_table_size'),
  size('pg_total_relation_size'),
  size('pg_indexes_size'),
  scalar('pg_database_size', 1, 1, () => expr(`(SELECT coalesce(sum(pgsize), 0) FROM dbstat('main'))`, T('int8'), 'pg_database_size')),
  scalar('pg_size_pretty', 1, 1, (ctx, [n]) => expr(call('pgf_size_pretty', coerce(ctx, n!, n!.type.category === 'numeric' ? T('numeric') : T('int8')).sql), T('text'), 'pg_size_pretty')),
  privilege('has_table_privilege', 2, 3),
  privilege('has_schema_privilege', 2, 3),
  privilege('has_database_privilege', 2, 3),
  privilege('has_column_privilege', 3, 4),
  privilege('has_sequence_privilege', 2, 3),
  scalar('pg_encoding_to_char', 1, 1, (ctx, [n]) => expr(call('pgf_encoding_to_char', coerce(ctx, n!, T('int4')).sql), T('name'), 'pg_encoding_to_char')),
  scalar('array_upper', 2, 2, (ctx, [a, d]) => expr(call('pgf_array_upper', a!.sql, coerce(ctx, d!, T('int4')).sql), T('int4'), 'array_upper')),
  scalar('array_lower', 2, 2, (ctx, [a, d]) => expr(`(CASE WHEN ${call('pgf_array_upper', a!.sql, coerce(ctx, d!, T('int4')).sql)} IS NULL THEN NULL ELSE 1 END)`, T('int4'), 'array_lower')),
  scalar('pg_get_serial_sequence', 2, 2, (ctx, [table, column]) => {
    const rel = coerce(ctx, coerce(ctx, table!, T('text')), T('regclass')).sql;
    const sql = `(SELECT pgf_serial_sequence("pgf_d".adbin) FROM "pg_catalog"."pg_attrdef" AS "pgf_d" JOIN "pg_catalog"."pg_attribute" AS "pgf_a" ON "pgf_a".attrelid = "pgf_d".adrelid AND "pgf_a".attnum = "pgf_d".adnum WHERE "pgf_d".adrelid = ${rel} AND "pgf_a".attname = ${text(ctx, column!)})`;
    return expr(sql, T('text'), 'pg_get_serial_sequence');
  }),
  scalar('to_regclass', 1, 1, (ctx, [name]) => toRegclass(text(ctx, name!))),
  scalar('pg_relation_is_publishable', 1, 1, () => expr('0', T('bool'), 'pg_relation_is_publishable')),
  // No table is partitioned: a relation's only ancestor is itself.
  scalar('pg_partition_ancestors', 1, 1, (ctx, [rel]) => expr(regclass(ctx, rel!), T('regclass'), 'relid')),
  nothing('pg_get_statisticsobjdef_columns', 1, 1),
  nothing('pg_get_triggerdef', 1, 2),
  // A SQLite view has no rules of its own to list (pg_rewrite is empty): psql's \d+ asks anyway.
  nothing('pg_get_ruledef', 1, 2),
  scalar('current_schemas', 1, 1, (ctx, [implicit]) => expr(`(CASE WHEN ${coerce(ctx, implicit!, T('bool')).sql} THEN '{pg_catalog,public}' ELSE '{public}' END)`, arrayOf(T('name')), 'current_schemas')),
  scalar('pg_is_in_recovery', 0, 0, () => expr('0', T('bool'), 'pg_is_in_recovery')),
  scalar('pg_encoding_max_length', 1, 1, () => expr('4', T('int4'), 'pg_encoding_max_length')),
];


