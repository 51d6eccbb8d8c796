// SQL Server type → the Postgres type a client sees (OID, typmod, typlen, format_type text): one table,
// used by the schema reader (catalog/, the compiler's MssqlSchema) and by result metadata (mssql-types.ts).
// The mapping is the lead's (scratch/mssql-brief.md); types it does not name (sql_variant, CLR types) are text.

export type PgTypeOfServer = {
  readonly oid: number;
  /** -1 when none; varchar/bpchar n+4; numeric ((p << 16) | s) + 4. */
  readonly typmod: number;
  readonly typlen: number;
  /** As format_type() prints it: `integer`, `numeric(12,2)`, `character varying(120)`, `timestamp with time zone`. */
  readonly display: string;
};

type Fixed = { oid: number; typlen: number; display: string };

const BOOL: Fixed = { oid: 16, typlen: 1, display: 'boolean' };
const INT2: Fixed = { oid: 21, typlen: 2, display: 'smallint' };
const INT4: Fixed = { oid: 23, typlen: 4, display: 'integer' };
const INT8: Fixed = { oid: 20, typlen: 8, display: 'bigint' };
const FLOAT4: Fixed = { oid: 700, typlen: 4, display: 'real' };
const FLOAT8: Fixed = { oid: 701, typlen: 8, display: 'double precision' };
const TEXT: Fixed = { oid: 25, typlen: -1, display: 'text' };
const BYTEA: Fixed = { oid: 17, typlen: -1, display: 'bytea' };
const DATE: Fixed = { oid: 1082, typlen: 4, display: 'date' };
const TIME: Fixed = { oid: 1083, typlen: 8, display: 'time without time zone' };
const TIMESTAMP: Fixed = { oid: 1114, typlen: 8, display: 'timestamp without time zone' };
const TIMESTAMPTZ: Fixed = { oid: 1184, typlen: 8, display: 'timestamp with time zone' };
const UUID: Fixed = { oid: 2950, typlen: 16, display: 'uuid' };

/** Types whose Postgres type does not depend on length, precision or scale (names as sys.types spells them). */
const FIXED: Readonly<Record<string, Fixed>> = {
  bit: BOOL,
  tinyint: INT2,
  smallint: INT2,
  int: INT4,
  bigint: INT8,
  real: FLOAT4,
  float: FLOAT8,
  ntext: TEXT,
  text: TEXT,
  xml: TEXT,
  // Types Postgres has no counterpart for are shown as their text form.
  sql_variant: TEXT,
  hierarchyid: TEXT,
  geography: TEXT,
  geometry: TEXT,
  varbinary: BYTEA,
  binary: BYTEA,
  image: BYTEA,
  // SQL Server's `timestamp` is rowversion: eight bytes, not a time.
  timestamp: BYTEA,
  rowversion: BYTEA,
  date: DATE,
  time: TIME,
  datetime2: TIMESTAMP,
  datetime: TIMESTAMP,
  smalldatetime: TIMESTAMP,
  datetimeoffset: TIMESTAMPTZ,
  uniqueidentifier: UUID,
};

const MONEY: Readonly<Record<string, readonly [number, number]>> = { money: [19, 4], smallmoney: [10, 4] };

export const PG_NUMERIC_OID = 1700;
export const PG_VARCHAR_OID = 1043;
export const PG_BPCHAR_OID = 1042;

/**
 * The Postgres type of a SQL Server column or result column. `length` is in characters for the character
 * types (-1 or null: max); `precision`/`scale` for decimal/numeric.
 */
export function pgTypeOfServer(typeName: string, length: number | null, precision: number | null, scale: number | null): PgTypeOfServer {
  const name = typeName.toLowerCase();
  const fixed = FIXED[name];
  if (fixed) return { ...fixed, typmod: -1 };
  const money = MONEY[name];
  if (money) return numeric(money[0], money[1]);
  switch (name) {
    case 'decimal':
    case 'numeric':
      return numeric(precision ?? 18, scale ?? 0);
    case 'nvarchar':
    case 'varchar':
      return length === null || length < 0 ? { ...TEXT, typmod: -1 } : { oid: PG_VARCHAR_OID, typmod: length + 4, typlen: -1, display: `character varying(${length})` };
    case 'sysname':
      return { oid: PG_VARCHAR_OID, typmod: 128 + 4, typlen: -1, display: 'character varying(128)' };
    case 'nchar':
    case 'char':
      return { oid: PG_BPCHAR_OID, typmod: (length ?? 1) + 4, typlen: -1, display: `character(${length ?? 1})` };
    default:
      return { ...TEXT, typmod: -1 };
  }
}

function numeric(precision: number, scale: number): PgTypeOfServer {
  return { oid: PG_NUMERIC_OID, typmod: ((precision << 16) | scale) + 4, typlen: -1, display: `numeric(${precision},${scale})` };
}

/** True for type names the table knows (others map to text: the caller may want to say so). */
export function isKnownServerType(typeName: string): boolean {
  const name = typeName.toLowerCase();
  return name in FIXED || name in MONEY || ['decimal', 'numeric', 'nvarchar', 'varchar', 'sysname', 'nchar', 'char'].includes(name);
}
