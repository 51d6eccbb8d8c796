// Statements every dialect answers the same way: transaction control, SET/RESET, COPY's options, and the
// name of a statement type for a refusal. Each dialect wraps these in its own plan shapes.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str } from '../../tenant/ast-nodes.js';
import { unsupported } from './compile-error.js';

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

export type TransactionStatement =
  | { readonly kind: 'begin'; readonly readOnly: boolean; readonly isolation: Isolation | null }
  | { readonly kind: 'commit' }
  | { readonly kind: 'rollback' }
  | { readonly kind: 'savepoint'; readonly name: string }
  | { readonly kind: 'release'; readonly name: string }
  | { readonly kind: 'rollback_to'; readonly name: string };

export type SettingStatement =
  | { readonly kind: 'set'; readonly name: string; readonly value: string | null; readonly local: boolean; readonly tag: string }
  | { readonly kind: 'noop'; readonly tag: string };

export type CopyFormat = { readonly format: 'text' | 'csv'; readonly delimiter: string; readonly null: string; readonly header: boolean; readonly quote: string; readonly escape: string };

export function transactionStatement(n: AstObject): { action: TransactionStatement; tag: string } {
  const kind = str(n['kind']);
  const savepoint = str(n['savepoint_name']) ?? '';
  if (n['chain']) throw unsupported('AND CHAIN');
  switch (kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START': {
      const readOnly = arr(n['options']).some((o) => {
        const d = bodyOf(o, 'DefElem');
        return d?.['defname'] === 'transaction_read_only' && obj(obj(bodyOf(d['arg'], 'A_Const'))?.['ival'])?.['ival'] === 1;
      });
      return { action: { kind: 'begin', readOnly, isolation: isolationOf(arr(n['options'])) }, tag: kind === 'TRANS_STMT_BEGIN' ? 'BEGIN' : 'START TRANSACTION' };
    }
    case 'TRANS_STMT_COMMIT':
      return { action: { kind: 'commit' }, tag: 'COMMIT' };
    case 'TRANS_STMT_ROLLBACK':
      return { action: { kind: 'rollback' }, tag: 'ROLLBACK' };
    case 'TRANS_STMT_SAVEPOINT':
      return { action: { kind: 'savepoint', name: savepoint }, tag: 'SAVEPOINT' };
    case 'TRANS_STMT_RELEASE':
      return { action: { kind: 'release', name: savepoint }, tag: 'RELEASE' };
    case 'TRANS_STMT_ROLLBACK_TO':
      return { action: { kind: 'rollback_to', name: savepoint }, tag: 'ROLLBACK' };
    default:
      throw unsupported('two-phase commit');
  }
}

function settingValue(args: unknown[]): string {
  return args
    .map((a) => {
      const c = bodyOf(a, 'A_Const');
      if (c) {
        const sval = obj(c['sval']);
        if (sval) return str(sval['sval']) ?? '';
        const ival = obj(c['ival']);
        if (ival) return String(ival['ival'] ?? 0);
        const fval = obj(c['fval']);
        if (fval) return str(fval['fval']) ?? '';
        const b = obj(c['boolval']);
        if (b) return b['boolval'] === true ? 'on' : 'off';
      }
      const cast = bodyOf(a, 'TypeCast');
      if (cast) return settingValue([cast['arg']]);
      throw unsupported('this SET value');
    })
    .join(', ');
}

export function settingStatement(n: AstObject): SettingStatement {
  const kind = str(n['kind']);
  const name = (str(n['name']) ?? '').toLowerCase();
  const local = n['is_local'] === true;
  switch (kind) {
    case 'VAR_SET_VALUE':
      return { kind: 'set', name, value: settingValue(arr(n['args'])), local, tag: 'SET' };
    case 'VAR_SET_DEFAULT':
    case 'VAR_RESET':
      return { kind: 'set', name, value: null, local, tag: kind === 'VAR_RESET' ? 'RESET' : 'SET' };
    case 'VAR_RESET_ALL':
      return { kind: 'set', name: 'all', value: null, local: false, tag: 'RESET' };
    case 'VAR_SET_MULTI':
      // SET TRANSACTION … / SET SESSION CHARACTERISTICS: accepted; the dialect's own isolation applies.
      if (name === 'transaction' || name === 'session characteristics') return { kind: 'noop', tag: 'SET' };
      throw unsupported(`SET ${name}`);
    default:
      throw unsupported(`SET ${name}`);
  }
}

