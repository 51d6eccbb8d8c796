// Time zone offsets for input like `... America/New_York` and for AT TIME ZONE, through Intl (the
// IANA database bundled with Node). Offsets are in seconds east of UTC.
import { pgError } from './errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(zone);
  if (cached) return cached;
  try {
    const made = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(zone, made);
    return made;
  } catch {
    return null;
  }
}

/** Seconds east of UTC a fixed-offset spec means: `+02`, `-05:30`, `+0530`, `Z`, `UTC`. ISO sign convention. */
export function fixedOffset(spec: string): number | null {
  const s = spec.trim().toUpperCase();
  if (s === 'Z' || s === 'UTC' || s === 'GMT' || s === 'UT' || s === 'ZULU') return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(s);
  if (!m) return null;
  const seconds = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -seconds : seconds;
}

export function isKnownZone(zone: string): boolean {
  return fixedOffset(zone) !== null || formatter(zone) !== null;
}

/** Offset (seconds east) of `zone` at the UTC instant `utcMs`. */
export function zoneOffsetAt(zone: string, utcMs: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== null) return fixed;
  const f = formatter(zone);
  if (!f) throw pgError('22023', `time zone "${zone}" not recognized`);
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(utcMs))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  asUtc.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return Math.round((asUtc.getTime() - Math.floor(utcMs / 1000) * 1000) / 1000);
}

/** Offset (seconds east) to apply to a local wall-clock time `localMs` in `zone` (two passes around DST). */
export function zoneOffsetForLocal(zone: string, localMs: number): number {
  const first = zoneOffsetAt(zone, localMs);
  const second = zoneOffsetAt(zone, localMs - first * 1000);
  return second;
}
