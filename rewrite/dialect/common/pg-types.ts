// The one table of Postgres types the SQLite dialect knows: OID, length, how values are stored in SQLite
// (connectors/sqlite/DESIGN.md), the coercion function that turns any accepted input text into that
// storage form, and how format_type() prints the type. A type not listed here is refused (0A000).

export type TypeCategory = 'bool' | 'int' | 'float' | 'numeric' | 'text' | 'bytea' | 'date' | 'timestamp' | 'timestamptz' | 'time' | 'interval' | 'json' | 'jsonb' | 'uuid' | 'array' | 'unknown' | 'void' | 'record' | 'oid';

export type Storage = 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB';

export type PgType = {
  /** Internal name (`int4`, `timestamptz`, `_text` for text[]). */
  readonly name: string;
  readonly oid: number;
  readonly typlen: number;
  readonly typmod: number;
  readonly category: TypeCategory;
  readonly storage: Storage;
  /** Array element type. */
  readonly elem?: PgType;
};

type BaseType = { oid: number; typlen: number; category: TypeCategory; storage: Storage; arrayOid: number; display: string };

const BASE: Record<string, BaseType> = {
  bool: { oid: 16, typlen: 1, category: 'bool', storage: 'INTEGER', arrayOid: 1000, display: 'boolean' },
  bytea: { oid: 17, typlen: -1, category: 'bytea', storage: 'BLOB', arrayOid: 1001, display: 'bytea' },
  char: { oid: 18, typlen: 1, category: 'text', storage: 'TEXT', arrayOid: 1002, display: '"char"' },
  name: { oid: 19, typlen: 64, category: 'text', storage: 'TEXT', arrayOid: 1003, display: 'name' },
  // The catalog's vectors (pg_index.indkey, indclass, …): arrays subscripted from 0, printed space-separated.
  int2vector: { oid: 22, typlen: -1, category: 'array', storage: 'TEXT', arrayOid: 1006, display: 'int2vector' },
  oidvector: { oid: 30, typlen: -1, category: 'array', storage: 'TEXT', arrayOid: 1013, display: 'oidvector' },
  int8: { oid: 20, typlen: 8, category: 'int', storage: 'INTEGER', arrayOid: 1016, display: 'bigint' },
  int2: { oid: 21, typlen: 2, category: 'int', storage: 'INTEGER', arrayOid: 1005, display: 'smallint' },
  int4: { oid: 23, typlen: 4, category: 'int', storage: 'INTEGER', arrayOid: 1007, display: 'integer' },
  text: { oid: 25, typlen: -1, category: 'text', storage: 'TEXT', arrayOid: 1009, display: 'text' },
  oid: { oid: 26, typlen: 4, category: 'oid', storage: 'INTEGER', arrayOid: 1028, display: 'oid' },
  json: { oid: 114, typlen: -1, category: 'json', storage: 'TEXT', arrayOid: 199, display: 'json' },
  float4: { oid: 700, typlen: 4, category: 'float', storage: 'REAL', arrayOid: 1021, display: 'real' },
  float8: { oid: 701, typlen: 8, category: 'float', storage: 'REAL', arrayOid: 1022, display: 'double precision' },
  unknown: { oid: 705, typlen: -2, category: 'unknown', storage: 'TEXT', arrayOid: 0, display: 'unknown' },
  inet: { oid: 869, typlen: -1, category: 'text', storage: 'TEXT', arrayOid: 1041, display: 'inet' },
  bpchar: { oid: 1042, typlen: -1, category: 'text', storage: 'TEXT', arrayOid: 1014, display: 'character' },
  varchar: { oid: 1043, typlen: -1, category: 'text', storage: 'TEXT', arrayOid: 1015, display: 'character varying' },
  date: { oid: 1082, typlen: 4, category: 'date', storage: 'TEXT', arrayOid: 1182, display: 'date' },
  time: { oid: 1083, typlen: 8, category: 'time', storage: 'TEXT', arrayOid: 1183, display: 'time without time zone' },
  timestamp: { oid: 1114, typlen: 8, category: 'timestamp', storage: 'TEXT', arrayOid: 1115, display: 'timestamp without time zone' },
  timestamptz: { oid: 1184, typlen: 8, category: 'timestamptz', storage: 'TEXT', arrayOid: 1185, display: 'timestamp with time zone' },
  interval: { oid: 1186, typlen: 16, category: 'interval', storage: 'TEXT', arrayOid: 1187, display: 'interval' },
  numeric: { oid: 1700, typlen: -1, category: 'numeric', storage: 'TEXT', arrayOid: 1231, display: 'numeric' },
  regclass: { oid: 2205, typlen: 4, category: 'oid', storage: 'INTEGER', arrayOid: 2210, display: 'regclass' },
  regtype: { oid: 2206, typlen: 4, category: 'oid', storage: 'INTEGER', arrayOid: 2211, display: 'regtype' },
  regnamespace: { oid: 4089, typlen: 4, category: 'oid', storage: 'INTEGER', arrayOid: 4090, display: 'regnamespace' },
  record: { oid: 2249, typlen: -1, category: 'record', storage: 'TEXT', arrayOid: 2287, display: 'record' },
  void: { oid: 2278, typlen: 4, category: 'void', storage: 'TEXT', arrayOid: 0, display: 'void' },
  uuid: { oid: 2950, typlen: 16, category: 'uuid', storage: 'TEXT', arrayOid: 2951, display: 'uuid' },
  jsonb: { oid: 3802, typlen: -1, category: 'jsonb', storage: 'TEXT', arrayOid: 3807, display: 'jsonb' },
};

