// The Postgres types a SQLite file can hold, as pg_type rows and for format_type(): the same OIDs as the
// compiler's table (rewrite/dialect/sqlite/pg-types.ts; test/unit/sqlite-catalog-consistency checks they agree).

export type CatalogType = {
  readonly oid: number;
  readonly typname: string;
  readonly typlen: number;
  readonly typbyval: boolean;
  readonly typcategory: string;
  readonly typstorage: string;
  readonly typalign: string;
  readonly typtype: string;
  readonly typarray: number;
  readonly typelem: number;
  readonly typcollation: number;
  /** What format_type() prints without a typmod. */
  readonly display: string;
};

type Row = [name: string, oid: number, len: number, byval: boolean, category: string, storage: string, align: string, array: number, display: string, collation?: number, typtype?: string];

const BASE: Row[] = [
  ['bool', 16, 1, true, 'B', 'p', 'c', 1000, 'boolean'],
  ['bytea', 17, -1, false, 'U', 'x', 'i', 1001, 'bytea'],
  ['char', 18, 1, true, 'Z', 'p', 'c', 1002, '"char"'],
  ['name', 19, 64, false, 'S', 'p', 'c', 1003, 'name', 950],
  ['int8', 20, 8, true, 'N', 'p', 'd', 1016, 'bigint'],
  ['int2', 21, 2, true, 'N', 'p', 's', 1005, 'smallint'],
  ['int4', 23, 4, true, 'N', 'p', 'i', 1007, 'integer'],
  ['text', 25, -1, false, 'S', 'x', 'i', 1009, 'text', 100],
  ['oid', 26, 4, true, 'N', 'p', 'i', 1028, 'oid'],
  ['json', 114, -1, false, 'U', 'x', 'i', 199, 'json'],
  ['float4', 700, 4, true, 'N', 'p', 'i', 1021, 'real'],
  ['float8', 701, 8, true, 'N', 'p', 'd', 1022, 'double precision'],
  ['unknown', 705, -2, false, 'X', 'p', 'c', 0, 'unknown', 0, 'p'],
  ['inet', 869, -1, false, 'I', 'm', 'i', 1041, 'inet'],
  ['bpchar', 1042, -1, false, 'S', 'x', 'i', 1014, 'character', 100],
  ['varchar', 1043, -1, false, 'S', 'x', 'i', 1015, 'character varying', 100],
  ['date', 1082, 4, true, 'D', 'p', 'i', 1182, 'date'],
  ['time', 1083, 8, true, 'D', 'p', 'd', 1183, 'time without time zone'],
  ['timestamp', 1114, 8, true, 'D', 'p', 'd', 1115, 'timestamp without time zone'],
  ['timestamptz', 1184, 8, true, 'D', 'p', 'd', 1185, 'timestamp with time zone'],
  ['interval', 1186, 16, false, 'T', 'p', 'd', 1187, 'interval'],
  ['numeric', 1700, -1, false, 'N', 'm', 'i', 1231, 'numeric'],
  ['regclass', 2205, 4, true, 'N', 'p', 'i', 2210, 'regclass'],
  ['regtype', 2206, 4, true, 'N', 'p', 'i', 2211, 'regtype'],
  ['record', 2249, -1, false, 'P', 'x', 'd', 2287, 'record', 0, 'p'],
  ['void', 2278, 4, true, 'P', 'p', 'i', 0, 'void', 0, 'p'],
  ['uuid', 2950, 16, false, 'U', 'p', 'c', 2951, 'uuid'],
  ['jsonb', 3802, -1, false, 'U', 'x', 'i', 3807, 'jsonb'],
  ['regnamespace', 4089, 4, true, 'N', 'p', 'i', 4090, 'regnamespace'],
];

function build(): CatalogType[] {
  const out: CatalogType[] = [];
  for (const [typname, oid, typlen, typbyval, typcategory, typstorage, typalign, typarray, display, collation = 0, typtype = 'b'] of BASE) {
    out.push({ oid, typname, typlen, typbyval, typcategory, typstorage, typalign, typtype, typarray, typelem: 0, typcollation: collation, display });
    if (typarray === 0) continue;
    // The array of a pseudo-type (_record) is itself a pseudo-type in Postgres, not an array category type.
    const pseudo = typtype === 'p';
    out.push({
      oid: typarray, typname: '_' + typname, typlen: -1, typbyval: false, typcategory: pseudo ? 'P' : 'A', typstorage: 'x',
      typalign: typalign === 'd' ? 'd' : 'i', typtype: pseudo ? 'p' : 'b', typarray: 0, typelem: oid, typcollation: collation, display: display + '[]',
    });
  }
  return out;
}

