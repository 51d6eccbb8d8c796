// Registers pgf_to_char(v, fmt, kind), pgf_to_date(text, fmt) and pgf_to_timestamp(text, fmt).
import type Database from 'better-sqlite3';
import { US_PER_DAY } from './datetime-core.js';
import { formatDate, formatTimestamptz } from './datetime-format.js';
import { readInterval, readPoint } from './datetime-values.js';
import { scalar, strict } from './define.js';
import { pgError } from './errors.js';
import { toDecimal } from './numeric-values.js';
import { asText } from './sql-values.js';
import { toCharDateTime } from './to-char-datetime.js';
import { toCharNumber } from './to-char-number.js';
import { parseWithTemplate } from './to-timestamp.js';

export function registerToChar(db: Database.Database): void {
  // kind: 'timestamp' | 'timestamptz' | 'date' | 'time' | 'interval' | 'numeric' (any number).
  scalar(db, 'pgf_to_char', strict((v, fmt, kindValue) => {
    const kind = asText(kindValue).toLowerCase();
    const format = asText(fmt);
    switch (kind) {
      case 'numeric': case 'int': case 'float': case 'int4': case 'int8': case 'float8':
        return toCharNumber(toDecimal(v), format);
      case 'interval': {
        const i = readInterval(v);
        const ts = BigInt(i.days) * US_PER_DAY + i.us;
        return toCharDateTime(ts, format, false, i);
      }
      case 'date': case 'timestamp': case 'timestamptz': case 'time':
        return toCharDateTime(readPoint(v, kind), format, kind === 'timestamptz');
      default:
        throw pgError('42883', `function to_char(${kind}, text) does not exist`);
    }
  }));
  scalar(db, 'pgf_to_date', strict((text, fmt) => formatDate(Number(parseWithTemplate(asText(text), asText(fmt)) / US_PER_DAY))));
  scalar(db, 'pgf_to_timestamp', strict((text, fmt) => formatTimestamptz(parseWithTemplate(asText(text), asText(fmt)))));
}
