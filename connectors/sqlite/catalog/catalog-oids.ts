// Stable OIDs for what lives in the file: derived from the object's name, so every connection (and a
// restarted worker) gives a table the same OID, as psql expects between its queries. Postgres keeps an
// OID across RENAME; here a renamed table gets a new one, which no client can tell from a drop and create.

export const NAMESPACE = { pg_catalog: 11, public: 2200, information_schema: 13_000 } as const;
/** The one role (whoever is logged in) and the public schema's owner. */
export const CURRENT_ROLE_OID = 10;
export const DATABASE_OWNER_OID = 6171;
export const DATABASE_OID = 16_384;
export const HEAP_AM = 2;
export const BTREE_AM = 403;
export const PG_CLASS_OID = 1259;
export const PG_CONSTRAINT_OID = 2606;

const FIRST_USER_OID = 16_385;
const SPAN = 2_147_483_647 - FIRST_USER_OID;

/** kind: 'class' (tables, views, indexes share one namespace), 'con', 'def'. */
export function objectOid(kind: string, name: string): number {
  let h = 0x811c9dc5;
  const key = kind + ':' + name;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return FIRST_USER_OID + (h % SPAN);
}
