// The golden corpus of the tenant rewrite engine: every test/golden/tenant/<rule>/<case>.sql is run
// through rewriteForTenant with the fixture context and compared with <case>.expected.sql (the SQL
// sent to the backend, followed by `-- params checked at Bind`, `-- warning`, `-- search_path`,
// `-- temp table` and `-- copy in` lines when the rewrite reports them) or <case>.expected.error (the refusal code, then the rule).
// PGFABRIC_GOLDEN_UPDATE=1 (re)writes the expected files instead of comparing; without it a case with
// no expected file fails, so CI fails whenever regeneration would change anything.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../rewrite/parser/pg-parser.js';
import { rewriteForTenant, type TenantRewrite } from '../../rewrite/tenant/tenant-rewriter.js';
import { applyOverride, fixtureContext, type ContextOverride } from './tenant/fixture.js';

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tenant');
const UPDATE = process.env.PGFABRIC_GOLDEN_UPDATE === '1';
const HEADER = /^--\s*(context|role):\s*(.*)$/;

type GoldenCase = { readonly folder: string; readonly name: string; readonly base: string };

function listCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const folder of readdirSync(CASES_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(path.join(CASES_DIR, folder.name)).sort()) {
      if (!file.endsWith('.sql') || file.endsWith('.expected.sql')) continue;
      const name = file.slice(0, -'.sql'.length);
      cases.push({ folder: folder.name, name, base: path.join(CASES_DIR, folder.name, name) });
    }
  }
  return cases;
}

/** The case's SQL without its header lines, and the context the header asks for. */
function readCase(c: GoldenCase) {
  const lines = readFileSync(c.base + '.sql', 'utf8').split('\n');
  let override: ContextOverride = {};
  while (lines.length > 0) {
    const m = HEADER.exec(lines[0]!);
    if (!m) break;
    const value = JSON.parse(m[2]!) as unknown;
    override = m[1] === 'role' ? { ...override, schemas: value as ContextOverride['schemas'] } : { ...override, ...(value as ContextOverride) };
    lines.shift();
  }
  return { sql: lines.join('\n').trimEnd(), ctx: applyOverride(fixtureContext(), override) };
}

function render(result: TenantRewrite): { file: 'expected.sql' | 'expected.error'; text: string } {
  if (result.kind === 'refused') return { file: 'expected.error', text: `${result.refusal.code}\n${result.refusal.rule}\n` };
  const lines = [result.sql];
  if (result.paramChecks.length > 0) lines.push(`-- params checked at Bind: ${result.paramChecks.map((n) => '$' + n).join(', ')}`);
  for (const w of result.warnings) lines.push(`-- warning: ${w}`);
  if (result.searchPath) lines.push(`-- search_path: ${result.searchPath.join(', ')}`);
  for (const t of result.tempCreated) lines.push(`-- temp table: ${t.name}(${t.columns.join(', ')})`);
  // How a COPY … FROM STDIN row stream gets (or is checked for) the tenant id; read structurally so the
  // corpus does not depend on the exact shape of the plan.
  const copyIn = (result as { readonly copyIn?: unknown }).copyIn;
  if (copyIn !== undefined && copyIn !== null) lines.push(`-- copy in: ${JSON.stringify(copyIn)}`);
  return { file: 'expected.sql', text: lines.join('\n') + '\n' };
}

function readExpected(c: GoldenCase): { file: string; text: string } | null {
  const found = (['expected.sql', 'expected.error'] as const).filter((f) => existsSync(`${c.base}.${f}`));
  if (found.length > 1) throw new Error(`${c.folder}/${c.name}: both .expected.sql and .expected.error exist`);
  const file = found[0];
  return file ? { file, text: readFileSync(`${c.base}.${file}`, 'utf8') } : null;
}

const cases = listCases();
const folders = [...new Set(cases.map((c) => c.folder))].sort();

beforeAll(async () => {
  await loadParser();
});

describe('tenant golden corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(320);
  });

  it('has no expected file without its case', () => {
    const orphans: string[] = [];
    for (const folder of folders) {
      for (const file of readdirSync(path.join(CASES_DIR, folder))) {
        const m = /^(.*)\.expected\.(sql|error)$/.exec(file);
        if (m && !existsSync(path.join(CASES_DIR, folder, m[1]! + '.sql'))) orphans.push(`${folder}/${file}`);
      }
    }
    expect(orphans).toEqual([]);
  });

  describe.each(folders)('%s', (folder) => {
    it.each(cases.filter((c) => c.folder === folder).map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const { sql, ctx } = readCase(c);
      const actual = render(rewriteForTenant(sql, ctx));
      if (UPDATE) {
        for (const f of ['expected.sql', 'expected.error']) if (f !== actual.file) rmSync(`${c.base}.${f}`, { force: true });
        writeFileSync(`${c.base}.${actual.file}`, actual.text);
        return;
      }
      const expected = readExpected(c);
      if (!expected) throw new Error(`${c.folder}/${c.name}: no expected file (run with PGFABRIC_GOLDEN_UPDATE=1 and review it)`);
      expect(`${actual.file}\n${actual.text}`).toBe(`${expected.file}\n${expected.text}`);
    });
  });
});
