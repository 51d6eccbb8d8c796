// Compares parse trees regardless of source positions and key order, so the verifier can tell
// whether printed SQL reparses to exactly the tree the rules produced.

const POSITION_KEYS = new Set(['location', 'stmt_location', 'stmt_len', 'name_location', 'list_start', 'list_end', 'rexpr_list_start', 'rexpr_list_end']);

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => !POSITION_KEYS.has(k) && obj[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical(obj[k])).join(',') + '}';
}
