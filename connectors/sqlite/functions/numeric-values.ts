// Reading SQL arguments as numerics (TEXT storage, or an INTEGER/REAL the compiler passed directly)
// and writing numerics back in storage form.
import { formatDecimal, parseDecimal, type Decimal, finite } from './numeric-decimal.js';
import { isNull, type SqlValue } from './sql-values.js';

export function toDecimal(value: SqlValue): Decimal {
  if (typeof value === 'bigint') return finite(value, 0);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return finite(BigInt(value), 0);
    if (Number.isNaN(value)) return { kind: 'nan' };
    if (!Number.isFinite(value)) return { kind: 'inf', negative: value < 0 };
    // float8 → numeric keeps 15 significant digits, like Postgres' float8_numeric.
    return parseDecimal(Number(value.toPrecision(15)).toString());
  }
  if (value === null) return { kind: 'nan' };
  return parseDecimal(typeof value === 'string' ? value : value.toString('utf8'));
}

/** Converts input text to numeric storage text (`toNumericStorage(' 1.50 ')` → `1.50`). */
export function toNumericStorage(text: string): string {
  return formatDecimal(parseDecimal(text));
}

/** Wraps a numeric operation so NULL in gives NULL out and the result is storage text. */
export function numericFn(op: (...args: Decimal[]) => Decimal): (...args: SqlValue[]) => string | null {
  return (...args: SqlValue[]) => {
    if (args.some(isNull)) return null;
    return formatDecimal(op(...args.map(toDecimal)));
  };
}
