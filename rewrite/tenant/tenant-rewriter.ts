// One client SQL string in, the SQL to run (or a refusal) out: parse, analyse each statement, run the
// checking rules, then the rewriting rules, print, verify. Statements that touch no relation are kept
// as the client wrote them (the printer has traps; see PARSERS.md).
import { UnknownNodeError, type AstObject } from '../parser/node-walker.js';
import { parseSql, printStatement, type ParsedStatement } from '../parser/pg-parser.js';
import { CHECK_RULES, REWRITE_RULES } from '../rules/rule-registry.js';
import type { RuleOutput } from '../rules/rule.js';
import { RefusalError, refuse, refusalOf, type Refusal } from './refusal.js';
import { StatementAnalyzer } from './statement-analyzer.js';
import type { TenantContext } from './tenant-context.js';
import type { CopyInPlan } from './statement-facts.js';
import { verifyRewrite } from './tenant-verifier.js';

/** What a statement string that passed the rules carries besides its SQL. */
export type RewriteOutput = {
  readonly sql: string;
  /** False when `sql` is the client's text unchanged: callers then forward the client's bytes as they are. */
  readonly changed: boolean;
  /** 1-based parameter numbers whose bound value must be the tenant id. */
  readonly paramChecks: readonly number[];
  readonly ddl: boolean;
  /** The new search_path when the string sets it (last one wins). */
  readonly searchPath: readonly string[] | null;
  /** RESET search_path / SET search_path TO DEFAULT (after any SET in the same string). */
  readonly searchPathReset: boolean;
  readonly tempCreated: readonly { name: string; columns: string[] }[];
  readonly copyIn: CopyInPlan | null;
  readonly warnings: readonly string[];
};

export type TenantRewrite =
  | ({ readonly kind: 'ok'; readonly statementCount: number } & RewriteOutput)
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export function rewriteForTenant(sql: string, ctx: TenantContext): TenantRewrite {
  // An empty query string gets Postgres's EmptyQueryResponse from the backend.
  if (sql.trim() === '') return { kind: 'ok', sql, changed: false, paramChecks: [], ddl: false, searchPath: null, tempCreated: [], copyIn: null, searchPathReset: false, warnings: [], statementCount: 0 };
  const parsed = parseSql(sql);
  if (parsed.kind === 'syntax-error') {
    return { kind: 'refused', refusal: { code: 'syntax_error', rule: 'parser', message: parsed.message, ...(parsed.position ? { position: parsed.position } : {}) } };
  }
  const out: RuleOutput = { paramChecks: [], warnings: [], changed: false };
  const texts: string[] = [];
  let changed = false;
  let ddl = false;
  let searchPath: string[] | null = null;
  const tempCreated: { name: string; columns: string[] }[] = [];
  let copyIn: CopyInPlan | null = null;
  let searchPathReset = false;
  let current = ctx;
  try {
    for (const statement of parsed.statements) {
      const result = rewriteStatement(statement, sql, current, out);
      texts.push(result.text);
      changed ||= result.changed;
      ddl ||= result.ddl;
      tempCreated.push(...result.tempCreated);
      if (result.copyIn) {
        // The row stream belongs to one COPY: it must be the string's only statement.
        if (parsed.statements.length > 1) {
          return { kind: 'refused', refusal: refusalOf('unsupported', 'tenant_insert', 'COPY … FROM STDIN into a tenant-scoped relation must be sent on its own') };
        }
        copyIn = result.copyIn;
      }
      // The statements after a SET search_path in the same string resolve names with the new path.
      if (result.searchPath) {
        searchPath = result.searchPath;
        searchPathReset = false;
        current = { ...current, searchPath };
      }
      if (result.searchPathReset) {
        searchPath = null;
        searchPathReset = true;
      }
    }
  } catch (err) {
    if (err instanceof RefusalError) return { kind: 'refused', refusal: err.refusal };
    if (err instanceof UnknownNodeError) {
      return { kind: 'refused', refusal: { code: 'unsupported', rule: 'parser', message: `statement uses syntax the tenant rules do not know (${err.message})` } };
    }
    throw err;
  }
  return {
    kind: 'ok',
    // ';\n', not '; ': a statement kept as written may end in a -- comment.
    sql: changed ? texts.join(';\n') : sql,
    changed,
    paramChecks: out.paramChecks,
    ddl,
    searchPath,
    tempCreated,
    copyIn,
    searchPathReset,
    warnings: out.warnings,
    statementCount: parsed.statements.length,
  };
}

function rewriteStatement(statement: ParsedStatement, sql: string, ctx: TenantContext, out: RuleOutput) {
  const wrapped = statement.stmt as AstObject;
  const facts = StatementAnalyzer.analyze(ctx, wrapped);
  for (const rule of CHECK_RULES) rule.apply(facts, ctx, out);
  const before = out.changed;
  const paramsBefore = out.paramChecks.length;
  out.changed = false;
  for (const rule of REWRITE_RULES) rule.apply(facts, ctx, out);
  if (facts.kind === 'PrepareStmt' && out.paramChecks.length > paramsBefore) {
    // EXECUTE passes its values as SQL, out of reach of the Bind check: the tenant column must not be a parameter here.
    refuse('tenant_column_write', 'tenant_insert', 'PREPARE … AS INSERT with the tenant column as a parameter is not allowed: omit the column (pgfabric fills it)');
  }
  const changed = out.changed || facts.refs.length > 0;
  out.changed = before || changed;
  const original = originalText(statement, sql);
  if (!changed) return { text: original, changed: false, ddl: facts.ddl, searchPath: facts.searchPath, tempCreated: facts.tempCreated, copyIn: facts.copyIn, searchPathReset: facts.searchPathReset };
  const printed = printStatement(statement.stmt);
  verifyRewrite(printed, wrapped, ctx, out.paramChecks);
  return { text: printed, changed: true, ddl: facts.ddl, searchPath: facts.searchPath, tempCreated: facts.tempCreated, copyIn: facts.copyIn, searchPathReset: facts.searchPathReset };
}

function originalText(statement: ParsedStatement, sql: string): string {
  const end = statement.length === 0 ? sql.length : statement.location + statement.length;
  const text = sql.slice(statement.location, end).trim();
  // A statement kept as written may end in a -- comment: the ';' that follows must start a new line.
  return text.includes('--') ? text + '\n' : text;
}
