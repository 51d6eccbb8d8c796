// The verifier is the second wall: whatever the rules produced, it re-parses the printed SQL and
// refuses it unless it is exactly the checked tree and carries the tenant's predicate everywhere.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser, parseSql } from '../../../rewrite/parser/pg-parser.js';
import type { AstObject } from '../../../rewrite/parser/node-walker.js';
import { canonical, sameTree } from '../../../rewrite/tenant/canonical-tree.js';
import { RefusalError } from '../../../rewrite/tenant/refusal.js';
import { rewriteForTenant } from '../../../rewrite/tenant/tenant-rewriter.js';
import { verifyRewrite } from '../../../rewrite/tenant/tenant-verifier.js';
import type { TenantContext } from '../../../rewrite/tenant/tenant-context.js';

const cols = (schema: string, name: string, columns: string[]) =>
  [`${schema}.${name}`, { schema, name, kind: 'table' as const, columns, readsTenantScoped: false }] as const;
const ctx: TenantContext = {
  tenantId: '11111111-1111-1111-1111-111111111111',
  tenantColumn: 'tenant_id',
  roleName: 'app',
  schemas: { public: 'write' },
  searchPath: ['public'],
  crossSchemaJoins: 'allow',
  appendOnly: new Set(),
  allowedFunctions: new Set(),
  channelPrefix: 'acme:',
  catalog: {
    version: 1,
    schemas: new Set(['public', 'pg_catalog']),
    relations: new Map([
      cols('public', 'pgbench_accounts', ['aid', 'bid', 'abalance', 'filler', 'tenant_id']),
      cols('public', 'pgbench_branches', ['bid', 'bbalance', 'filler', 'tenant_id']),
      cols('public', 'pgbench_history', ['tid', 'bid', 'aid', 'delta', 'mtime', 'filler', 'tenant_id']),
    ]),
    functions: new Map(),
  },
};
const TENANT = ctx.tenantId;

function tree(sql: string): AstObject {
  const parsed = parseSql(sql);
  if (parsed.kind !== 'parsed') throw new Error(parsed.message);
  return parsed.statements[0]!.stmt as AstObject;
}

function verdict(printed: string, intended: string, params: number[] = []): string {
  try {
    verifyRewrite(printed, tree(intended), ctx, params);
    return 'ok';
  } catch (err) {
    if (err instanceof RefusalError) return err.refusal.code;
    throw err;
  }
}

beforeAll(loadParser);

describe('tenant verifier', () => {
  it('accepts what the rules produce', () => {
    const out = rewriteForTenant('select abalance from pgbench_accounts a join pgbench_branches b using (bid) where aid = 1', ctx);
    expect(out.kind).toBe('ok');
    if (out.kind === 'ok') expect(verdict(out.sql, out.sql)).toBe('ok');
  });

  it('refuses a statement that lost a predicate, or carries another tenant id', () => {
    const good = `SELECT abalance FROM public.pgbench_accounts WHERE aid = 1 AND pgbench_accounts.tenant_id = '${TENANT}'`;
    expect(verdict(good, good)).toBe('ok');
    const missing = 'SELECT abalance FROM public.pgbench_accounts WHERE aid = 1';
    expect(verdict(missing, missing)).toBe('verifier');
    const other = "SELECT abalance FROM public.pgbench_accounts WHERE aid = 1 AND pgbench_accounts.tenant_id = '22222222-2222-2222-2222-222222222222'";
    expect(verdict(other, other)).toBe('verifier');
    const ored = `SELECT abalance FROM public.pgbench_accounts WHERE aid = 1 OR pgbench_accounts.tenant_id = '${TENANT}'`;
    expect(verdict(ored, ored)).toBe('verifier');
  });

  it('refuses printed SQL that differs from the checked tree', () => {
    const intended = `SELECT 1 FROM public.pgbench_accounts WHERE pgbench_accounts.tenant_id = '${TENANT}'`;
    const printed = `SELECT 2 FROM public.pgbench_accounts WHERE pgbench_accounts.tenant_id = '${TENANT}'`;
    expect(verdict(printed, intended)).toBe('verifier');
  });

  it('checks INSERT tenant values: literal of this tenant or a parameter checked at Bind', () => {
    const literal = `INSERT INTO public.pgbench_history (tid, tenant_id) VALUES (1, '${TENANT}')`;
    expect(verdict(literal, literal)).toBe('ok');
    const param = 'INSERT INTO public.pgbench_history (tid, tenant_id) VALUES (1, $1)';
    expect(verdict(param, param, [1])).toBe('ok');
    expect(verdict(param, param, [])).toBe('verifier');
    const none = 'INSERT INTO public.pgbench_history (tid) VALUES (1)';
    expect(verdict(none, none)).toBe('verifier');
  });
});

describe('tree comparison', () => {
  it('ignores positions and key order, nothing else', () => {
    const a = tree('select a, b from t where x = 1');
    const b = tree('select   a,   b from t   where x = 1');
    expect(sameTree(a, b)).toBe(true);
    expect(canonical(a)).toBe(canonical(b));
    expect(sameTree(a, tree('select a, b from t where x = 2'))).toBe(false);
    expect(sameTree(a, tree('select a from t where x = 1'))).toBe(false);
    expect(sameTree({ x: 1, location: 3 }, { location: 9, x: 1 })).toBe(true);
    expect(sameTree({ x: 1 }, { x: 1, y: 2 })).toBe(false);
  });
});
