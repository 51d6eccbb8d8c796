// How a plan-compiling session answers SET/RESET, SHOW and the no-op statements from its own settings: shared by
// the SQLite and SQL Server plan runners (neither backend keeps Postgres's settings itself).
import { PgFailure } from './pg-failure.js';
import { DataRowFrameless } from './row-slices.js';
import type { SessionOutput } from './sqlite-output.js';
import type { SessionSettings } from './sqlite-settings.js';

type SetPlan = { readonly name: string; readonly value: string | null; readonly local: boolean; readonly tag: string };

/** SET name = value / RESET name / RESET ALL / SET LOCAL, with Postgres's ParameterStatus and notices. */
export function answerSet(plan: SetPlan, settings: SessionSettings, out: SessionOutput, inTransaction: boolean): void {
  if (plan.name === 'all' && plan.value === null) {
    // RESET ALL: every setting back to its session default.
    out.complete(plan.tag);
    for (const [k, v] of settings.resetAll()) out.parameterStatus(k, v);
    return;
  }
  const outcome = settings.set(plan.name, plan.value, plan.local, inTransaction);
  if (!outcome.ok) throw new PgFailure(outcome.code, outcome.message);
  if (plan.local && !inTransaction) out.notice('25P01', 'SET LOCAL can only be used in transaction blocks');
  out.complete(plan.tag);
  if (outcome.reported) out.parameterStatus(outcome.reported[0], outcome.reported[1]);
}

/** A statement answered without the backend; DISCARD ALL and RESET also put every setting back. */
export function answerNoop(tag: string, settings: SessionSettings, out: SessionOutput): void {
  if (tag === 'DISCARD ALL' || tag === 'RESET') for (const [k, v] of settings.resetAll()) out.parameterStatus(k, v);
  out.complete(tag);
}

/** SHOW name: one text column named after the setting (describe: with its RowDescription). */
export function answerShow(rawName: string, settings: SessionSettings, out: SessionOutput, describe: boolean): void {
  const name = rawName.toLowerCase();
  const value = settings.get(name);
  if (value === undefined) throw new PgFailure('42704', `unrecognized configuration parameter "${rawName}"`);
  if (describe) out.rowDescription([{ name, type: { oid: 25, typmod: -1, typlen: -1, name: 'text' } }], null);
  out.write(DataRowFrameless.single(value));
  out.complete('SHOW');
}
