// The queries drizzle-kit's `pull` (introspect) runs against Postgres: the SQL text of drizzle-kit's
// pgSerializer.ts (fromDatabase and getColumnsInfoQuery, drizzle-kit 0.31), with the schema and table
// names filled in as drizzle-kit fills them. drizzle-kit itself is not a dependency (it needs esbuild's
// install script); `introspect` runs the same queries in the same order and gathers what drizzle-kit
// reads from each answer into a plain summary, so the SQLite tenant and the real Postgres can be compared.
import type pg from 'pg';

type DbRow = Record<string, unknown>;

export const DRIZZLE_QUERIES = {
  tables: (where: string): string => `SELECT
    n.nspname AS table_schema,
    c.relname AS table_name,
    CASE
        WHEN c.relkind = 'r' THEN 'table'
        WHEN c.relkind = 'v' THEN 'view'
        WHEN c.relkind = 'm' THEN 'materialized_view'
    END AS type,
\tc.relrowsecurity AS rls_enabled
FROM
    pg_catalog.pg_class c
JOIN
    pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE
\tc.relkind IN ('r', 'v', 'm')
    ${where === '' ? '' : ` AND ${where}`};`,

  schemas: `select s.nspname as table_schema
  from pg_catalog.pg_namespace s
  join pg_catalog.pg_user u on u.usesysid = s.nspowner
  where nspname not in ('information_schema', 'pg_catalog', 'public')
        and nspname not like 'pg_toast%'
        and nspname not like 'pg_temp_%'
  order by table_schema;`,

  sequences: (seqWhere: string): string =>
    `select schemaname, sequencename, start_value, min_value, max_value, increment_by, cycle, cache_size from pg_sequences as seq${seqWhere === '' ? '' : ` WHERE ${seqWhere}`};`,

  enums: (whereEnums: string): string => `select n.nspname as enum_schema,
  t.typname as enum_name,
  e.enumlabel as enum_value,
  e.enumsortorder as sort_order
  from pg_type t
  join pg_enum e on t.oid = e.enumtypid
  join pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  ${whereEnums === '' ? '' : ` WHERE ${whereEnums}`}
  order by enum_schema, enum_name, sort_order;`,

  roles: `SELECT rolname, rolinherit, rolcreatedb, rolcreaterole FROM pg_roles;`,

  policies: (wherePolicies: string): string =>
    `SELECT schemaname, tablename, policyname as name, permissive as "as", roles as to, cmd as for, qual as using, with_check as "withCheck" FROM pg_policies${wherePolicies === '' ? '' : ` WHERE ${wherePolicies}`};`,

  columns: (schema: string, table: string): string => `SELECT
    a.attrelid::regclass::text AS table_name,  -- Table, view, or materialized view name
    a.attname AS column_name,   -- Column name
    CASE
        WHEN NOT a.attisdropped THEN
            CASE
                WHEN a.attnotnull THEN 'NO'
                ELSE 'YES'
            END
        ELSE NULL
    END AS is_nullable,  -- NULL or NOT NULL constraint
    a.attndims AS array_dimensions,  -- Array dimensions
    CASE
        WHEN a.atttypid = ANY ('{int,int8,int2}'::regtype[])
        AND EXISTS (
            SELECT FROM pg_attrdef ad
            WHERE ad.adrelid = a.attrelid
            AND ad.adnum = a.attnum
            AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval('''
                || pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass || '''::regclass)'
        )
        THEN CASE a.atttypid
            WHEN 'int'::regtype THEN 'serial'
            WHEN 'int8'::regtype THEN 'bigserial'
            WHEN 'int2'::regtype THEN 'smallserial'
        END
        ELSE format_type(a.atttypid, a.atttypmod)
    END AS data_type,  -- Column data type
--    ns.nspname AS type_schema,  -- Schema name
    pg_get_serial_sequence('"${schema}"."${table}"', a.attname)::regclass AS seq_name,  -- Serial sequence (if any)
    c.column_default,  -- Column default value
    c.data_type AS additional_dt,  -- Data type from information_schema
    c.udt_name AS enum_name,  -- Enum type (if applicable)
    c.is_generated,  -- Is it a generated column?
    c.generation_expression,  -- Generation expression (if generated)
    c.is_identity,  -- Is it an identity column?
    c.identity_generation,  -- Identity generation strategy (ALWAYS or BY DEFAULT)
    c.identity_start,  -- Start value of identity column
    c.identity_increment,  -- Increment for identity column
    c.identity_maximum,  -- Maximum value for identity column
    c.identity_minimum,  -- Minimum value for identity column
    c.identity_cycle,  -- Does the identity column cycle?
    enum_ns.nspname AS type_schema  -- Schema of the enum type
FROM
    pg_attribute a
JOIN
    pg_class cls ON cls.oid = a.attrelid  -- Join pg_class to get table/view/materialized view info
JOIN
    pg_namespace ns ON ns.oid = cls.relnamespace  -- Join namespace to get schema info
LEFT JOIN
    information_schema.columns c ON c.column_name = a.attname
        AND c.table_schema = ns.nspname
        AND c.table_name = cls.relname  -- Match schema and table/view name
LEFT JOIN
    pg_type enum_t ON enum_t.oid = a.atttypid  -- Join to get the type info
LEFT JOIN
    pg_namespace enum_ns ON enum_ns.oid = enum_t.typnamespace  -- Join to get the enum schema
WHERE
    a.attnum > 0  -- Valid column numbers only
    AND NOT a.attisdropped  -- Skip dropped columns
    AND cls.relkind IN ('r', 'v', 'm')  -- Include regular tables ('r'), views ('v'), and materialized views ('m')
    AND ns.nspname = '${schema}'  -- Filter by schema
    AND cls.relname = '${table}'  -- Filter by table name
ORDER BY
    a.attnum;  -- Order by column number`,

  constraints: (schema: string, table: string): string => `SELECT c.column_name, c.data_type, constraint_type, constraint_name, constraint_schema
      FROM information_schema.table_constraints tc
      JOIN information_schema.constraint_column_usage AS ccu USING (constraint_schema, constraint_name)
      JOIN information_schema.columns AS c ON c.table_schema = tc.constraint_schema
        AND tc.table_name = c.table_name AND ccu.column_name = c.column_name
      WHERE tc.table_name = '${table}' and constraint_schema = '${schema}';`,

  checks: (schema: string, table: string): string => `SELECT
\t\t\t\t\t\ttc.constraint_name,
\t\t\t\t\t\ttc.constraint_type,
\t\t\t\t\t\tpg_get_constraintdef(con.oid) AS constraint_definition
\t\t\t\t\tFROM
\t\t\t\t\t\tinformation_schema.table_constraints AS tc
\t\t\t\t\t\tJOIN pg_constraint AS con
\t\t\t\t\t\t\tON tc.constraint_name = con.conname
\t\t\t\t\t\t\tAND con.conrelid = (
\t\t\t\t\t\t\t\tSELECT oid
\t\t\t\t\t\t\t\tFROM pg_class
\t\t\t\t\t\t\t\tWHERE relname = tc.table_name
\t\t\t\t\t\t\t\tAND relnamespace = (
\t\t\t\t\t\t\t\t\tSELECT oid
\t\t\t\t\t\t\t\t\tFROM pg_namespace
\t\t\t\t\t\t\t\t\tWHERE nspname = tc.constraint_schema
\t\t\t\t\t\t\t\t)
\t\t\t\t\t\t\t)
\t\t\t\t\tWHERE
\t\t\t\t\t\ttc.table_name = '${table}'
\t\t\t\t\t\tAND tc.constraint_schema = '${schema}'
\t\t\t\t\t\tAND tc.constraint_type = 'CHECK'
\t\t\t\t\t\tAND con.contype = 'c';`,

  foreignKeys: (schema: string, table: string): string => `SELECT
            con.contype AS constraint_type,
            nsp.nspname AS constraint_schema,
            con.conname AS constraint_name,
            rel.relname AS table_name,
            att.attname AS column_name,
            fnsp.nspname AS foreign_table_schema,
            frel.relname AS foreign_table_name,
            fatt.attname AS foreign_column_name,
            CASE con.confupdtype
              WHEN 'a' THEN 'NO ACTION'
              WHEN 'r' THEN 'RESTRICT'
              WHEN 'n' THEN 'SET NULL'
              WHEN 'c' THEN 'CASCADE'
              WHEN 'd' THEN 'SET DEFAULT'
            END AS update_rule,
            CASE con.confdeltype
              WHEN 'a' THEN 'NO ACTION'
              WHEN 'r' THEN 'RESTRICT'
              WHEN 'n' THEN 'SET NULL'
              WHEN 'c' THEN 'CASCADE'
              WHEN 'd' THEN 'SET DEFAULT'
            END AS delete_rule
          FROM
            pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid
            JOIN pg_catalog.pg_namespace nsp ON nsp.oid = con.connamespace
            LEFT JOIN pg_catalog.pg_attribute att ON att.attnum = ANY (con.conkey)
              AND att.attrelid = con.conrelid
            LEFT JOIN pg_catalog.pg_class frel ON frel.oid = con.confrelid
            LEFT JOIN pg_catalog.pg_namespace fnsp ON fnsp.oid = frel.relnamespace
            LEFT JOIN pg_catalog.pg_attribute fatt ON fatt.attnum = ANY (con.confkey)
              AND fatt.attrelid = con.confrelid
          WHERE
            nsp.nspname = '${schema}'
            AND rel.relname = '${table}'
            AND con.contype IN ('f');`,

  compositePk: `SELECT conname AS primary_key
            FROM   pg_constraint join pg_class on (pg_class.oid = conrelid)
            WHERE  contype = 'p'
            AND    connamespace = $1::regnamespace
            AND    pg_class.relname = $2;`,

  indexes: (schema: string, table: string): string => `SELECT  DISTINCT ON (t.relname, ic.relname, k.i) t.relname as table_name, ic.relname AS indexname,
        k.i AS index_order,
        i.indisunique as is_unique,
        am.amname as method,
        ic.reloptions as with,
        coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.i, false)) AS column_name,
          CASE
        WHEN pg_get_expr(i.indexprs, i.indrelid) IS NOT NULL THEN 1
        ELSE 0
    END AS is_expression,
        i.indoption[k.i-1] & 1 = 1 AS descending,
        i.indoption[k.i-1] & 2 = 2 AS nulls_first,
        pg_get_expr(
                              i.indpred,
                              i.indrelid
                          ) as where,
         opc.opcname
      FROM pg_class t
          LEFT JOIN pg_index i ON t.oid = i.indrelid
          LEFT JOIN pg_class ic ON ic.oid = i.indexrelid
\t\t  CROSS JOIN LATERAL (SELECT unnest(i.indkey), generate_subscripts(i.indkey, 1) + 1) AS k(attnum, i)
          LEFT JOIN pg_attribute AS a
            ON i.indrelid = a.attrelid AND k.attnum = a.attnum
          JOIN pg_namespace c on c.oid = t.relnamespace
        LEFT JOIN pg_am AS am ON ic.relam = am.oid
        JOIN pg_opclass opc ON opc.oid = ANY(i.indclass)
      WHERE
      c.nspname = '${schema}' AND
      t.relname = '${table}';`,

  indexConstraints: (schema: string, table: string): string => `SELECT
          idx.indexrelname AS index_name,
          idx.relname AS table_name,
          schemaname,
          CASE WHEN con.conname IS NOT NULL THEN 1 ELSE 0 END AS generated_by_constraint
        FROM
          pg_stat_user_indexes idx
        LEFT JOIN
          pg_constraint con ON con.conindid = idx.indexrelid
        WHERE idx.relname = '${table}' and schemaname = '${schema}'
        group by index_name, table_name,schemaname, generated_by_constraint;`,

  view: (schema: string, view: string): string => `
\t\t\t\t\tSELECT
    c.relname AS view_name,
    n.nspname AS schema_name,
    pg_get_viewdef(c.oid, true) AS definition,
    ts.spcname AS tablespace_name,
    c.reloptions AS options,
    pg_tablespace_location(ts.oid) AS location
FROM
    pg_class c
JOIN
    pg_namespace n ON c.relnamespace = n.oid
LEFT JOIN
    pg_tablespace ts ON c.reltablespace = ts.oid
WHERE
    (c.relkind = 'm' OR c.relkind = 'v')
    AND n.nspname = '${schema}'
    AND c.relname = '${view}';`,
};

