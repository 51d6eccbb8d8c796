// Interval literals ('1 day', '2 hours 30 minutes', '1 year -2 mons') as DATEADD steps. SQL Server has no
// interval type, so an interval can only be added to or subtracted from a date/time; anything else is 0A000.
import { unsupported } from '../common/compile-error.js';

const UNITS: Record<string, [string, number]> = {
  microsecond: ['microsecond', 1], microseconds: ['microsecond', 1], us: ['microsecond', 1],
  millisecond: ['millisecond', 1], milliseconds: ['millisecond', 1], ms: ['millisecond', 1],
  second: ['second', 1], seconds: ['second', 1], sec: ['second', 1], secs: ['second', 1], s: ['second', 1],
  minute: ['minute', 1], minutes: ['minute', 1], min: ['minute', 1], mins: ['minute', 1], m: ['minute', 1],
  hour: ['hour', 1], hours: ['hour', 1], hr: ['hour', 1], hrs: ['hour', 1], h: ['hour', 1],
  day: ['day', 1], days: ['day', 1], d: ['day', 1],
  week: ['day', 7], weeks: ['day', 7], w: ['day', 7],
  month: ['month', 1], months: ['month', 1], mon: ['month', 1], mons: ['month', 1],
  year: ['year', 1], years: ['year', 1], yr: ['year', 1], yrs: ['year', 1], y: ['year', 1],
};

/** '1 day 2 hours' → [['day', 1], ['hour', 2]] (larger units first, as Postgres applies months before days). */
export function intervalParts(text: string): [string, number][] {
  const tokens = text.trim().toLowerCase().split(/\s+/);
  if (tokens.length === 0 || tokens.length % 2 !== 0) throw unsupported(`the interval '${text}' (only 'N unit …' forms)`);
  const parts: [string, number][] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const amount = Number(tokens[i]);
    const unit = UNITS[tokens[i + 1]!];
    if (!unit || !Number.isInteger(amount)) throw unsupported(`the interval '${text}' (only whole 'N unit …' forms)`);
    parts.push([unit[0], amount * unit[1]]);
  }
  const order = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond'];
  return parts.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}
