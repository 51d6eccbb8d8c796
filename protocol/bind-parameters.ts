// Reads one parameter value out of a Bind payload without decoding the others: the tenant rule
// checks the bound value of a client's `$n` tenant column (text or binary uuid format).

export type BindParameter = { readonly format: 0 | 1; readonly value: Buffer | null };

/** Parameter `number` (1-based) of a Bind whose names end at restOffset; null when the message is malformed or has no such parameter. */
export function readBindParameter(payload: Buffer, restOffset: number, number: number): BindParameter | null {
  let o = restOffset;
  if (o + 2 > payload.length) return null;
  const formatCount = payload.readInt16BE(o);
  o += 2;
  if (formatCount < 0 || o + 2 * formatCount + 2 > payload.length) return null;
  const formatAt = formatCount === 0 ? -1 : formatCount === 1 ? o : o + 2 * (number - 1);
  const format = formatAt < 0 || (formatCount > 1 && number > formatCount) ? 0 : payload.readInt16BE(formatAt);
  o += 2 * formatCount;
  const paramCount = payload.readInt16BE(o);
  o += 2;
  if (number < 1 || number > paramCount) return null;
  for (let i = 1; i <= paramCount; i++) {
    if (o + 4 > payload.length) return null;
    const length = payload.readInt32BE(o);
    o += 4;
    if (i === number) {
      if (length < 0) return { format: format === 1 ? 1 : 0, value: null };
      if (o + length > payload.length) return null;
      return { format: format === 1 ? 1 : 0, value: payload.subarray(o, o + length) };
    }
    if (length > 0) o += length;
  }
  return null;
}

/** The text of a bound value: text format as is; binary format read as a 16-byte uuid, else as UTF-8. */
export function bindParameterText(p: BindParameter): string | null {
  if (p.value === null) return null;
  if (p.format === 0 || p.value.length !== 16) return p.value.toString('utf8');
  const hex = p.value.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
