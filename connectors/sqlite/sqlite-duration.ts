// Postgres time-unit settings (statement_timeout, lock_timeout): `500`, `500ms`, `5s`, `1min`, `1h`, `1d` → ms.
const UNIT_MS: Readonly<Record<string, number>> = { '': 1, us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number | null {
  const m = /^\s*'?\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*'?\s*$/i.exec(text);
  if (!m) return null;
  const unit = UNIT_MS[(m[2] ?? '').toLowerCase()];
  return unit === undefined ? null : Math.round(Number(m[1]) * unit);
}
