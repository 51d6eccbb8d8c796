// Rows for the file-dependent catalog tables, built from the model (pg_class, pg_attribute, pg_attrdef,
// pg_index, pg_constraint and the information_schema tables), as column → storage value maps.
import { BTREE_AM, CURRENT_ROLE_OID, HEAP_AM, NAMESPACE, objectOid } from './catalog-oids.js';
import { referencedIndex, type ModelCheck, type ModelColumn, type ModelForeignKey, type ModelIndex, type ModelRelation } from './catalog-model.js';
import { defaultOpclass } from './catalog-static.js';
import { parseDisplayType, typeByOid } from './catalog-types.js';

export type Row = Record<string, string | number | null>;
export type CatalogRows = Record<string, Row[]>;

const b = (v: boolean): number => (v ? 1 : 0);
/** No row security, partitions, inheritance, typed tables or tablespaces of their own: false and 0, as Postgres shows them. */
const NO_RLS: Row = { reltablespace: 0, reloftype: 0, relisshared: 0, relhassubclass: 0, relrowsecurity: 0, relforcerowsecurity: 0, relispartition: 0 };
const yesNo = (v: boolean): string => (v ? 'YES' : 'NO');
const quoteIdent = (s: string): string => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replaceAll('"', '""')}"`);
const ACTION: Record<string, string> = { 'NO ACTION': 'a', RESTRICT: 'r', CASCADE: 'c', 'SET NULL': 'n', 'SET DEFAULT': 'd' };

function attnums(r: ModelRelation, names: readonly string[]): number[] {
  return names.map((n) => r.columns.find((c) => c.name === n)?.attnum ?? 0);
}

