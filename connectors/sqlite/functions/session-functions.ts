// pg_sleep (waits on the connection's cancel flag), cancel checks and current_setting.
import type Database from 'better-sqlite3';
import { scalar } from './define.js';
import { pgError } from './errors.js';
import { asFloat, asText, isNull } from './sql-values.js';

export type SessionHooks = { cancelled(): boolean; sleep(ms: number): boolean; setting(name: string): string | null };

function cancelledError(): Error {
  return pgError('57014', 'canceling statement due to user request');
}

export function registerSessionFunctions(db: Database.Database, session: SessionHooks): void {
  scalar(db, 'pgf_sleep', (seconds) => {
    if (isNull(seconds)) return null;
    const ms = Math.max(0, asFloat(seconds) * 1000);
    if (!session.sleep(ms)) throw cancelledError();
    return null;
  }, false);
  scalar(db, 'pgf_check_cancel', () => {
    if (session.cancelled()) throw cancelledError();
    return null;
  }, false);
  // current_setting(name [, missing_ok]): 42704 for an unknown setting unless missing_ok.
  scalar(db, 'pgf_setting', (name, missingOk) => {
    if (isNull(name)) return null;
    const value = session.setting(asText(name));
    if (value === null && !(missingOk !== undefined && missingOk !== null && Number(missingOk) !== 0)) {
      throw pgError('42704', `unrecognized configuration parameter "${asText(name)}"`);
    }
    return value;
  }, false);
}
