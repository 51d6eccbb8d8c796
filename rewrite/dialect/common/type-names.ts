// Postgres type names as the parser gives them (TypeName nodes), and as the metadata table stores them
// (format_type text), turned into the dialect's PgType.
import { parseSql } from '../../parser/pg-parser.js';
import { arr, bodyOf, obj, stringList } from '../../tenant/ast-nodes.js';
import { unsupported } from './compile-error.js';
import { arrayOf, displayType, pgType, type PgType } from './pg-types.js';

export type ResolvedTypeName = { type: PgType; serial: boolean };

/** A TypeName node → the type (typmods applied); throws 0A000 for a type this dialect does not store. */
export function resolveTypeName(typeName: unknown): ResolvedTypeName {
  const node = obj(typeName) ?? {};
  const names = stringList(node['names']);
  const last = (names[names.length - 1] ?? '').toLowerCase();
  const schema = names.length > 1 ? names[0] : null;
  if (schema !== null && schema !== 'pg_catalog' && schema !== 'public') throw unsupported(`type ${names.join('.')}`);
  const mods = arr(node['typmods']).map(intOf);
  const serial = /^(small|big)?serial[248]?$/.test(last);
  const base = pgType(last, typmodFor(last, mods));
  if (!base) throw unsupported(`type ${names.join('.')}`);
  const type = arr(node['arrayBounds']).length > 0 ? arrayOf(base) : base;
  return { type, serial };
}

function intOf(mod: unknown): number {
  const c = bodyOf(mod, 'A_Const');
  const ival = obj(c?.['ival']);
  if (ival) return typeof ival['ival'] === 'number' ? ival['ival'] : 0;
  throw unsupported('a non-integer type modifier');
}

function typmodFor(name: string, mods: number[]): number {
  switch (name) {
    case 'varchar':
    case 'character varying':
      return mods.length ? mods[0]! + 4 : -1;
    case 'bpchar':
    case 'character':
      // char with no length is char(1)
      return (mods.length ? mods[0]! : 1) + 4;
    case 'numeric':
    case 'decimal':
      if (mods.length === 0) return -1;
      return ((mods[0]! << 16) | (mods[1] ?? 0)) + 4;
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return mods.length ? mods[0]! : -1;
    default:
      return -1;
  }
}

const byDisplay = new Map<string, PgType>();

/** A type as format_type() printed it (the metadata table's pg_type column) → PgType. */
export function typeFromDisplay(display: string): PgType {
  const hit = byDisplay.get(display);
  if (hit) return hit;
  const parsed = parseSql(`SELECT NULL::${display}`);
  if (parsed.kind !== 'parsed') throw unsupported(`type ${display}`);
  const select = bodyOf(parsed.statements[0]!.stmt, 'SelectStmt');
  const target = bodyOf(arr(select?.['targetList'])[0], 'ResTarget');
  const cast = bodyOf(target?.['val'], 'TypeCast');
  const { type } = resolveTypeName(cast?.['typeName']);
  byDisplay.set(display, type);
  return type;
}

export { displayType };
