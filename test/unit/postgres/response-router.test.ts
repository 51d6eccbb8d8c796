// The router is checked without sockets: backend bytes go in (split at every byte position), and the
// bytes the client would see, plus the callbacks, come out.
import { describe, expect, it } from 'vitest';
import { encodeBackend, errorResponse } from '../../../protocol/backend-encoder.js';
import { ParseCompleteFrame, CloseCompleteFrame } from '../../../protocol/constant-frames.js';
import { Expect, Visibility, expected, synthetic } from '../../../connectors/postgres/expected-response.js';
import { ResponseRouter, type ResponseSink } from '../../../connectors/postgres/response-router.js';

const parseComplete = encodeBackend({ kind: 'ParseComplete' });
const bindComplete = encodeBackend({ kind: 'BindComplete' });
const rowDescription = encodeBackend({ kind: 'RowDescription', fields: [{ name: 'n', tableOid: 0, columnAttr: 0, typeOid: 23, typeSize: 4, typeModifier: -1, format: 0 }] });
const dataRow = (v: string): Buffer => encodeBackend({ kind: 'DataRow', values: [Buffer.from(v)] });
const commandComplete = (tag: string): Buffer => encodeBackend({ kind: 'CommandComplete', tag });
const ready = (s: 'I' | 'T' | 'E'): Buffer => encodeBackend({ kind: 'ReadyForQuery', status: s });
const error = errorResponse({ severity: 'ERROR', code: '42601', message: 'syntax error' });
const notice = encodeBackend({ kind: 'NoticeResponse', fields: { severity: 'NOTICE', code: '00000', message: 'hi' } });
const paramStatus = encodeBackend({ kind: 'ParameterStatus', name: 'application_name', value: 'x' });
const notification = encodeBackend({ kind: 'NotificationResponse', processId: 1, channel: 'c', payload: 'p' });

type Recorded = { out: Buffer; statuses: number[]; events: string[] };

function makeSink(rec: Recorded): ResponseSink {
  return {
    write: (b) => void (rec.out = Buffer.concat([rec.out, b])),
    readyForQuery: (s) => void rec.statuses.push(s),
    desync: (r) => void rec.events.push(`desync:${r}`),
    serverClosed: (r) => void rec.events.push(`closed:${r}`),
    parameterReported: () => void rec.events.push('parameter'),
    notification: (m) => void (rec.out = Buffer.concat([rec.out, m])),
    errorSeen: () => undefined,
  };
}

/** Runs the same scenario with the input split at every position; all runs must agree. */
function runSplit(setup: (router: ResponseRouter, rec: Recorded) => void, input: Buffer): Recorded {
  let first: Recorded | null = null;
  for (let split = 0; split <= input.length; split++) {
    for (const pieces of [[input.subarray(0, split), input.subarray(split)], split === 0 ? [...input].map((b) => Buffer.from([b])) : null]) {
      if (!pieces) continue;
      const rec: Recorded = { out: Buffer.alloc(0), statuses: [], events: [] };
      const router = new ResponseRouter();
      router.attach(makeSink(rec));
      setup(router, rec);
      for (const piece of pieces) if (piece.length > 0) router.push(Buffer.from(piece));
      if (first === null) first = rec;
      else {
        expect(rec.out.equals(first.out), `split at ${split}`).toBe(true);
        expect(rec.statuses).toEqual(first.statuses);
        expect(rec.events).toEqual(first.events);
      }
      expect(router.idle).toBe(true);
    }
  }
  return first!;
}

