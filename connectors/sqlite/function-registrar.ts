// Worker side: how pgf_* functions get onto a connection. functions/register-pg-functions.ts is written
// separately and imported by a variable specifier, so this connector builds and runs while that module
// is still incomplete; until it loads, only the two session functions the connector's own cancel and
// timeout handling relies on are registered (pgf_sleep, pgf_check_cancel).
import type Database from 'better-sqlite3';
import type { ConnectionSession } from './worker-connection.js';

export type FunctionRegistrar = (db: Database.Database, session: ConnectionSession) => void;

/** The session hooks functions/register-pg-functions.ts asks for (its PgFunctionSession). */
type PgFunctionSession = {
  transactionTimestamp(): string;
  cancelled(): boolean;
  sleep(ms: number): boolean;
  setting(name: string): string | null;
};
type RegisterPgFunctions = (db: Database.Database, session: PgFunctionSession) => void;

export async function loadFunctionRegistrar(): Promise<FunctionRegistrar> {
  const specifier = './functions/register-pg-functions.js';
  try {
    const mod = (await import(specifier)) as { registerPgFunctions?: RegisterPgFunctions };
    const register = mod.registerPgFunctions;
    if (typeof register === 'function') return (db, session) => register(db, hooksOf(session));
  } catch {
    // not built yet
  }
  return registerSessionFunctions;
}

function hooksOf(session: ConnectionSession): PgFunctionSession {
  const flag = session.cancelFlag;
  return {
    transactionTimestamp: () => timestamptzStorage(session.transactionStartedAt),
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

/** `YYYY-MM-DD HH:MM:SS.ffffff+00`, fraction without trailing zeros (the storage form of timestamptz). */
function timestamptzStorage(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-02T03:04:05.678Z
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? '.' + fraction : ''}+00`;
}

function registerSessionFunctions(db: Database.Database, session: ConnectionSession): void {
  const hooks = hooksOf(session);
  const cancelled = (): Error => Object.assign(new Error('canceling statement due to user request'), { code: '57014' });
  db.function('pgf_check_cancel', () => {
    if (hooks.cancelled()) throw cancelled();
    return null;
  });
  db.function('pgf_sleep', (seconds: unknown) => {
    if (!hooks.sleep(Number(seconds) * 1000)) throw cancelled();
    return null;
  });
}
