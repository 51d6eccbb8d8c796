// The SQLite compiler's refusals are the shared ones (rewrite/dialect/common/compile-error.ts); the entry point
// (translate.ts) names SQLite in a 0A000's message.
export { ambiguousColumn, CompileError, datatypeMismatch, undefinedColumn, undefinedFunction, undefinedTable, unsupported } from '../common/compile-error.js';
