// Owns the mapping between the one-letter field codes of ErrorResponse/NoticeResponse and the
// readable names used in ErrorFields (names as in the Postgres docs, "Error and Notice Message
// Fields"). Unknown codes are kept under their letter, so a newer server's fields survive a round trip.

export const ErrorFieldName = {
  S: 'severity',
  V: 'severityNonLocalized',
  C: 'code',
  M: 'message',
  D: 'detail',
  H: 'hint',
  P: 'position',
  p: 'internalPosition',
  q: 'internalQuery',
  W: 'where',
  s: 'schema',
  t: 'table',
  c: 'column',
  d: 'dataType',
  n: 'constraint',
  F: 'file',
  L: 'line',
  R: 'routine',
} as const;

const byCode = new Map<number, string>(Object.entries(ErrorFieldName).map(([k, v]) => [k.charCodeAt(0), v]));
const byName = new Map<string, number>(Object.entries(ErrorFieldName).map(([k, v]) => [v, k.charCodeAt(0)]));

/** Readable name of a field code byte (the letter itself when unknown). */
export function errorFieldName(code: number): string {
  return byCode.get(code) ?? String.fromCharCode(code);
}

/** Field code byte for a readable name or a single letter; undefined for anything else. */
export function errorFieldCode(name: string): number | undefined {
  const code = byName.get(name);
  if (code !== undefined) return code;
  const c = name.charCodeAt(0);
  return name.length === 1 && c > 0 && c < 0x80 && !byCode.has(c) ? c : undefined;
}
