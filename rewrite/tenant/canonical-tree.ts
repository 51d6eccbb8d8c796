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

/** Structural equality of two trees, ignoring source positions (no strings built: the verifier's hot check). */
export function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameTree(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k in x) {
    if (POSITION_KEYS.has(k) || x[k] === undefined) continue;
    count++;
    if (!sameTree(x[k], y[k])) return false;
  }
  for (const k in y) if (!POSITION_KEYS.has(k) && y[k] !== undefined) count--;
  return count === 0;
}
