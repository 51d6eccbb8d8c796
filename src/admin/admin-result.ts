// A console answer as wire bytes: RowDescription (text and int8 columns, text format), one DataRow per
// row, CommandComplete. Values are written in Postgres's text output format, so psql aligns numbers
// to the right and node-postgres returns int8 as a string, as it does for Postgres itself.
import { encodeBackend } from '../../protocol/backend-encoder.js';
import type { RowField } from '../../protocol/backend-messages.js';
import { TypeOid, TypeSize } from '../../protocol/type-oids.js';

export type ColumnType = 'text' | 'int8';
export type Column = readonly [name: string, type: ColumnType];
export type Value = string | number | null;

export type ResultSet = {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Value[])[];
};

const OIDS = { text: TypeOid.Text, int8: TypeOid.Int8 } as const;

export function encodeResultSet(result: ResultSet, tag = 'SHOW'): Buffer[] {
  const fields: RowField[] = result.columns.map(([name, type]) => ({
    name,
    tableOid: 0,
    columnAttr: 0,
    typeOid: OIDS[type],
    typeSize: TypeSize[OIDS[type]],
    typeModifier: -1,
    format: 0,
  }));
  const out = [encodeBackend({ kind: 'RowDescription', fields })];
  for (const row of result.rows) {
    out.push(encodeBackend({ kind: 'DataRow', values: row.map((v) => (v === null ? null : Buffer.from(typeof v === 'number' ? String(Math.trunc(v)) : v, 'utf8'))) }));
  }
  out.push(encodeBackend({ kind: 'CommandComplete', tag }));
  return out;
}

export function commandComplete(tag: string): Buffer {
  return encodeBackend({ kind: 'CommandComplete', tag });
}
