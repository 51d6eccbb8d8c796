// nextval/currval/setval over the file's table _pgfabric_sequences(name PRIMARY KEY, value, increment, called).
// currval is per connection, as in Postgres (the last value nextval returned in this session).
import type Database from 'better-sqlite3';
import { intResult, scalar } from './define.js';
import { pgError } from './errors.js';
import { asBigInt, asText, isNull, type SqlValue } from './sql-values.js';

type SequenceRow = { value: number | bigint; increment: number | bigint; called: number | bigint };

export function registerSequenceFunctions(db: Database.Database): void {
  const last = new Map<string, bigint>();
  let select: Database.Statement | null = null;
  let update: Database.Statement | null = null;
  // Prepared lazily: the table exists only in files created by the connector.
  const statements = (): { select: Database.Statement; update: Database.Statement } => {
    select ??= db.prepare('SELECT value, increment, called FROM _pgfabric_sequences WHERE name = ?').safeIntegers(true);
    update ??= db.prepare('UPDATE _pgfabric_sequences SET value = ?, called = ? WHERE name = ?');
    return { select, update };
  };
  const row = (name: string): SequenceRow => {
    const found = statements().select.get(name) as SequenceRow | undefined;
    if (!found) throw pgError('42P01', `relation "${name}" does not exist`);
    return found;
  };
  scalar(db, 'pgf_nextval', (seq: SqlValue) => {
    if (isNull(seq)) return null;
    const name = asText(seq);
    const r = row(name);
    const value = Number(r.called) !== 0 ? BigInt(r.value) + BigInt(r.increment) : BigInt(r.value);
    if (value > 2n ** 63n - 1n || value < -(2n ** 63n)) throw pgError('2200H', `nextval: reached maximum value of sequence "${name}"`);
    statements().update.run(value, 1, name);
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
    row(name);
    const value = asBigInt(v);
    const isCalled = called === undefined || called === null ? 1 : Number(called) !== 0 ? 1 : 0;
    statements().update.run(value, isCalled, name);
    if (isCalled) last.set(name, value);
    return intResult(value);
  }, false);
}
