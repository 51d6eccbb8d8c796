// to_date / to_timestamp(text, template): reads the numeric and month-name fields of the template.
import { daysFromCivil, daysInMonth, US_PER_DAY } from './datetime-core.js';
import { pgError } from './errors.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FIELDS = ['YYYY', 'HH24', 'HH12', 'MONTH', 'Month', 'month', 'MON', 'Mon', 'mon', 'YY', 'MM', 'DD', 'HH', 'MI', 'SS', 'MS', 'US', 'AM', 'PM', 'am', 'pm', 'DDD'];

/** Microseconds since 1970 (UTC) of `text` read by `template`. */
export function parseWithTemplate(text: string, template: string): bigint {
  const v = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0, pm: null as boolean | null };
  let t = 0;
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('FM', i) || template.startsWith('FX', i)) { i += 2; continue; }
    const field = FIELDS.find((f) => template.startsWith(f, i));
    if (!field) {
      // Separators in the template match any run of non-alphanumerics in the text.
      i += 1;
      if (/[^A-Za-z0-9]/.test(template[i - 1] ?? '')) while (t < text.length && /[^A-Za-z0-9]/.test(text[t] ?? '')) t += 1;
      else t += 1;
      continue;
    }
    i += field.length;
    while (t < text.length && text[t] === ' ') t += 1;
    if (/^mon/i.test(field)) {
      const word = /^[A-Za-z]+/.exec(text.slice(t))?.[0] ?? '';
      const month = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
      if (month < 0) throw pgError('22007', `invalid value "${word}" for "${field}"`);
      v.month = month + 1;
      t += word.length;
      continue;
    }
    if (/^(am|pm)$/i.test(field)) {
      const word = text.slice(t, t + 2).toLowerCase();
      v.pm = word === 'pm';
      t += 2;
      continue;
    }
    const width = field === 'YYYY' ? 4 : field === 'US' ? 6 : field === 'MS' || field === 'DDD' ? 3 : 2;
    // A year runs past 4 digits only when a separator, not another field, follows it.
    const greedy = field === 'YYYY' && !/[A-Za-z]/.test(template[i] ?? '');
    const digits = /^-?\d+/.exec(text.slice(t, t + width + (greedy ? 10 : 0)))?.[0];
    if (digits === undefined) throw pgError('22007', `invalid value "${text.slice(t, t + width)}" for "${field}"`);
    t += digits.length;
    const n = Number(digits);
    switch (field) {
      case 'YYYY': v.year = n; break;
      case 'YY': v.year = n < 70 ? 2000 + n : 1900 + n; break;
      case 'MM': v.month = n; break;
      case 'DD': v.day = n; break;
      case 'HH24': case 'HH12': case 'HH': v.hour = n; break;
      case 'MI': v.minute = n; break;
      case 'SS': v.second = n; break;
      case 'MS': v.micro = n * 1000; break;
      case 'US': v.micro = n; break;
      default: break;
    }
  }
  if (v.pm !== null) v.hour = (v.hour % 12) + (v.pm ? 12 : 0);
  if (v.month < 1 || v.month > 12 || v.day < 1 || v.day > daysInMonth(v.year, v.month)) {
    throw pgError('22008', 'date/time field value out of range');
  }
  const days = BigInt(daysFromCivil(v.year, v.month, v.day));
  return days * US_PER_DAY + BigInt(((v.hour * 60 + v.minute) * 60 + v.second) * 1e6 + v.micro);
}
