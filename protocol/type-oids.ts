// Owns the OIDs and wire sizes of the built-in PostgreSQL types pgfabric itself describes in a
// RowDescription (pg_type.oid, typlen; fixed since PostgreSQL 7). Only the types used are listed.

export const TypeOid = {
  Bool: 16,
  Int8: 20,
  Int2: 21,
  Int4: 23,
  Text: 25,
} as const;
export type TypeOidValue = (typeof TypeOid)[keyof typeof TypeOid];

/** typlen: the fixed size in bytes, or -1 for variable-length types. */
export const TypeSize: Readonly<Record<TypeOidValue, number>> = {
  [TypeOid.Bool]: 1,
  [TypeOid.Int8]: 8,
  [TypeOid.Int2]: 2,
  [TypeOid.Int4]: 4,
  [TypeOid.Text]: -1,
};
