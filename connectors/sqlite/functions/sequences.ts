// nextval/currval/setval. A user function cannot run statements on its own connection (better-sqlite3
// refuses: "This database connection is busy executing a query"), so sequence values live in a cache
// that the connector loads from and writes back to _pgfabric_sequences(name PRIMARY KEY, value,
// increment, called) around each statement: `load()` before (cheap once loaded; `invalidate()` after
// DDL that creates or drops sequences), `flush()` after. Like Postgres, values handed out are never
// taken back by a rollback, so flush also after a failed statement.
import type Database from 'better-sqlite3';
import { intResult, scalar } from './define.js';
import { pgError } from './errors.js';
import { asBigInt, asText, isNull, type SqlValue } from './sql-values.js';

type SequenceState = { value: bigint; increment: bigint; called: boolean; dirty: boolean };

export type SequenceStore = {
  /** Reads _pgfabric_sequences into the cache unless already loaded (also done once at registration). */
  load(): void;
  /** Forgets the cache (after DDL); the next load() reads the table again. Unflushed values are flushed first. */
  invalidate(): void;
  /** Writes values changed since the last flush back to the table. */
  flush(): void;
};

const INT8_MAX = 2n ** 63n - 1n;
const INT8_MIN = -(2n ** 63n);

export function registerSequenceFunctions(db: Database.Database): SequenceStore {
  const cache = new Map<string, SequenceState>();
  const last = new Map<string, bigint>();
  let loaded = false;

  const store: SequenceStore = {
    load() {
      if (loaded) return;
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_pgfabric_sequences'").get();
      cache.clear();
      if (exists) {
        const rows = db.prepare('SELECT name, value, increment, called FROM _pgfabric_sequences').safeIntegers(true).all() as
          { name: string; value: bigint; increment: bigint; called: bigint }[];
        for (const r of rows) cache.set(r.name, { value: BigInt(r.value), increment: BigInt(r.increment), called: r.called !== 0n, dirty: false });
        loaded = true; // a file without the table is looked at again next time
      }
    },
    invalidate() {
      store.flush();
      loaded = false;
    },
    flush() {
      const dirty = [...cache.entries()].filter(([, s]) => s.dirty);
      if (dirty.length === 0) return;
      const update = db.prepare('UPDATE _pgfabric_sequences SET value = ?, called = ? WHERE name = ?');
      for (const [name, s] of dirty) {
        update.run(s.value, s.called ? 1 : 0, name);
        s.dirty = false;
      }
    },
  };

  // Best effort: a connection opened on a file that already has sequences can nextval at once.
  try {
    store.load();
  } catch {
    loaded = false;
  }

  const find = (name: string): SequenceState => {
    const s = cache.get(name);
    if (!s) throw pgError('42P01', `relation "${name}" does not exist`);
    return s;
  };
  scalar(db, 'pgf_nextval', (seq: SqlValue) => {
    if (isNull(seq)) return null;
    const name = asText(seq);
    const s = find(name);
    const value = s.called ? s.value + s.increment : s.value;
    if (value > INT8_MAX || value < INT8_MIN) {
      throw pgError('2200H', `nextval: reached ${s.increment > 0n ? 'maximum' : 'minimum'} value of sequence "${name}" (${s.value})`);
    }
    Object.assign(s, { value, called: true, dirty: true });
    last.set(name, value);
    return intResult(value);
  }, false);
  scalar(db, 'pgf_currval', (seq: SqlValue) => {
    if (isNull(seq)) return null;
    const name = asText(seq);
    const value = last.get(name);
    if (value === undefined) throw pgError('55000', `currval of sequence "${name}" is not yet defined in this session`);
    return intResult(value);
  }, false);
  scalar(db, 'pgf_setval', (seq: SqlValue, v: SqlValue, called?: SqlValue) => {
    if (isNull(seq) || isNull(v)) return null;
    const name = asText(seq);
    const s = find(name);
    const value = asBigInt(v);
    const isCalled = called === undefined || called === null || Number(called) !== 0;
    Object.assign(s, { value, called: isCalled, dirty: true });
    if (isCalled) last.set(name, value);
    return intResult(value);
  }, false);
  return store;
}
