// A deliberately naive wire builder for tests: bytes pushed one by one into a number array, lengths
// counted at the end. It shares no code with protocol/, so it can tell us when the codec is wrong.

export type Part = number[] | Buffer;

export const i8 = (n: number): number[] => [n & 0xff];
export const i16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
export const i32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
export const cstr = (s: string): number[] => [...Buffer.from(s, 'utf8'), 0];
export const str = (s: string): number[] => [...Buffer.from(s, 'utf8')];

function body(parts: Part[]): number[] {
  const out: number[] = [];
  for (const p of parts) for (const b of p) out.push(b);
  return out;
}

/** A typed message: type letter, int32 length (itself included), body. */
export function msg(code: string, ...parts: Part[]): Buffer {
  const b = body(parts);
  return Buffer.from([code.charCodeAt(0), ...i32(b.length + 4), ...b]);
}

/** A startup-phase packet: int32 length (itself included), body. */
export function packet(...parts: Part[]): Buffer {
  const b = body(parts);
  return Buffer.from([...i32(b.length + 4), ...b]);
}

/** The payload of a full typed message (what a Frame carries). */
export function payloadOf(message: Buffer): Buffer {
  return message.subarray(5);
}

/** A small deterministic PRNG (mulberry32), so random tests replay identically. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