const COPY_DEFAULTS: CopyFormat = { format: 'text', delimiter: '\t', null: '\\N', header: false, quote: '"', escape: '"' };

export function copyOptions(options: unknown[]): CopyFormat {
  let f: { -readonly [K in keyof CopyFormat]: CopyFormat[K] } = { ...COPY_DEFAULTS };
  let delimiterSet = false;
  let nullSet = false;
  let escapeSet = false;
  for (const o of options) {
    const d = bodyOf(o, 'DefElem')!;
    const name = str(d['defname']);
    const arg = d['arg'];
    const value = arg === undefined ? '' : (str(bodyOf(arg, 'String')?.['sval']) ?? str(bodyOf(arg, 'Boolean')?.['boolval'] === true ? 'true' : undefined) ?? String(bodyOf(arg, 'Integer')?.['ival'] ?? (bodyOf(arg, 'Boolean') ? 'false' : '')));
    switch (name) {
      case 'format':
        if (value !== 'text' && value !== 'csv') throw unsupported(`COPY format ${value}`);
        f = { ...f, format: value };
        break;
      case 'delimiter':
        f.delimiter = value;
        delimiterSet = true;
        break;
      case 'null':
        f.null = value;
        nullSet = true;
        break;
      case 'header':
        f.header = value === '' || ['true', 'on', '1', 'match'].includes(value.toLowerCase());
        break;
      case 'quote':
        f.quote = value;
        break;
      case 'escape':
        f.escape = value;
        escapeSet = true;
        break;
      case 'freeze':
      case 'encoding':
        break;
      default:
        throw unsupported(`COPY option ${name}`);
    }
  }
  if (f.format === 'csv') {
    if (!delimiterSet) f.delimiter = ',';
    if (!nullSet) f.null = '';
    if (!escapeSet) f.escape = f.quote;
  }
  return f;
}


function isolationOf(options: unknown[]): Isolation | null {
  for (const o of options) {
    const d = bodyOf(o, 'DefElem');
    if (d?.['defname'] !== 'transaction_isolation') continue;
    const level = str(obj(bodyOf(d['arg'], 'A_Const')?.['sval'])?.['sval']);
    if (level === 'read committed' || level === 'repeatable read' || level === 'serializable') return level;
    if (level === 'read uncommitted') return 'read committed';
  }
  return null;
}

/** Statements every dialect accepts without running anything, with the tag Postgres answers (null: not one of them). */
export function noopTag(type: string, n: AstObject): string | null {
  switch (type) {
    case 'DiscardStmt':
      return str(n['target']) === 'DISCARD_ALL' ? 'DISCARD ALL' : 'DISCARD';
    case 'DeallocateStmt':
      return 'DEALLOCATE' + (n['name'] === undefined ? ' ALL' : '');
    case 'CommentStmt':
      return 'COMMENT';
    case 'CreateExtensionStmt': {
      const ext = str(n['extname']) ?? '';
      // Extensions whose functions the dialects provide themselves (gen_random_uuid, uuid_generate_v4).
      if (['plpgsql', 'pgcrypto', 'uuid-ossp'].includes(ext)) return 'CREATE EXTENSION';
      throw unsupported(`extension ${ext}`);
    }
    default:
      return null;
  }
}

/** Names a statement type for a refusal: CreateFunctionStmt → CREATE FUNCTION. */
export function statementLabel(type: string, n: AstObject): string {
  if (type === 'DoStmt') return 'DO blocks';
  if (type === 'ExplainStmt') return 'EXPLAIN';
  if (type === 'ListenStmt' || type === 'NotifyStmt' || type === 'UnlistenStmt') return 'LISTEN/NOTIFY';
  // Node names that do not spell the statement.
  if (type === 'CreateFunctionStmt' && n['is_procedure'] === true) return 'CREATE PROCEDURE';
  if (type === 'CreateTrigStmt') return 'CREATE TRIGGER';
  if (type === 'CreateSeqStmt') return 'CREATE SEQUENCE';
  if (type === 'AlterSeqStmt') return 'ALTER SEQUENCE';
  if (type === 'CreateEnumStmt' || type === 'CompositeTypeStmt' || type === 'CreateRangeStmt') return 'CREATE TYPE';
  return type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}