export type IntrospectedColumn = {
  name: string;
  dataType: string;
  notNull: boolean;
  default: string | null;
  serialSequence: string | null;
  informationSchemaType: string;
  identity: string;
  generated: string;
};
export type IntrospectedIndex = { columns: string[]; unique: boolean; method: string; opclass: string[]; descending: boolean[]; nullsFirst: boolean[]; where: string | null; with: unknown };
export type IntrospectedTable = {
  rlsEnabled: boolean;
  columns: IntrospectedColumn[];
  primaryKey: string[];
  compositePrimaryKeyName: string | null;
  uniques: Record<string, string[]>;
  checks: Record<string, string>;
  foreignKeys: Record<string, { columns: string[]; schemaTo: string; tableTo: string; columnsTo: string[]; onUpdate: string; onDelete: string }>;
  indexes: Record<string, IntrospectedIndex>;
  constraintIndexes: string[];
};
export type Introspection = {
  schemas: string[];
  sequences: DbRow[];
  enums: DbRow[];
  roles: string[];
  policies: DbRow[];
  tables: Record<string, IntrospectedTable>;
  views: Record<string, { columns: IntrospectedColumn[]; definition: string; tablespace: unknown; options: unknown; location: unknown }>;
};

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function column(r: DbRow): IntrospectedColumn {
  return {
    name: str(r['column_name']),
    dataType: str(r['data_type']),
    notNull: r['is_nullable'] === 'NO',
    default: r['column_default'] === null ? null : str(r['column_default']),
    serialSequence: r['seq_name'] === null ? null : str(r['seq_name']),
    informationSchemaType: str(r['additional_dt']) + '/' + str(r['enum_name']) + '/' + str(r['type_schema']) + '/' + str(r['array_dimensions']),
    identity: [r['is_identity'], r['identity_generation'], r['identity_start'], r['identity_increment'], r['identity_maximum'], r['identity_minimum'], r['identity_cycle']].map(str).join('/'),
    generated: str(r['is_generated']) + '/' + str(r['generation_expression']),
  };
}

