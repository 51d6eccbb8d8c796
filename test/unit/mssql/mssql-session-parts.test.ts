// The parts of a SQL Server session that run without a server: the message queue (order, one at a time,
// release after the client left, the pipelined-batch lookahead) and statement interrupts on the mssql
// package's own Request (a cancel before the request runs stops it; the failure says why, as Postgres does).
import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { MessageQueue, type Op } from '../../../connectors/mssql/message-queue.js';
import { StatementInterrupts } from '../../../connectors/mssql/mssql-interrupts.js';

function queue(run: (op: Op) => Promise<void>) {
  const events: string[] = [];
  const q = new MessageQueue({
    run,
    internalError: (err) => events.push(`internal:${String(err)}`),
    drained: () => Promise.resolve(),
    released: () => events.push('released'),
    idle: () => events.push('idle'),
  });
  return { q, events };
}

const sync: Op = { k: 'sync' };
const execute: Op = { k: 'execute', raw: Buffer.alloc(0) };
const flush: Op = { k: 'flush' };

describe('session message queue', () => {
  it('answers messages in order, one at a time', async () => {
    const seen: string[] = [];
    let running = 0;
    const { q, events } = queue(async (op) => {
      running++;
      expect(running).toBe(1);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(op.k);
      running--;
    });
    q.push(execute);
    q.push(flush);
    q.push(sync);
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual(['execute', 'flush', 'sync']);
    expect(events).toEqual(['idle']);
    expect(q.idle).toBe(true);
  });

  it('releases once after the client left, only when the running message finished', async () => {
    let finish: () => void = () => undefined;
    const { q, events } = queue(() => new Promise<void>((r) => (finish = r)));
    q.push(execute);
    q.push(sync);
    q.end();
    q.end();
    expect(events).toEqual([]);
    finish();
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['released']);
    q.push(sync);
    expect(q.idle).toBe(true);
  });

  it('sees a pipelined batch: another Execute before the next Sync', async () => {
    let finish: () => void = () => undefined;
    const { q } = queue(() => new Promise<void>((r) => (finish = r)));
    q.push(execute); // running
    q.push(flush);
    q.push(execute);
    q.push(sync);
    expect(q.executeBeforeSync()).toBe(true);
    finish(); // the first Execute ends, the Flush runs
    await new Promise((r) => setTimeout(r, 1));
    expect(q.executeBeforeSync()).toBe(true);
    finish(); // the Flush ends, the second Execute runs
    await new Promise((r) => setTimeout(r, 1));
    // Only the Sync is queued now.
    expect(q.executeBeforeSync()).toBe(false);
    finish();
  });

  it('hands CopyData pipelined behind a COPY to the COPY', () => {
    const { q } = queue(() => new Promise<void>(() => undefined));
    q.push(execute);
    q.push({ k: 'copy', raw: Buffer.from('a') });
    q.push({ k: 'copy', raw: Buffer.from('b') });
    q.push(sync);
    expect(q.takeCopyData().map((b) => b.toString())).toEqual(['a', 'b']);
  });
});

describe('statement interrupts', () => {
  it('cancels a request that starts after the cancel arrived, and reports 57014 for the user', () => {
    const i = new StatementInterrupts();
    i.start(0);
    i.cancel();
    const req = new mssql.Request();
    i.running(req);
    expect(req.canceled).toBe(true);
    const f = i.failureOf(new mssql.RequestError('Canceled.', 'ECANCEL')) as { code: string; message: string };
    expect([f.code, f.message]).toEqual(['57014', 'canceling statement due to user request']);
    expect(() => i.check()).toThrow('canceling statement due to user request');
    i.stop();
  });

  it('reports statement_timeout as Postgres does', async () => {
    const i = new StatementInterrupts();
    i.start(5);
    const req = new mssql.Request();
    i.running(req);
    await new Promise((r) => setTimeout(r, 40));
    expect(req.canceled).toBe(true);
    const f = i.failureOf(new mssql.RequestError('Canceled.', 'ECANCEL')) as { code: string; message: string };
    expect([f.code, f.message]).toEqual(['57014', 'canceling statement due to statement timeout']);
    i.stop();
  });

  it('ignores a cancel when no statement runs, and passes other errors through', () => {
    const i = new StatementInterrupts();
    i.cancel();
    i.start(0);
    const req = new mssql.Request();
    i.running(req);
    expect(req.canceled).toBe(false);
    const err = new mssql.RequestError('Invalid object name', 'EREQUEST');
    expect(i.failureOf(err)).toBe(err);
    i.stop();
  });
});
