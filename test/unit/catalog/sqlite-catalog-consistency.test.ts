// The emulated catalog is declared twice (the compiler's column types, the connector's tables): they must
// name the same columns, and the connector's type table must give the compiler's OIDs and format_type text.
import { describe, expect, it } from 'vitest';
import * as connector from '../../../connectors/sqlite/catalog/catalog-specs.js';
import { CATALOG_TYPES, formatType, parseDisplayType } from '../../../connectors/sqlite/catalog/catalog-types.js';
import * as compiler from '../../../rewrite/dialect/sqlite/catalog-relations.js';
import { displayType, pgType } from '../../../rewrite/dialect/common/pg-types.js';

describe('SQLite catalog declarations', () => {
  it('the connector creates exactly the relations and columns the compiler reads', () => {
    expect(connector.PG_CATALOG_SPECS).toEqual(compiler.PG_CATALOG_SPECS);
    expect(connector.INFORMATION_SCHEMA_SPECS).toEqual(compiler.INFORMATION_SCHEMA_SPECS);
  });

  it('pg_type rows carry the compiler\'s OIDs and format_type prints what the compiler records', () => {
    for (const t of CATALOG_TYPES) {
      const type = pgType(t.typname);
      expect(type?.oid, t.typname).toBe(t.oid);
      if (type) expect(formatType(t.oid, type.typmod < 0 ? null : type.typmod), t.typname).toBe(displayType(type));
    }
    for (const [display, typmodded] of [['numeric(12,2)', pgType('numeric', ((12 << 16) | 2) + 4)], ['character varying(100)', pgType('varchar', 104)], ['timestamp(3) with time zone', pgType('timestamptz', 3)]] as const) {
      const parsed = parseDisplayType(display);
      expect(parsed).toEqual({ oid: typmodded!.oid, typmod: typmodded!.typmod });
      expect(formatType(parsed.oid, parsed.typmod)).toBe(display);
    }
    expect(parseDisplayType('text[]')).toEqual({ oid: 1009, typmod: -1 });
    expect(parseDisplayType('character(3)')).toEqual({ oid: 1042, typmod: 7 });
  });
});
