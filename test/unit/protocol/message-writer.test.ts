// MessageWriter (header back-filled, growth, finished messages never overwritten) and the
// preallocated constant frames (equal to what the encoder writes).
import { describe, expect, it } from 'vitest';
import { encodeBackend } from '../../../protocol/backend-encoder.js';
import {
  BindCompleteFrame,
  CloseCompleteFrame,
  EmptyQueryResponseFrame,
  NoDataFrame,
  ParseCompleteFrame,
  readyForQueryFrame,
  SSLAcceptByte,
  SSLRefuseByte,
} from '../../../protocol/constant-frames.js';
import { MessageWriter } from '../../../protocol/message-writer.js';
import { cstr, i16, i32, msg, packet } from './wire-builder.js';

describe('MessageWriter', () => {
  it('back-fills code and length', () => {
    const w = new MessageWriter(64);
    const m = w.int8(1).int16(-2).int32(-3).int32(4294967295).cstring('é').string('ab').bytes(Buffer.from([7])).finish(0x58);
    expect(m).toEqual(msg('X', [1], i16(-2), i32(-3), i32(-1), cstr('é'), [0x61, 0x62], [7]));
  });

  it('writes untyped startup packets', () => {
    const w = new MessageWriter(64);
    expect(w.int32(196608).int8(0).finishUntyped()).toEqual(packet(i32(196608), [0]));
  });

  it('grows for large messages and never overwrites a finished one', () => {
    const w = new MessageWriter(64);
    const kept: [Buffer, Buffer][] = [];
    for (let i = 0; i < 500; i++) {
      const m = w.string('x'.repeat(i * 7)).int32(i).finish(0x64);
      kept.push([m, Buffer.from(m)]);
    }
    for (const [m, copy] of kept) expect(m.equals(copy)).toBe(true);
    const big = w.bytes(Buffer.alloc(1_000_000, 1)).finish(0x64);
    expect(big.length).toBe(1_000_005);
    expect(big.readInt32BE(1)).toBe(1_000_004);
  });

  it('drops a half-written message on reset', () => {
    const w = new MessageWriter(64);
    w.int32(1).cstring('junk');
    w.reset();
    expect(w.finish(0x53)).toEqual(msg('S'));
  });
});

describe('constant frames', () => {
  it('equal the encoder output', () => {
    expect(ParseCompleteFrame).toEqual(encodeBackend({ kind: 'ParseComplete' }));
    expect(BindCompleteFrame).toEqual(encodeBackend({ kind: 'BindComplete' }));
    expect(CloseCompleteFrame).toEqual(encodeBackend({ kind: 'CloseComplete' }));
    expect(NoDataFrame).toEqual(encodeBackend({ kind: 'NoData' }));
    expect(EmptyQueryResponseFrame).toEqual(encodeBackend({ kind: 'EmptyQueryResponse' }));
    for (const s of ['I', 'T', 'E'] as const) expect(readyForQueryFrame(s)).toEqual(encodeBackend({ kind: 'ReadyForQuery', status: s }));
  });

  it('are preallocated: the same Buffer every time', () => {
    expect(readyForQueryFrame('I')).toBe(readyForQueryFrame('I'));
    expect(SSLAcceptByte).toEqual(Buffer.from('S'));
    expect(SSLRefuseByte).toEqual(Buffer.from('N'));
  });
});
