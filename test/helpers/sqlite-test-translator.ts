// A test-only stand-in for the Postgres → SQLite compiler: transaction control, SET/SHOW/RESET and
// simple DML/DDL by pattern, everything else from a table of hand-written plans. `$n` becomes `?n`.
import type { PgTypeRef, ResultColumn, SqlitePlan, SqliteTranslator, TagRule } from '../../connectors/sqlite/sqlite-plan.js';

export const T = {
  bool: { oid: 16, typmod: -1, typlen: 1, name: 'bool' },
  bytea: { oid: 17, typmod: -1, typlen: -1, name: 'bytea' },
  int8: { oid: 20, typmod: -1, typlen: 8, name: 'int8' },
  int4: { oid: 23, typmod: -1, typlen: 4, name: 'int4' },
  text: { oid: 25, typmod: -1, typlen: -1, name: 'text' },
  float4: { oid: 700, typmod: -1, typlen: 4, name: 'float4' },
  float8: { oid: 701, typmod: -1, typlen: 8, name: 'float8' },
  date: { oid: 1082, typmod: -1, typlen: 4, name: 'date' },
  timestamptz: { oid: 1184, typmod: -1, typlen: 8, name: 'timestamptz' },
  numeric: { oid: 1700, typmod: -1, typlen: -1, name: 'numeric' },
  uuid: { oid: 2950, typmod: -1, typlen: 16, name: 'uuid' },
} as const satisfies Record<string, PgTypeRef>;

export function cols(spec: Record<string, PgTypeRef>): ResultColumn[] {
  return Object.entries(spec).map(([name, type]) => ({ name, type }));
}

export function run(sqlite: string | string[], opts: { columns?: ResultColumn[]; params?: PgTypeRef[]; tag?: TagRule; readOnly?: boolean; schemaChanged?: boolean } = {}): SqlitePlan {
  const columns = opts.columns ?? null;
  return {
    kind: 'run',
    sqlite: Array.isArray(sqlite) ? sqlite : [sqlite],
    columns,
    paramTypes: opts.params ?? [],
    tag: opts.tag ?? { kind: 'rows', command: 'SELECT' },
    schemaChanged: opts.schemaChanged ?? false,
    readOnly: opts.readOnly ?? columns !== null,
  };
}

// The tenant rules hand over their own deparse: names qualified with `public.`, keywords upper case.
const unqualified = (sql: string): string => sql.replace(/\bpublic\./gi, '');
const norm = (sql: string): string => unqualified(sql).trim().replace(/;$/, '').replace(/\s+/g, ' ').toLowerCase();
const params = (sql: string): string => unqualified(sql).replace(/\$(\d+)/g, '?$1');

function byPattern(sql: string): SqlitePlan | null {
  const s = norm(sql);
  let m: RegExpExecArray | null;
  if (s === '') return { kind: 'empty' };
  if (/^(begin|start transaction)( read write)?$/.test(s)) return { kind: 'transaction', action: { kind: 'begin', readOnly: false }, tag: s.startsWith('begin') ? 'BEGIN' : 'START TRANSACTION' };
  if (/^(begin|start transaction) read only$/.test(s)) return { kind: 'transaction', action: { kind: 'begin', readOnly: true }, tag: 'BEGIN' };
  if (s === 'commit' || s === 'end') return { kind: 'transaction', action: { kind: 'commit' }, tag: 'COMMIT' };
  if (s === 'rollback' || s === 'abort') return { kind: 'transaction', action: { kind: 'rollback' }, tag: 'ROLLBACK' };
  if ((m = /^savepoint (\w+)$/.exec(s))) return { kind: 'transaction', action: { kind: 'savepoint', name: m[1]! }, tag: 'SAVEPOINT' };
  if ((m = /^release (?:savepoint )?(\w+)$/.exec(s))) return { kind: 'transaction', action: { kind: 'release', name: m[1]! }, tag: 'RELEASE' };
  if ((m = /^rollback to (?:savepoint )?(\w+)$/.exec(s))) return { kind: 'transaction', action: { kind: 'rollback_to', name: m[1]! }, tag: 'ROLLBACK' };
  if ((m = /^set (local )?(\w+) (?:=|to) '?([^']*)'?$/.exec(s))) return { kind: 'set', name: m[2]!, value: m[3]!, local: !!m[1], tag: 'SET' };
  if ((m = /^reset (\w+)$/.exec(s))) return { kind: 'set', name: m[1]!, value: null, local: false, tag: 'RESET' };
  if ((m = /^show (\w+)$/.exec(s))) return { kind: 'show', name: m[1]! };
  if (/^create (table|index|unique index|view)/.test(s)) return run(unqualified(sql.trim()), { tag: { kind: 'fixed', tag: `CREATE ${/^create (\w+)/.exec(s)![1]!.toUpperCase()}` }, readOnly: false, schemaChanged: true });
  if (/^drop table/.test(s)) return run(unqualified(sql.trim()), { tag: { kind: 'fixed', tag: 'DROP TABLE' }, readOnly: false, schemaChanged: true });
  if (/^insert /.test(s) && !/ returning /.test(s)) return run(params(sql.trim()), { tag: { kind: 'rows', command: 'INSERT' }, readOnly: false });
  if (/^update /.test(s) && !/ returning /.test(s)) return run(params(sql.trim()), { tag: { kind: 'rows', command: 'UPDATE' }, readOnly: false });
  if (/^delete /.test(s) && !/ returning /.test(s)) return run(params(sql.trim()), { tag: { kind: 'rows', command: 'DELETE' }, readOnly: false });
  return null;
}

/** Splits on semicolons outside quotes (enough for test statements). */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = false;
  for (const ch of sql) {
    if (ch === "'") quote = !quote;
    if (ch === ';' && !quote) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '' || out.length === 0) out.push(cur);
  return out.filter((s, i) => s.trim() !== '' || (out.length === 1 && i === 0));
}

/** A translator: table entries (keyed by normalised SQL) first, then the patterns; else 42601. */
export function testTranslator(table: Record<string, SqlitePlan>): SqliteTranslator {
  const normalised = new Map(Object.entries(table).map(([k, v]) => [norm(k), v]));
  return (sql) =>
    splitStatements(sql).map((statement) => {
      const plan = normalised.get(norm(statement)) ?? byPattern(statement);
      return plan ?? { kind: 'error', code: '42601', message: `test translator has no plan for: ${statement.trim()}` };
    });
}
