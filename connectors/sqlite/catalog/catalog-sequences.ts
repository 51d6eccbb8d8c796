// Rows for pg_sequences (a view over pgf_sequences): the sequences of serial columns, whose settings are
// Postgres's for serial (start 1, increment 1, cache 1, no cycle, min 1, max of the column's type), and the
// sequences of CREATE SEQUENCE (_pgfabric_sequences: bigint, the increment given, the default bounds). What
// the file does not keep (the start of a CREATE SEQUENCE sequence, which setval overwrites, and the last value
// of a serial primary key, which is SQLite's AUTOINCREMENT) is stored as NULL and refused by the view.
import type Database from 'better-sqlite3';
import type { ModelRelation } from './catalog-model.js';
import type { Row } from './catalog-rows.js';
import { CURRENT_ROLE_OID, NAMESPACE, objectOid } from './catalog-oids.js';
import { parseDisplayType } from './catalog-types.js';

export const PGF_SEQUENCES_DDL = 'CREATE TABLE pg_catalog.pgf_sequences (name TEXT, typid INTEGER, start INTEGER, min INTEGER, max INTEGER, inc INTEGER, cache INTEGER, cycle INTEGER, last INTEGER, last_known INTEGER)';

const MAX: Record<number, bigint> = { 21: 32767n, 23: 2147483647n, 20: 9223372036854775807n };

type SequenceRow = { name: string; value: number | bigint; increment: number | bigint; called: number | bigint };

export function sequenceRows(db: Database.Database, relations: readonly ModelRelation[]): Row[] {
  let stored: SequenceRow[] = [];
  try {
    stored = db.prepare('SELECT name, value, increment, called FROM _pgfabric_sequences ORDER BY name').all() as SequenceRow[];
  } catch {
    stored = [];
  }
  const byName = new Map(stored.map((s) => [s.name, s]));
  const rows: Row[] = [];
  const serial = new Set<string>();
  for (const r of relations) {
    for (const c of r.columns) {
      const m = /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(c.defaultExpr ?? '');
      const typid = parseDisplayType(c.pgType).oid;
      const max = MAX[typid];
      // The name as regclass prints it: quoted when it must be ("Orders_Id_seq").
      const name = m ? unquote(m[1]!.replaceAll("''", "'")) : null;
      if (name !== `${r.name}_${c.name}_seq` || max === undefined) continue;
      const s = byName.get(name);
      if (s && Number(s.increment) !== 1) continue;
      serial.add(name);
      rows.push({ name, typid, start: 1, min: 1, max: max.toString(), inc: 1, cache: 1, cycle: 0, last: s && Number(s.called) ? String(s.value) : null, last_known: s ? 1 : 0 });
    }
  }
  for (const s of stored) {
    if (serial.has(s.name)) continue;
    const up = BigInt(s.increment) > 0n;
    rows.push({
      name: s.name, typid: 20, start: null, min: up ? '1' : '-9223372036854775808', max: up ? '9223372036854775807' : '-1',
      inc: String(s.increment), cache: 1, cycle: 0, last: Number(s.called) ? String(s.value) : null, last_known: 1,
    });
  }
  return rows;
}

function unquote(name: string): string {
  return /^"(.*)"$/.test(name) ? name.slice(1, -1).replaceAll('""', '"') : name;
}

/** pg_class rows (relkind 'S') for the sequences, so `'t_id_seq'::regclass` and pg_get_serial_sequence(…)::regclass resolve as in Postgres. */
export function sequenceClassRows(sequences: readonly Row[]): Row[] {
  return sequences.map((s) => ({
    oid: objectOid('class', String(s['name'])), relname: s['name']!, relnamespace: NAMESPACE.public, relowner: CURRENT_ROLE_OID, relam: 0, relfilenode: objectOid('class', String(s['name'])),
    reltuples: 1, relhasindex: 0, relpersistence: 'p', relkind: 'S', relnatts: 3, relchecks: 0, relhasrules: 0, relhastriggers: 0, relispopulated: 1, relreplident: 'n',
    reltablespace: 0, relisshared: 0, relhassubclass: 0, relrowsecurity: 0, relforcerowsecurity: 0, relispartition: 0,
  }));
}
