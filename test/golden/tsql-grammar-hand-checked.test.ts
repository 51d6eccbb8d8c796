// The grammar check's hand-checked forms (grammar-check.ts HAND_CHECKED): statements neither node-sql-parser
// (TransactSQL) nor @polyglot-sql/sdk (tsql) reads, accepted only in exactly their fixed form.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkStatement, HAND_CHECKED, loadGrammars, nodeSqlParserAccepts, polyglotAccepts } from './dialect/tsql/grammar-check.js';

describe('T-SQL grammar check: hand-checked forms', () => {
  beforeAll(async () => {
    await loadGrammars();
  });

  it.each(HAND_CHECKED.map((h) => [h.name, h] as const))('%s: both library grammars reject a valid example', (_name, h) => {
    expect(nodeSqlParserAccepts(h.example).ok).toBe(false);
    expect(polyglotAccepts(h.example)).toBe(false);
  });

  it('accepts the bare re-raise and nothing more', () => {
    expect(checkStatement('THROW')).toMatchObject({ ok: true, via: 'THROW (re-raise in CATCH)' });
    expect(checkStatement('THROW;')).toMatchObject({ ok: true, via: 'THROW (re-raise in CATCH)' });
    const [form] = HAND_CHECKED.map((h) => h.form);
    expect(form!.test("THROW 50000, N'x', 1")).toBe(false);
    expect(form!.test('THROW; DROP TABLE [x]')).toBe(false);
  });
});