export const CATALOG_TYPES: readonly CatalogType[] = build();
const BY_OID = new Map(CATALOG_TYPES.map((t) => [t.oid, t]));

export function typeByOid(oid: number): CatalogType | undefined {
  return BY_OID.get(oid);
}

/** format_type(oid, typmod): typmod null is "no typmod given" (format_type(1042, NULL) is `character`, with -1 `bpchar`). */
export function formatType(oid: number, typmod: number | null): string {
  const t = BY_OID.get(oid);
  if (!t) return '???';
  if (t.typelem !== 0) return formatType(t.typelem, typmod) + '[]';
  if (typmod === null || typmod < 0) {
    if (typmod !== null && t.typname === 'bpchar') return 'bpchar';
    return t.display;
  }
  switch (t.typname) {
    case 'varchar':
    case 'bpchar':
      return `${t.display}(${typmod - 4})`;
    case 'numeric': {
      const m = typmod - 4;
      return `numeric(${(m >> 16) & 0xffff},${m & 0xffff})`;
    }
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return t.display.replace(/^(timestamp|time)/, `$1(${typmod})`);
    default:
      return t.display;
  }
}

const DISPLAY_TO_NAME = new Map<string, string>([
  ...CATALOG_TYPES.filter((t) => t.typelem === 0).map((t) => [t.display, t.typname] as [string, string]),
  ['int', 'int4'], ['integer', 'int4'], ['smallint', 'int2'], ['bigint', 'int8'], ['boolean', 'bool'], ['real', 'float4'],
  ['double precision', 'float8'], ['float', 'float8'], ['decimal', 'numeric'], ['character varying', 'varchar'], ['character', 'bpchar'],
  ['char', 'bpchar'], ['timestamp', 'timestamp'], ['timestamptz', 'timestamptz'], ['time', 'time'], ['serial', 'int4'], ['bigserial', 'int8'],
  ['smallserial', 'int2'], ['citext', 'text'], ['"char"', 'char'],
]);
const BY_NAME = new Map(CATALOG_TYPES.map((t) => [t.typname, t]));

/** A column's recorded type (format_type text: `numeric(12,2)`, `character varying(100)`, `text[]`) → OID and typmod. */
export function parseDisplayType(display: string): { oid: number; typmod: number } {
  let text = display.trim().toLowerCase();
  let array = false;
  if (text.endsWith('[]')) {
    array = true;
    text = text.slice(0, -2).trim();
  }
  let typmod = -1;
  const mods = /\(([\d\s,]+)\)/.exec(text);
  const bare = text.replace(/\([\d\s,]*\)/, '').replace(/\s+/g, ' ').trim();
  const name = DISPLAY_TO_NAME.get(bare) ?? BY_NAME.get(bare)?.typname ?? (bare.startsWith('timestamp') && bare.includes('with time zone') ? 'timestamptz' : bare.startsWith('timestamp') ? 'timestamp' : bare.startsWith('time') ? 'time' : 'text');
  if (mods) {
    const nums = mods[1]!.split(',').map((s) => Number(s.trim()));
    if (name === 'varchar' || name === 'bpchar') typmod = nums[0]! + 4;
    else if (name === 'numeric') typmod = ((nums[0]! << 16) | (nums[1] ?? 0)) + 4;
    else if (name === 'timestamp' || name === 'timestamptz' || name === 'time') typmod = nums[0]!;
  } else if (name === 'bpchar' && bare !== 'bpchar') typmod = 5;
  const base = BY_NAME.get(name)!;
  return { oid: array ? base.typarray : base.oid, typmod };
}

/** A type name as regtype input accepts it (`int4`, `integer`, `"pg_catalog"."int4"`, `text[]`) → OID, or null. */
export function typeOidByName(input: string): number | null {
  const parts = input.trim().split('.').map((p) => (p.startsWith('"') && p.endsWith('"') ? p.slice(1, -1).replaceAll('""', '"') : p.toLowerCase()));
  const last = parts[parts.length - 1] ?? '';
  if (parts.length > 1 && parts[0] !== 'pg_catalog' && parts[0] !== 'public') return null;
  const array = last.endsWith('[]');
  const bare = array ? last.slice(0, -2) : last;
  const name = BY_NAME.has(bare) ? bare : DISPLAY_TO_NAME.get(bare.replace(/\(.*\)/, '').trim());
  const t = name ? BY_NAME.get(name) : undefined;
  if (!t) return null;
  return array ? (t.typelem === 0 ? t.typarray : null) : t.oid;
}