function indexDef(r: ModelRelation, ix: ModelIndex, qualified: boolean): string {
  const table = (qualified ? 'public.' : '') + quoteIdent(r.name);
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} ON ${table} USING btree (${ix.columns.map(quoteIdent).join(', ')})`;
}

function fkDef(fk: ModelForeignKey): string {
  let def = `FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) REFERENCES ${quoteIdent(fk.refTable)}(${fk.refColumns.map(quoteIdent).join(', ')})`;
  if (fk.onUpdate !== 'NO ACTION') def += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.onDelete !== 'NO ACTION') def += ` ON DELETE ${fk.onDelete}`;
  return def;
}

export function catalogRows(relations: readonly ModelRelation[], database: string, user: string): CatalogRows {
  const rows: CatalogRows = { pg_class: [], pg_attribute: [], pg_attrdef: [], pg_index: [], pg_constraint: [], tables: [], columns: [], views: [], table_constraints: [], key_column_usage: [], referential_constraints: [], constraint_column_usage: [], schemata: [] };
  const info = { table_catalog: database, table_schema: 'public' };
  for (const [schema, owner] of [['information_schema', user], ['pg_catalog', user], ['public', 'pg_database_owner']] as const) {
    rows['schemata']!.push({ catalog_name: database, schema_name: schema, schema_owner: owner });
  }
  // Foreign keys are enforced by triggers in Postgres, on both tables: psql shows them only when relhastriggers.
  const withTriggers = new Set(relations.flatMap((r) => (r.foreignKeys.length ? [r.name, ...r.foreignKeys.map((f) => f.refTable)] : [])));
  for (const r of relations) {
    const isTable = r.kind === 'table';
    rows['pg_class']!.push({
      oid: r.oid, relname: r.name, relnamespace: NAMESPACE.public, relowner: CURRENT_ROLE_OID, relam: isTable ? HEAP_AM : 0, relfilenode: isTable ? r.oid : 0,
      reltuples: -1, relhasindex: b(r.indexes.length > 0), relpersistence: 'p', relkind: isTable ? 'r' : 'v', relnatts: r.columns.length, relchecks: r.checks.length, pgf_viewdef: r.viewDefinition,
      relhasrules: b(!isTable), relhastriggers: b(withTriggers.has(r.name)), relispopulated: 1, relreplident: isTable ? 'd' : 'n', ...NO_RLS,
    });
    rows['tables']!.push({ ...info, table_name: r.name, table_type: isTable ? 'BASE TABLE' : 'VIEW', is_insertable_into: yesNo(isTable), is_typed: 'NO' });
    if (!isTable) rows['views']!.push({ ...info, table_name: r.name, view_definition: r.viewDefinition, check_option: 'NONE', is_updatable: 'NO', is_insertable_into: 'NO', is_trigger_updatable: 'NO', is_trigger_deletable: 'NO', is_trigger_insertable_into: 'NO' });
    for (const c of r.columns) addColumn(rows, r, c, info);
    for (const ix of r.indexes) addIndex(rows, r, ix, info);
    for (const fk of r.foreignKeys) addForeignKey(rows, relations, r, fk, info);
    for (const check of r.checks) addCheck(rows, r, check, info);
  }
  return rows;
}

function addColumn(rows: CatalogRows, r: ModelRelation, c: ModelColumn, info: Row): void {
  const { oid, typmod } = parseDisplayType(c.pgType);
  rows['pg_attribute']!.push(attributeRow(r.oid, c.name, c.attnum, c.pgType, c.notNull, c.defaultExpr !== null));
  if (c.defaultExpr !== null) rows['pg_attrdef']!.push({ oid: objectOid('def', `${r.name}.${c.name}`), adrelid: r.oid, adnum: c.attnum, adbin: c.defaultExpr });
  rows['columns']!.push({ ...info, table_name: r.name, column_name: c.name, ordinal_position: c.attnum, column_default: c.defaultExpr, is_nullable: yesNo(!c.notNull), ...columnTypeFacts(oid, typmod), dtd_identifier: String(c.attnum), is_self_referencing: 'NO', is_identity: 'NO', identity_cycle: 'NO', is_generated: 'NEVER', is_updatable: yesNo(r.kind === 'table') });
  if (c.notNull && r.kind === 'table') {
    const name = `${NAMESPACE.public}_${r.oid}_${c.attnum}_not_null`;
    rows['table_constraints']!.push({ constraint_catalog: info['table_catalog']!, constraint_schema: 'public', constraint_name: name, ...info, table_name: r.name, constraint_type: 'CHECK', is_deferrable: 'NO', initially_deferred: 'NO', enforced: 'YES' });
  }
}

/** information_schema.columns' type columns, as Postgres derives them from the type and typmod. */
function columnTypeFacts(oid: number, typmod: number): Row {
  const t = typeByOid(oid)!;
  const base = t.typelem ? typeByOid(t.typelem)! : t;
  const facts: Row = { data_type: t.typelem ? 'ARRAY' : t.display, udt_catalog: null, udt_schema: 'pg_catalog', udt_name: t.typname };
  if (t.typelem) return facts;
  switch (base.typname) {
    case 'varchar':
    case 'bpchar':
    case 'text':
      facts['character_maximum_length'] = typmod >= 4 ? typmod - 4 : null;
      facts['character_octet_length'] = typmod >= 4 ? (typmod - 4) * 4 : 1073741824;
      break;
    case 'int2':
    case 'int4':
    case 'int8':
      Object.assign(facts, { numeric_precision: { int2: 16, int4: 32, int8: 64 }[base.typname], numeric_precision_radix: 2, numeric_scale: 0 });
      break;
    case 'float4':
    case 'float8':
      Object.assign(facts, { numeric_precision: base.typname === 'float4' ? 24 : 53, numeric_precision_radix: 2 });
      break;
    case 'numeric':
      facts['numeric_precision_radix'] = 10;
      if (typmod >= 4) Object.assign(facts, { numeric_precision: ((typmod - 4) >> 16) & 0xffff, numeric_scale: (typmod - 4) & 0xffff });
      break;
    case 'date':
      facts['datetime_precision'] = 0;
      break;
    case 'time':
    case 'timestamp':
    case 'timestamptz':
    case 'interval':
      facts['datetime_precision'] = typmod >= 0 ? typmod : 6;
      break;
  }
  return facts;
}

function attributeRow(relOid: number, name: string, attnum: number, pgType: string, notNull: boolean, hasDefault: boolean): Row {
  const { oid, typmod } = parseDisplayType(pgType);
  const t = typeByOid(oid)!;
  return {
    attrelid: relOid, attname: name, atttypid: oid, attstattarget: -1, attlen: t.typlen, attnum, attndims: t.typelem ? 1 : 0, attcacheoff: -1,
    atttypmod: typmod, attbyval: b(t.typbyval), attalign: t.typalign, attstorage: t.typstorage, attcompression: '', attnotnull: b(notNull),
    atthasdef: b(hasDefault), atthasmissing: 0, attidentity: '', attgenerated: '', attisdropped: 0, attislocal: 1, attinhcount: 0, attcollation: t.typcollation,
  };
}

function addIndex(rows: CatalogRows, r: ModelRelation, ix: ModelIndex, info: Row): void {
  const keys = attnums(r, ix.columns);
  // Postgres keeps an index's columns in pg_attribute too (the column's type and typmod, no NOT NULL or default): psql's \d index reads them.
  ix.columns.forEach((name, i) => {
    const c = r.columns.find((x) => x.name === name);
    if (c) rows['pg_attribute']!.push(attributeRow(ix.oid, name, i + 1, c.pgType, false, false));
  });
  rows['pg_class']!.push({ oid: ix.oid, relname: ix.name, relnamespace: NAMESPACE.public, relowner: CURRENT_ROLE_OID, relam: BTREE_AM, relfilenode: ix.oid, reltuples: -1, relpersistence: 'p', relkind: 'i', relnatts: ix.columns.length, relchecks: 0, relhasindex: 0, relhasrules: 0, relhastriggers: 0, relispopulated: 1, relreplident: 'n', ...NO_RLS });
  rows['pg_index']!.push({
    indexrelid: ix.oid, indrelid: r.oid, indnatts: keys.length, indnkeyatts: keys.length, indisunique: b(ix.unique), indnullsnotdistinct: 0, indisprimary: b(ix.primary), indisexclusion: 0,
    indimmediate: 1, indisclustered: 0, indisvalid: 1, indcheckxmin: 0, indisready: 1, indislive: 1, indisreplident: 0, indkey: `{${keys.join(',')}}`,
    indclass: `{${ix.columns.map((c) => defaultOpclass(parseDisplayType(r.columns.find((x) => x.name === c)?.pgType ?? 'text').oid)).join(',')}}`,
    indoption: `{${keys.map(() => 0).join(',')}}`, pgf_def: indexDef(r, ix, false), pgf_def_full: indexDef(r, ix, true),
  });
  if (!ix.constraint) return;
  const conOid = objectOid('con', `${r.name}.${ix.name}`);
  const def = `${ix.constraint === 'p' ? 'PRIMARY KEY' : 'UNIQUE'} (${ix.columns.map(quoteIdent).join(', ')})`;
  rows['pg_constraint']!.push({ ...constraintBase(conOid, ix.name, ix.constraint, r.oid), conindid: ix.oid, conkey: `{${keys.join(',')}}`, pgf_def: def });
  const con = { constraint_catalog: info['table_catalog']!, constraint_schema: 'public', constraint_name: ix.name };
  rows['table_constraints']!.push({ ...con, ...info, table_name: r.name, constraint_type: ix.constraint === 'p' ? 'PRIMARY KEY' : 'UNIQUE', is_deferrable: 'NO', initially_deferred: 'NO', enforced: 'YES', nulls_distinct: 'YES' });
  ix.columns.forEach((column, i) => {
    rows['key_column_usage']!.push({ ...con, ...info, table_name: r.name, column_name: column, ordinal_position: i + 1 });
    rows['constraint_column_usage']!.push({ ...info, table_name: r.name, column_name: column, ...con });
  });
}

function addCheck(rows: CatalogRows, r: ModelRelation, check: ModelCheck, info: Row): void {
  const keys = check.column === null ? [] : attnums(r, [check.column]);
  rows['pg_constraint']!.push({ ...constraintBase(check.oid, check.name, 'c', r.oid), conkey: keys.length ? `{${keys.join(',')}}` : null, connoinherit: 0, pgf_def: check.definition });
  const con = { constraint_catalog: info['table_catalog']!, constraint_schema: 'public', constraint_name: check.name };
  rows['table_constraints']!.push({ ...con, ...info, table_name: r.name, constraint_type: 'CHECK', is_deferrable: 'NO', initially_deferred: 'NO', enforced: 'YES' });
  if (check.column !== null) rows['constraint_column_usage']!.push({ ...info, table_name: r.name, column_name: check.column, ...con });
}

function constraintBase(oid: number, name: string, contype: string, relOid: number): Row {
  return {
    oid, conname: name, connamespace: NAMESPACE.public, contype, condeferrable: 0, condeferred: 0, convalidated: 1, conrelid: relOid, contypid: 0, conindid: 0,
    conparentid: 0, confrelid: 0, confupdtype: ' ', confdeltype: ' ', confmatchtype: ' ', conislocal: 1, coninhcount: 0, connoinherit: 1,
  };
}

function addForeignKey(rows: CatalogRows, relations: readonly ModelRelation[], r: ModelRelation, fk: ModelForeignKey, info: Row): void {
  const target = relations.find((x) => x.name === fk.refTable);
  const refIndex = referencedIndex(relations, fk);
  rows['pg_constraint']!.push({
    ...constraintBase(fk.oid, fk.name, 'f', r.oid), conindid: refIndex?.oid ?? 0, confrelid: target?.oid ?? 0, connoinherit: 1,
    confupdtype: ACTION[fk.onUpdate] ?? 'a', confdeltype: ACTION[fk.onDelete] ?? 'a', confmatchtype: 's',
    conkey: `{${attnums(r, fk.columns).join(',')}}`, confkey: target ? `{${attnums(target, fk.refColumns).join(',')}}` : null, pgf_def: fkDef(fk),
  });
  const con = { constraint_catalog: info['table_catalog']!, constraint_schema: 'public', constraint_name: fk.name };
  rows['table_constraints']!.push({ ...con, ...info, table_name: r.name, constraint_type: 'FOREIGN KEY', is_deferrable: 'NO', initially_deferred: 'NO', enforced: 'YES' });
  fk.columns.forEach((column, i) => rows['key_column_usage']!.push({ ...con, ...info, table_name: r.name, column_name: column, ordinal_position: i + 1, position_in_unique_constraint: i + 1 }));
  fk.refColumns.forEach((column) => rows['constraint_column_usage']!.push({ ...info, table_name: fk.refTable, column_name: column, ...con }));
  rows['referential_constraints']!.push({
    ...con, unique_constraint_catalog: info['table_catalog']!, unique_constraint_schema: refIndex ? 'public' : null, unique_constraint_name: refIndex?.name ?? null,
    match_option: 'NONE', update_rule: fk.onUpdate, delete_rule: fk.onDelete,
  });
}