describe('ResponseRouter', () => {
  it('forwards a simple query response unchanged, rows included', () => {
    const input = Buffer.concat([rowDescription, dataRow('1'), dataRow('2'), commandComplete('SELECT 2'), ready('I')]);
    const rec = runSplit((r) => r.expect(expected(Expect.Query)), input);
    expect(rec.out.equals(input)).toBe(true);
    expect(rec.statuses).toEqual([0x49]);
  });

  it('hides the ParseComplete of an injected re-prepare but forwards the rest', () => {
    const input = Buffer.concat([parseComplete, bindComplete, dataRow('7'), commandComplete('SELECT 1'), ready('I')]);
    const rec = runSplit((r) => {
      r.expect(expected(Expect.Parse, Visibility.HideSuccess));
      r.expect(expected(Expect.Bind));
      r.expect(expected(Expect.Execute));
      r.expect(expected(Expect.Sync));
    }, input);
    expect(rec.out.equals(Buffer.concat([bindComplete, dataRow('7'), commandComplete('SELECT 1'), ready('I')]))).toBe(true);
  });

  it('splices synthetic answers in order between server answers', () => {
    const input = Buffer.concat([parseComplete, bindComplete, commandComplete('SELECT 0'), ready('I')]);
    const rec = runSplit((r) => {
      r.expect(expected(Expect.Parse));
      r.expect(synthetic(CloseCompleteFrame));
      r.expect(expected(Expect.Bind));
      r.expect(expected(Expect.Execute));
      r.expect(synthetic(ParseCompleteFrame));
      r.expect(expected(Expect.Sync));
    }, input);
    expect(rec.out.equals(Buffer.concat([parseComplete, CloseCompleteFrame, bindComplete, commandComplete('SELECT 0'), ParseCompleteFrame, ready('I')]))).toBe(true);
  });

  it('emits a synthetic answer at once when nothing is outstanding', () => {
    const rec: Recorded = { out: Buffer.alloc(0), statuses: [], events: [] };
    const router = new ResponseRouter();
    router.attach(makeSink(rec));
    router.expect(synthetic(ParseCompleteFrame));
    expect(rec.out.equals(ParseCompleteFrame)).toBe(true);
  });

  it('after an error skips to Sync: later requests fail and their synthetic answers are dropped', () => {
    const failures: string[] = [];
    const input = Buffer.concat([error, ready('I')]);
    const rec = runSplit((r) => {
      failures.length = 0;
      r.expect(expected(Expect.Bind, Visibility.Forward, null, () => failures.push('bind')));
      r.expect(synthetic(ParseCompleteFrame));
      r.expect(expected(Expect.Execute, Visibility.Forward, null, () => failures.push('execute')));
      r.expect(expected(Expect.Sync));
    }, input);
    expect(rec.out.equals(input)).toBe(true);
    expect(failures).toEqual(['bind', 'execute']);
  });

  it('swallows everything of an injected query (parameter replay), notices and ParameterStatus included', () => {
    const replay = Buffer.concat([paramStatus, notice, commandComplete('RESET'), commandComplete('SET'), ready('I')]);
    const client = Buffer.concat([rowDescription, dataRow('1'), commandComplete('SELECT 1'), ready('I')]);
    const rec = runSplit((r) => {
      r.expect(expected(Expect.Query, Visibility.Swallow));
      r.expect(expected(Expect.Query));
    }, Buffer.concat([replay, client]));
    expect(rec.out.equals(client)).toBe(true);
    expect(rec.statuses).toEqual([0x49, 0x49]);
  });

  it('swallows the error of an injected abort but forwards the ReadyForQuery of the Sync', () => {
    const input = Buffer.concat([error, ready('E')]);
    const rec = runSplit((r) => {
      r.expect(synthetic(errorResponse({ severity: 'ERROR', code: '42501', message: 'refused' })));
      r.expect(expected(Expect.Bind, Visibility.Swallow));
      r.expect(expected(Expect.Sync));
    }, input);
    expect(rec.out.equals(Buffer.concat([errorResponse({ severity: 'ERROR', code: '42501', message: 'refused' }), ready('E')]))).toBe(true);
  });

  it('marks a simple query failed on error but keeps it open until ReadyForQuery', () => {
    const outcome: string[] = [];
    const input = Buffer.concat([commandComplete('SET'), error, ready('I')]);
    runSplit((r) => {
      outcome.length = 0;
      r.expect(expected(Expect.Query, Visibility.Forward, () => outcome.push('ok'), () => outcome.push('failed')));
    }, input);
    expect(outcome).toEqual(['failed']);
  });

  it('forwards notifications even while an injected query is being swallowed', () => {
    const input = Buffer.concat([notification, commandComplete('SET'), ready('I')]);
    const rec = runSplit((r) => r.expect(expected(Expect.Query, Visibility.Swallow)), input);
    expect(rec.out.equals(notification)).toBe(true);
  });

  it('reports a desync on an impossible length', () => {
    const rec: Recorded = { out: Buffer.alloc(0), statuses: [], events: [] };
    const router = new ResponseRouter();
    router.attach(makeSink(rec));
    router.expect(expected(Expect.Query));
    router.push(Buffer.from([0x5a, 0, 0, 0, 9, 0x49]));
    expect(rec.events[0]).toMatch(/^desync/);
  });

  it('passes a 1 MB DataRow split over many chunks without copying it into one piece', () => {
    const big = dataRow('x'.repeat(1 << 20));
    const input = Buffer.concat([big, commandComplete('SELECT 1'), ready('I')]);
    const rec: Recorded = { out: Buffer.alloc(0), statuses: [], events: [] };
    const writes: number[] = [];
    const router = new ResponseRouter();
    const sink = makeSink(rec);
    router.attach({ ...sink, write: (b) => (writes.push(b.length), sink.write(b)) });
    router.expect(expected(Expect.Query));
    for (let i = 0; i < input.length; i += 65536) router.push(input.subarray(i, i + 65536));
    expect(rec.out.equals(input)).toBe(true);
    expect(Math.max(...writes)).toBeLessThanOrEqual(65536);
  });
});
