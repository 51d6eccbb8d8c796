import { describe, expect, it } from 'vitest';
import { sessionEffects } from '../../../rewrite/classify/session-effects.js';
import { splitStatements } from '../../../rewrite/classify/sql-lexer.js';
import { StatementRewriter } from '../../../rewrite/statement-rewriter.js';
import { loadParser } from '../../../rewrite/parser/pg-parser.js';
import { emptyCatalog } from '../../../rewrite/catalog/catalog.js';
import type { TenantContext } from '../../../rewrite/tenant/tenant-context.js';

describe('session effects', () => {
  it.each([
    ['SET search_path = app, public', [{ kind: 'set', name: 'search_path', statement: 'SET search_path = app, public' }]],
    ['set session statement_timeout to 5000', [{ kind: 'set', name: 'statement_timeout', statement: 'set session statement_timeout to 5000' }]],
    ["SET TIME ZONE 'UTC'", [{ kind: 'set', name: 'timezone', statement: "SET TIME ZONE 'UTC'" }]],
    ['SET "DateStyle" = ISO', [{ kind: 'set', name: 'DateStyle', statement: 'SET "DateStyle" = ISO' }]],
    ['SET LOCAL search_path = x', []],
    ['SET TRANSACTION ISOLATION LEVEL SERIALIZABLE', []],
    ['RESET search_path', [{ kind: 'reset', name: 'search_path' }]],
    ['RESET ALL', [{ kind: 'resetAll' }]],
    ['LISTEN jobs', [{ kind: 'pin', reason: 'LISTEN' }]],
    ['create temp table t (a int)', [{ kind: 'pin', reason: 'CREATE TEMP' }]],
    ['CREATE TABLE t (a int)', []],
    ['PREPARE p AS SELECT 1', [{ kind: 'pin', reason: 'PREPARE' }]],
    ['DISCARD ALL', [{ kind: 'discardAll' }]],
    ['DEALLOCATE ALL', [{ kind: 'deallocateAll' }]],
    ['/* hint */ -- note\n SET x.y = 1', [{ kind: 'set', name: 'x.y', statement: '/* hint */ -- note\n SET x.y = 1' }]],
    ['SELECT 1', []],
  ])('%s', (sql, effects) => {
    expect(sessionEffects(sql)).toEqual(effects);
  });

  it('classifies each statement of a multi-statement string', () => {
    expect(sessionEffects("SELECT ';'; SET a.b = 1; select $$;$$; LISTEN c").map((e) => e.kind)).toEqual(['set', 'pin']);
  });
});

describe('splitStatements', () => {
  it('ignores semicolons in strings, identifiers, dollar quotes and comments', () => {
    const sql = `select ';', "a;b", $x$ ; $x$, E'\\';' /* ; /* nested ; */ */ -- ;\n; select 2;`;
    const spans = splitStatements(sql);
    expect(spans).toHaveLength(2);
    expect(sql.slice(spans[1]!.start, spans[1]!.end).trim()).toBe('select 2');
  });
});

describe('StatementRewriter', () => {
  it('caches per context and SQL: a hit returns the same result object', async () => {
    await loadParser();
    const rewriter = new StatementRewriter(2);
    const tenant: TenantContext = {
      tenantId: 't', tenantColumn: 'tenant_id', roleName: 'r', schemas: {}, searchPath: ['public'], crossSchemaJoins: 'allow',
      appendOnly: new Set(), allowedFunctions: new Set(), catalog: emptyCatalog(1), channelPrefix: 'acme:',
    };
    const ctx = { cacheKey: 'acme', tenant };
    const first = rewriter.rewrite('set search_path = a', ctx);
    expect(rewriter.rewrite('set search_path = a', ctx)).toBe(first);
    expect(rewriter.rewrite('set search_path = a', { ...ctx, cacheKey: 'globex' })).not.toBe(first);
    expect(first.changed).toBe(false);
    expect(first.effects).toEqual([{ kind: 'set', name: 'search_path', statement: 'set search_path = a' }]);
    expect(rewriter.stats.hits).toBe(1);
  });
});

describe('transaction and function effects', () => {
  it.each([
    ['ROLLBACK', [{ kind: 'rollback' }]],
    ['abort', [{ kind: 'rollback' }]],
    ['ROLLBACK TO SAVEPOINT a', []],
    ["ROLLBACK PREPARED 'x'", []],
    ["select set_config('search_path', 'x', false)", [{ kind: 'untracked' }]],
    ['select my_set_config(1)', []],
  ])('%s', (sql, effects) => {
    expect(sessionEffects(sql)).toEqual(effects);
  });
});
