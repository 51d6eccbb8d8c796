// DataRow helpers on the main thread: a one-text-column row (SHOW), and slicing a worker's row bytes
// for Execute with a row limit.
export const DataRowFrameless = {
  single(value: string): Buffer {
    const body = Buffer.from(value, 'utf8');
    const out = Buffer.allocUnsafe(11 + body.length);
    out[0] = 0x44;
    out.writeInt32BE(10 + body.length, 1);
    out.writeInt16BE(1, 5);
    out.writeInt32BE(body.length, 7);
    body.copy(out, 11);
    return out;
  },
};

/** The rows [from, to) of a result whose row i ends at rowEnds[i]. */
export function sliceRows(bytes: Buffer, rowEnds: readonly number[], from: number, to: number): Buffer {
  const start = from === 0 ? 0 : rowEnds[from - 1]!;
  const end = to === 0 ? 0 : rowEnds[to - 1]!;
  return bytes.subarray(start, end);
}