/** What introspect needs of a client: pg.Client, or anything that answers a query with parsed rows as it does. */
export type Queryable = { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> };

/** drizzle-kit's fromDatabase for `schema`, every query in its order (the index query left out when `indexes` is false); the answers as drizzle-kit reads them. */
export async function introspect(client: pg.Client | Queryable, schema = 'public', options: { indexes: boolean } = { indexes: true }): Promise<Introspection> {
  const q = async (sql: string, params: unknown[] = []): Promise<DbRow[]> => (await client.query(sql, params)).rows as DbRow[];
  const where = `n.nspname = '${schema}'`;
  const all = await q(DRIZZLE_QUERIES.tables(where));
  const schemas = (await q(DRIZZLE_QUERIES.schemas)).map((r) => str(r['table_schema']));
  const sequences = await q(DRIZZLE_QUERIES.sequences(`schemaname = '${schema}'`));
  const enums = await q(DRIZZLE_QUERIES.enums(where));
  const roles = (await q(DRIZZLE_QUERIES.roles)).map((r) => str(r['rolname']));
  const policies = await q(DRIZZLE_QUERIES.policies(`schemaname = '${schema}'`));
  const out: Introspection = { schemas, sequences, enums, roles, policies, tables: {}, views: {} };
  for (const row of all.filter((r) => r['type'] === 'table')) {
    const table = str(row['table_name']);
    const columns = await q(DRIZZLE_QUERIES.columns(schema, table));
    const constraints = await q(DRIZZLE_QUERIES.constraints(schema, table));
    const checks = await q(DRIZZLE_QUERIES.checks(schema, table));
    const fks = await q(DRIZZLE_QUERIES.foreignKeys(schema, table));
    const t: IntrospectedTable = {
      rlsEnabled: row['rls_enabled'] === true,
      columns: columns.map(column),
      primaryKey: constraints.filter((c) => c['constraint_type'] === 'PRIMARY KEY').map((c) => str(c['column_name'])),
      compositePrimaryKeyName: null,
      uniques: {},
      checks: {},
      foreignKeys: {},
      indexes: {},
      constraintIndexes: [],
    };
    if (t.primaryKey.length > 1) t.compositePrimaryKeyName = str((await q(DRIZZLE_QUERIES.compositePk, [schema, table]))[0]?.['primary_key']);
    for (const c of constraints.filter((c) => c['constraint_type'] === 'UNIQUE')) (t.uniques[str(c['constraint_name'])] ??= []).push(str(c['column_name']));
    for (const c of checks) t.checks[str(c['constraint_name'])] = str(c['constraint_definition']);
    for (const fk of fks) {
      const name = str(fk['constraint_name']);
      const entry = (t.foreignKeys[name] ??= { columns: [], schemaTo: str(fk['foreign_table_schema']), tableTo: str(fk['foreign_table_name']), columnsTo: [], onUpdate: str(fk['update_rule']), onDelete: str(fk['delete_rule']) });
      if (!entry.columns.includes(str(fk['column_name']))) entry.columns.push(str(fk['column_name']));
      if (!entry.columnsTo.includes(str(fk['foreign_column_name']))) entry.columnsTo.push(str(fk['foreign_column_name']));
    }
    const indexes = options.indexes ? await q(DRIZZLE_QUERIES.indexes(schema, table)) : [];
    const fromConstraints = await q(DRIZZLE_QUERIES.indexConstraints(schema, table));
    t.constraintIndexes = fromConstraints.filter((r) => r['generated_by_constraint'] === 1).map((r) => str(r['index_name'])).sort();
    for (const ix of indexes) {
      const name = str(ix['indexname']);
      if (t.constraintIndexes.includes(name)) continue;
      const entry = (t.indexes[name] ??= { columns: [], unique: ix['is_unique'] === true, method: str(ix['method']), opclass: [], descending: [], nullsFirst: [], where: ix['where'] === null ? null : str(ix['where']), with: ix['with'] });
      entry.columns.push(str(ix['column_name']));
      entry.opclass.push(str(ix['opcname']));
      entry.descending.push(ix['descending'] === true);
      entry.nullsFirst.push(ix['nulls_first'] === true);
    }
    out.tables[table] = t;
  }
  for (const row of all.filter((r) => r['type'] === 'view' || r['type'] === 'materialized_view')) {
    const view = str(row['table_name']);
    const columns = (await q(DRIZZLE_QUERIES.columns(schema, view))).map(column);
    const [info] = await q(DRIZZLE_QUERIES.view(schema, view));
    out.views[view] = { columns, definition: str(info?.['definition']).replace(/\s+/g, ' ').replace(';', '').trim(), tablespace: info?.['tablespace_name'], options: info?.['options'], location: info?.['location'] };
  }
  return out;
}
