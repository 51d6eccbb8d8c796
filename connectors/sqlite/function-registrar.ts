// How pgf_* functions (functions/register-pg-functions.ts) get onto a connection, with the hooks they
// need from its session: the transaction timestamp, the cancel flag, a cancellable sleep, the settings.
import type Database from 'better-sqlite3';
import { registerPgFunctions, type PgFunctionSession } from './functions/register-pg-functions.js';
import { formatTimestamptz } from './functions/datetime-format.js';
import type { ConnectionSession } from './worker-connection.js';

export type FunctionRegistrar = (db: Database.Database, session: ConnectionSession) => void;

/** The worker's connections: every function, with the session's cancel flag. */
export const workerFunctions: FunctionRegistrar = (db, session) => {
  session.sequences = registerPgFunctions(db, hooksOf(session)).sequences;
};

/** The main thread's inline reader: the same functions; sleeping is never allowed there (it would stall the event loop). */
export const inlineFunctions: FunctionRegistrar = (db, session) => {
  registerPgFunctions(db, { ...hooksOf(session), sleep: () => false });
};

function hooksOf(session: ConnectionSession): PgFunctionSession {
  const flag = session.cancelFlag;
  return {
    transactionTimestamp: () => formatTimestamptz(BigInt(session.transactionStartedAt) * 1000n),
    cancelled: () => Atomics.load(flag, 0) !== 0,
    sleep: (ms) => {
      const until = Date.now() + ms;
      for (let left = ms; left > 0; left = until - Date.now()) {
        if (Atomics.load(flag, 0) !== 0) return false;
        Atomics.wait(flag, 0, 0, left);
      }
      return Atomics.load(flag, 0) === 0;
    },
    setting: (name) => session.settings.get(name.toLowerCase()) ?? null,
  };
}
