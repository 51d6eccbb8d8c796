// SQLite errors (and errors thrown by pgf_* functions, which carry a SQLSTATE `code`) → Postgres errors.
// Runs in the worker, where the index list is at hand to name a violated unique constraint.

export type PgErrorFields = { code: string; message: string; detail?: string; hint?: string };

/** Looks up index names in the file: (table, columns) → Postgres-like constraint name. */
export type IndexNamer = (table: string, columns: readonly string[], primaryKey: boolean) => string;
/** The table a named CHECK constraint belongs to (the compiler names them as Postgres does). */
export type CheckTable = (constraint: string) => string | null;

const SQLSTATE_RE = /^[0-9A-Z]{5}$/;

type Rule = { readonly test: RegExp; readonly map: (m: RegExpExecArray, namer: IndexNamer, sqliteCode: string, checkTable: CheckTable) => PgErrorFields };

// By message (SQLite's extended codes are too coarse for some: no such table and syntax are both SQLITE_ERROR).
const MESSAGE_RULES: readonly Rule[] = [
  { test: /^no such table: (?:main\.)?(.+)$/, map: (m) => ({ code: '42P01', message: `relation "${m[1]}" does not exist` }) },
  { test: /^no such column: (.+)$/, map: (m) => ({ code: '42703', message: `column "${m[1]}" does not exist` }) },
  { test: /^no such function: (.+)$/, map: (m) => ({ code: '42883', message: `function ${m[1]} does not exist` }) },
  { test: /^table (?:"?)(\S+?)"? already exists$/, map: (m) => ({ code: '42P07', message: `relation "${m[1]}" already exists` }) },
  { test: /^index (\S+) already exists$/, map: (m) => ({ code: '42P07', message: `relation "${m[1]}" already exists` }) },
  { test: /^(?:near "(.*)": )?syntax error$/, map: (m) => ({ code: '42601', message: m[1] !== undefined ? `syntax error at or near "${m[1]}"` : 'syntax error' }) },
  { test: /^UNIQUE constraint failed: (\w+)\.(\w+(?:, \w+\.\w+)*)$/, map: (m, namer, sqliteCode) => unique(m, namer, sqliteCode === 'SQLITE_CONSTRAINT_PRIMARYKEY') },
  {
    test: /^NOT NULL constraint failed: (\w+)\.(\w+)$/,
    map: (m) => ({ code: '23502', message: `null value in column "${m[2]}" of relation "${m[1]}" violates not-null constraint` }),
  },
  { test: /^FOREIGN KEY constraint failed$/, map: () => ({ code: '23503', message: 'insert or update violates foreign key constraint' }) },
  {
    test: /^CHECK constraint failed: (.+)$/,
    map: (m, _namer, _code, checkTable) => {
      const table = checkTable(m[1]!);
      return { code: '23514', message: table ? `new row for relation "${table}" violates check constraint "${m[1]}"` : `new row violates check constraint "${m[1]}"` };
    },
  },
  { test: /^integer overflow$/, map: () => ({ code: '22003', message: 'integer out of range' }) },
  { test: /^too many SQL variables/, map: () => ({ code: '54000', message: 'too many parameters' }) },
  { test: /^string or blob too big$/, map: () => ({ code: '54000', message: 'value too large' }) },
];

const CODE_RULES: Readonly<Record<string, PgErrorFields>> = {
  SQLITE_BUSY: { code: '55P03', message: 'could not obtain lock on the database file' },
  SQLITE_BUSY_SNAPSHOT: { code: '40001', message: 'could not serialize access due to concurrent update' },
  SQLITE_LOCKED: { code: '55P03', message: 'could not obtain lock on the database file' },
  SQLITE_READONLY: { code: '25006', message: 'cannot execute statement in a read-only transaction' },
  SQLITE_FULL: { code: '53100', message: 'could not extend file: disk full' },
  SQLITE_CANTOPEN: { code: '58030', message: 'could not open the database file' },
  SQLITE_CORRUPT: { code: 'XX001', message: 'database file is corrupt' },
  SQLITE_NOTADB: { code: 'XX001', message: 'file is not a database' },
  SQLITE_IOERR: { code: '58030', message: 'I/O error on the database file' },
  SQLITE_INTERRUPT: { code: '57014', message: 'canceling statement due to user request' },
  SQLITE_CONSTRAINT_FOREIGNKEY: { code: '23503', message: 'insert or update violates foreign key constraint' },
};

export function pgErrorOf(err: unknown, namer: IndexNamer, checkTable: CheckTable = () => null): PgErrorFields {
  if (!(err instanceof Error)) return { code: 'XX000', message: String(err) };
  const code = (err as { code?: unknown }).code;
  // pgf_* functions throw with the SQLSTATE they mean.
  if (typeof code === 'string' && SQLSTATE_RE.test(code)) return withExtras(err, { code, message: err.message });
  for (const rule of MESSAGE_RULES) {
    const m = rule.test.exec(err.message);
    if (m) return rule.map(m, namer, typeof code === 'string' ? code : '', checkTable);
  }
  if (typeof code === 'string') {
    const known = CODE_RULES[code] ?? CODE_RULES[code.replace(/_[A-Z]+$/, '')];
    if (known) return known;
    if (code.startsWith('SQLITE_CONSTRAINT')) return { code: '23000', message: err.message };
  }
  if (err instanceof RangeError) return { code: '08P01', message: err.message };
  return { code: 'XX000', message: err.message };
}

function unique(m: RegExpExecArray, namer: IndexNamer, primaryKey: boolean): PgErrorFields {
  const table = m[1]!;
  const columns = m[2]!.split(', ').map((c) => c.slice(c.indexOf('.') + 1));
  const name = primaryKey ? `${table}_pkey` : namer(table, columns, false);
  return { code: '23505', message: `duplicate key value violates unique constraint "${name}"` };
}

function withExtras(err: Error, fields: PgErrorFields): PgErrorFields {
  const e = err as { detail?: unknown; hint?: unknown };
  return {
    ...fields,
    ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
    ...(typeof e.hint === 'string' ? { hint: e.hint } : {}),
  };
}