/** Names the parser or a user may write → internal name. */
const ALIASES: Record<string, string> = {
  boolean: 'bool', integer: 'int4', int: 'int4', smallint: 'int2', bigint: 'int8', real: 'float4', float: 'float8',
  'double precision': 'float8', decimal: 'numeric', 'character varying': 'varchar', character: 'bpchar',
  'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz', 'time without time zone': 'time',
  serial: 'int4', serial4: 'int4', bigserial: 'int8', serial8: 'int8', smallserial: 'int2', serial2: 'int2',
  string: 'text', citext: 'text',
};

const cache = new Map<string, PgType>();

/** A type by internal name (or alias) and typmod; undefined when this dialect does not support it. */
export function pgType(name: string, typmod = -1): PgType | undefined {
  const internal = ALIASES[name] ?? name;
  if (internal.startsWith('_')) {
    const elem = pgType(internal.slice(1), typmod);
    return elem ? arrayOf(elem) : undefined;
  }
  const key = internal + '/' + typmod;
  const hit = cache.get(key);
  if (hit) return hit;
  const base = BASE[internal];
  if (!base) return undefined;
  const vectorOf = VECTOR_ELEMENTS[internal];
  const elem = vectorOf ? pgType(vectorOf) : undefined;
  const type: PgType = { name: internal, oid: base.oid, typlen: base.typlen, typmod, category: base.category, storage: base.storage, ...(elem ? { elem } : {}) };
  cache.set(key, type);
  return type;
}

const VECTOR_ELEMENTS: Record<string, string> = { int2vector: 'int2', oidvector: 'oid' };

/** The first subscript of an array type: 0 for int2vector/oidvector, 1 for every other array. */
export function arrayLowerBound(type: PgType): number {
  return VECTOR_ELEMENTS[type.name] ? 0 : 1;
}

export function T(name: string): PgType {
  const type = pgType(name);
  if (!type) throw new Error(`unknown type ${name}`);
  return type;
}

export function arrayOf(elem: PgType): PgType {
  const key = '_' + elem.name + '/' + elem.typmod;
  const hit = cache.get(key);
  if (hit) return hit;
  const base = BASE[elem.name];
  const type: PgType = { name: '_' + elem.name, oid: base?.arrayOid ?? 0, typlen: -1, typmod: elem.typmod, category: 'array', storage: 'TEXT', elem };
  cache.set(key, type);
  return type;
}

/** True when the name is one of the serial pseudo-types (an integer column with a sequence default). */
export function isSerialName(name: string): boolean {
  return /^(small|big)?serial[248]?$/.test(name);
}

/** What format_type() prints (`numeric(12,2)`, `character varying(20)`, `text[]`): also how the metadata table records a column's type. */
export function displayType(type: PgType): string {
  if (type.elem && !VECTOR_ELEMENTS[type.name]) return displayType(type.elem) + '[]';
  const base = BASE[type.name]!;
  if (type.typmod < 0) return base.display;
  switch (type.name) {
    case 'varchar':
    case 'bpchar':
      return `${base.display}(${type.typmod - 4})`;
    case 'numeric': {
      const m = type.typmod - 4;
      return `numeric(${(m >> 16) & 0xffff},${m & 0xffff})`;
    }
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return base.display.replace(/^(timestamp|time)/, `$1(${type.typmod})`);
    default:
      return base.display;
  }
}

/** numeric(p,s) → [p, s]; null when unconstrained. */
export function numericPrecision(type: PgType): [number, number] | null {
  if (type.name !== 'numeric' || type.typmod < 0) return null;
  const m = type.typmod - 4;
  return [(m >> 16) & 0xffff, m & 0xffff];
}

/** varchar(n) / char(n) → n; null when unconstrained. */
export function charLength(type: PgType): number | null {
  return (type.name === 'varchar' || type.name === 'bpchar') && type.typmod >= 4 ? type.typmod - 4 : null;
}

export function typeRef(type: PgType): { oid: number; typmod: number; typlen: number; name: string } {
  return { oid: type.oid, typmod: type.typmod, typlen: type.typlen, name: type.name };
}

export function isTextLike(type: PgType): boolean {
  return type.category === 'text' || type.category === 'unknown';
}

export function isNumberLike(type: PgType): boolean {
  return type.category === 'int' || type.category === 'float' || type.category === 'numeric' || type.category === 'oid';
}
