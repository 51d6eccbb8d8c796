// INSERT … ON CONFLICT as MERGE. HOLDLOCK (serializable range locks on the target for the statement) is what
// makes MERGE an atomic upsert under concurrency: without it two sessions can both see "not matched" and
// one fails with a duplicate key. The incoming rows are the USING source, named `excluded` as Postgres names
// them, so DO UPDATE SET x = EXCLUDED.x reads the same. RETURNING is OUTPUT INSERTED.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str } from '../../tenant/ast-nodes.js';
import { CompileError, unsupported } from '../common/compile-error.js';
import { T } from '../common/pg-types.js';
import { Scope, type ShapeColumn } from '../common/scope.js';
import { returningItems } from '../common/returning-items.js';
import { coerce } from './coercion.js';
import type { TsqlContext } from './context.js';
import { insertSource, outputClause, type DmlTarget } from './dml-compiler.js';
import { compileExpr } from './expr-compiler.js';
import type { RunPlan } from './plan-types.js';
import { runPlan } from './run-plan.js';
import { asCondition, asValue } from './texpr.js';
import { ident, withIdentityInsert } from './tsql-text.js';

export function compileMerge(ctx: TsqlContext, n: AstObject, target: DmlTarget, columns: readonly ShapeColumn[]): RunPlan {
  const oc = obj(bodyOf(n['onConflictClause'], 'OnConflictClause') ?? n['onConflictClause'])!;
  const action = str(oc['action']);
  const infer = obj(bodyOf(oc['infer'], 'InferClause') ?? oc['infer']);
  if (infer?.['conname']) throw unsupported('ON CONFLICT ON CONSTRAINT');
  if (infer?.['whereClause']) throw unsupported('ON CONFLICT (…) WHERE (a partial unique index)');
  const keys = arr(infer?.['indexElems']).map((e) => {
    const name = str(bodyOf(e, 'IndexElem')?.['name']);
    if (!name) throw unsupported('ON CONFLICT on an expression');
    return name;
  });
  const names = columns.map((c) => c.name);
  const unique = target.table.uniqueKeys;
  // The conflict target must be a unique key, as Postgres requires; without one, DO NOTHING means "any unique key".
  const keySets = keys.length ? [keys] : action === 'ONCONFLICT_NOTHING' ? unique.map((k) => [...k]) : [];
  if (action === 'ONCONFLICT_UPDATE' && keys.length === 0) throw new CompileError('42601', 'ON CONFLICT DO UPDATE requires inference specification or constraint name');
  if (keys.length && !unique.some((k) => k.length === keys.length && k.every((c) => keys.includes(c)))) {
    throw new CompileError('42P10', 'there is no unique or exclusion constraint matching the ON CONFLICT specification');
  }
  if (keySets.length === 0) throw unsupported(`ON CONFLICT on "${target.table.name}", which has no unique key`);
  for (const k of keySets.flat()) if (!names.includes(k)) throw unsupported(`ON CONFLICT on the column "${k}", which the INSERT does not set`);

  const select = bodyOf(n['selectStmt'], 'SelectStmt');
  const source = insertSource(ctx, select, columns);
  if (source === 'DEFAULT VALUES') throw unsupported('INSERT … DEFAULT VALUES ON CONFLICT');
  const t = ident(target.refname);
  const on = keySets.map((k) => `(${k.map((c) => `${t}.${ident(c)} = [excluded].${ident(c)}`).join(' AND ')})`).join(' OR ');
  const insert = `WHEN NOT MATCHED THEN INSERT (${names.map(ident).join(', ')}) VALUES (${names.map((c) => `[excluded].${ident(c)}`).join(', ')})`;
  let matched = '';
  if (action === 'ONCONFLICT_UPDATE') {
    const scope = new Scope(null);
    scope.add({ refname: target.refname, sqlName: t, columns: target.columns, quote: ident });
    scope.add({ refname: 'excluded', sqlName: '[excluded]', columns: columns.map((c) => ({ name: c.name, type: c.type })), quote: ident });
    const sets = arr(oc['targetList']).map((item) => {
      const rt = bodyOf(item, 'ResTarget')!;
      const name = str(rt['name']) ?? '';
      const col = target.columns.find((c) => c.name === name);
      if (!col) throw new CompileError('42703', `column "${name}" of relation "${target.table.name}" does not exist`);
      return `${ident(name)} = ${asValue(coerce(ctx, compileExpr(ctx, rt['val'], scope), col.type, 'assignment'))}`;
    });
    const where = oc['whereClause'] ? ` AND ${asCondition(coerce(ctx, compileExpr(ctx, oc['whereClause'], scope), T('bool')))}` : '';
    matched = ` WHEN MATCHED${where} THEN UPDATE SET ${sets.join(', ')}`;
  }
  const usingSource = `(${source})`;
  const output = outputClause(ctx, returningItems(n), target, 'INSERTED');
  const identity = target.table.columns.find((c) => c.identity && names.includes(c.name));
  // MERGE must end with a semicolon.
  let sql = `MERGE INTO ${target.sql} WITH (HOLDLOCK) AS ${t} USING ${usingSource} AS [excluded] (${names.map(ident).join(', ')}) ON ${on}${matched} ${insert}${output?.sql ?? ''};`;
  if (identity) sql = withIdentityInsert(target.sql, ctx.takeWithPrefix() + sql);
  return runPlan(ctx, sql, output?.columns ?? null, { kind: 'rows', command: 'INSERT' }, { readOnly: false });
}
