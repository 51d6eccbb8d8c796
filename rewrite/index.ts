// Public surface of the rewrite layer.
export { StatementRewriter, type RewriteContext, type RewriteResult } from './statement-rewriter.js';
export type { SessionEffect } from './classify/session-effects.js';
export { sessionEffects } from './classify/session-effects.js';
export { splitStatements } from './classify/sql-lexer.js';
