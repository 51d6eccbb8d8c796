// Postgres numeric as an exact decimal: an unscaled BigInt and a display scale (dscale), with the
// result-scale rules of Postgres' numeric.c (add/sub keep the larger scale, mul adds scales,
// div chooses its scale by select_div_scale, which looks at the base-10000 digits Postgres stores).
import { divisionByZero, invalidInput, pgError } from './errors.js';
import { powerFixedPoint } from './numeric-power.js';

export type Decimal =
  | { readonly kind: 'finite'; readonly value: bigint; readonly scale: number }
  | { readonly kind: 'nan' }
  | { readonly kind: 'inf'; readonly negative: boolean };

const MIN_SIG_DIGITS = 16;
const MAX_DISPLAY_SCALE = 1000;
const NAN: Decimal = { kind: 'nan' };

export type FiniteDecimal = Decimal & { kind: 'finite' };

export function finite(value: bigint, scale: number): FiniteDecimal {
  return { kind: 'finite', value, scale };
}

export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

const NUMERIC_TEXT = /^\s*([+-])?(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?\s*$/;

/** Parses any numeric input Postgres accepts (`1.50`, ` -.5e3 `, `NaN`, `-Infinity`). */
export function parseDecimal(text: string): Decimal {
  const match = NUMERIC_TEXT.exec(text);
  if (!match) {
    const word = text.trim().toLowerCase();
    if (word === 'nan') return NAN;
    if (word === 'infinity' || word === '+infinity' || word === 'inf' || word === '+inf') return { kind: 'inf', negative: false };
    if (word === '-infinity' || word === '-inf') return { kind: 'inf', negative: true };
    throw invalidInput('numeric', text);
  }
  const [, sign, body = '', exponentText] = match;
  const point = body.indexOf('.');
  const integerPart = point < 0 ? body : body.slice(0, point);
  const fraction = point < 0 ? '' : body.slice(point + 1);
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (!Number.isFinite(exponent) || Math.abs(exponent) > 1_000_000) throw invalidInput('numeric', text);
  let unscaled = BigInt((integerPart + fraction) || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    unscaled *= pow10(-scale);
    scale = 0;
  }
  return finite(sign === '-' ? -unscaled : unscaled, scale);
}

/** Canonical Postgres text: plain digits, exactly `scale` fraction digits, `-0` printed as `0`. */
export function formatDecimal(d: Decimal): string {
  if (d.kind === 'nan') return 'NaN';
  if (d.kind === 'inf') return d.negative ? '-Infinity' : 'Infinity';
  const negative = d.value < 0n;
  const digits = (negative ? -d.value : d.value).toString().padStart(d.scale + 1, '0');
  const body = d.scale === 0 ? digits : `${digits.slice(0, digits.length - d.scale)}.${digits.slice(digits.length - d.scale)}`;
  return negative ? `-${body}` : body;
}

/** Divides rounding half away from zero (Postgres' round_var). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = (numerator < 0n) !== (denominator < 0n);
  const n = numerator < 0n ? -numerator : numerator;
  const dd = denominator < 0n ? -denominator : denominator;
  let q = n / dd;
  if ((n % dd) * 2n >= dd) q += 1n;
  return negative ? -q : q;
}

/** Changes the scale; fewer digits round half away from zero (or truncate when `truncate`). */
export function rescale(d: Decimal, scale: number, truncate = false): Decimal {
  if (d.kind !== 'finite') return d;
  if (scale >= d.scale) return finite(d.value * pow10(scale - d.scale), scale);
  const factor = pow10(d.scale - scale);
  return finite(truncate ? d.value / factor : divRound(d.value, factor), scale);
}

/** Rounds at `digits` after the point; negative digits round to tens, hundreds (scale stays 0). */
export function roundAt(d: Decimal, digits: number, truncate = false): Decimal {
  if (d.kind !== 'finite') return d;
  if (digits >= 0) return rescale(d, digits, truncate);
  const rounded = rescale(d, digits, truncate);
  return rounded.kind === 'finite' ? finite(rounded.value * pow10(-digits), 0) : rounded;
}

function alignedPair(a: bigint, as: number, b: bigint, bs: number): [bigint, bigint, number] {
  const scale = Math.max(as, bs);
  return [a * pow10(scale - as), b * pow10(scale - bs), scale];
}

function infSign(d: Decimal): number {
  if (d.kind === 'inf') return d.negative ? -1 : 1;
  if (d.kind === 'finite') return d.value < 0n ? -1 : d.value > 0n ? 1 : 0;
  return 0;
}

function inf(sign: number): Decimal {
  return { kind: 'inf', negative: sign < 0 };
}

export function add(a: Decimal, b: Decimal): Decimal {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf' && a.negative !== b.negative) return NAN;
    return a.kind === 'inf' ? a : b;
  }
  const [x, y, scale] = alignedPair(a.value, a.scale, b.value, b.scale);
  return finite(x + y, scale);
}

export function negate(d: Decimal): Decimal {
  if (d.kind === 'finite') return finite(-d.value, d.scale);
  if (d.kind === 'inf') return inf(d.negative ? 1 : -1);
  return d;
}

export function sub(a: Decimal, b: Decimal): Decimal {
  return add(a, negate(b));
}

export function mul(a: Decimal, b: Decimal): Decimal {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'inf' || b.kind === 'inf') {
    const sign = infSign(a) * infSign(b);
    return sign === 0 ? NAN : inf(sign);
  }
  return finite(a.value * b.value, a.scale + b.scale);
}

/** The base-10000 digits Postgres stores: weight of the first digit and the digits (no trailing zero groups). */
export function nbaseDigits(d: Decimal & { kind: 'finite' }): { weight: number; digits: number[] } {
  const magnitude = d.value < 0n ? -d.value : d.value;
  if (magnitude === 0n) return { weight: 0, digits: [] };
  const alignedScale = Math.ceil(d.scale / 4) * 4;
  let rest = magnitude * pow10(alignedScale - d.scale);
  const groups: number[] = [];
  while (rest > 0n) {
    groups.unshift(Number(rest % 10000n));
    rest /= 10000n;
  }
  const weight = groups.length - 1 - alignedScale / 4;
  while (groups.length > 0 && groups[groups.length - 1] === 0) groups.pop();
  return { weight, digits: groups };
}

/** Postgres' select_div_scale: at least 16 significant digits, never fewer than either input's scale. */
export function selectDivScale(a: Decimal & { kind: 'finite' }, b: Decimal & { kind: 'finite' }): number {
  const na = nbaseDigits(a);
  const nb = nbaseDigits(b);
  const first1 = na.digits[0] ?? 0;
  const first2 = nb.digits[0] ?? 0;
  let qweight = na.weight - nb.weight;
  if (first1 <= first2) qweight -= 1;
  let scale = MIN_SIG_DIGITS - qweight * 4;
  scale = Math.max(scale, a.scale, b.scale, 0);
  return Math.min(scale, MAX_DISPLAY_SCALE);
}

/** Quotient of `a / b` rounded at `scale` fraction digits (or truncated). */
export function divideAt(a: Decimal & { kind: 'finite' }, b: Decimal & { kind: 'finite' }, scale: number, truncate = false): Decimal {
  if (b.value === 0n) throw divisionByZero();
  const numerator = a.value * pow10(b.scale + scale);
  const denominator = b.value * pow10(a.scale);
  return finite(truncate ? numerator / denominator : divRound(numerator, denominator), scale);
}

export function div(a: Decimal, b: Decimal): Decimal {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (b.kind === 'finite' && b.value === 0n) throw divisionByZero();
  if (a.kind === 'inf') return b.kind === 'inf' ? NAN : inf(infSign(a) * (infSign(b) || 1));
  if (b.kind === 'inf') return finite(0n, 0);
  return divideAt(a, b, selectDivScale(a, b));
}

/** Postgres mod: truncated quotient, remainder has the dividend's sign and the larger scale. */
export function mod(a: Decimal, b: Decimal): Decimal {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (b.kind === 'finite' && b.value === 0n) throw divisionByZero();
  if (a.kind === 'inf') return NAN;
  if (b.kind === 'inf') return a;
  const [x, y, scale] = alignedPair(a.value, a.scale, b.value, b.scale);
  return finite(x % y, scale);
}

export function compare(a: Decimal, b: Decimal): number {
  // Postgres orders NaN above every other value, and NaN = NaN.
  if (a.kind === 'nan' || b.kind === 'nan') return a.kind === b.kind ? 0 : a.kind === 'nan' ? 1 : -1;
  if (a.kind === 'inf' || b.kind === 'inf') {
    const sa = a.kind === 'inf' ? infSign(a) * 2 : 0;
    const sb = b.kind === 'inf' ? infSign(b) * 2 : 0;
    return Math.sign(sa - sb);
  }
  const [x, y] = alignedPair(a.value, a.scale, b.value, b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function abs(d: Decimal): Decimal {
  return infSign(d) < 0 ? negate(d) : d;
}

export function ceil(d: Decimal): Decimal {
  if (d.kind !== 'finite') return d;
  const f = pow10(d.scale);
  let q = d.value / f;
  if (d.value > 0n && d.value % f !== 0n) q += 1n;
  return finite(q, 0);
}

export function floor(d: Decimal): Decimal {
  if (d.kind !== 'finite') return d;
  const f = pow10(d.scale);
  let q = d.value / f;
  if (d.value < 0n && d.value % f !== 0n) q -= 1n;
  return finite(q, 0);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Newton steps from the float estimate until stable.
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x && x * x <= n && (x + 1n) * (x + 1n) > n) return x;
    x = y;
    if (x === 0n) return 0n;
  }
}

export function sqrt(d: Decimal): Decimal {
  if (d.kind === 'nan') return d;
  if (infSign(d) < 0) throw pgError('2201F', 'cannot take square root of a negative number');
  if (d.kind === 'inf') return d;
  const weight = nbaseDigits(d).weight;
  const sweight = Math.trunc(((weight + 1) * 4) / 2) - 1;
  const scale = Math.min(Math.max(MIN_SIG_DIGITS - sweight, d.scale, 0), MAX_DISPLAY_SCALE);
  const root = isqrt(d.value * pow10(2 * scale + 2 - d.scale));
  return finite(divRound(root, 10n), scale);
}

/** numeric ^ numeric; integral exponents exactly (power_var_int), others through float8. */
export function power(base: Decimal, exponent: Decimal): Decimal {
  if (base.kind !== 'finite' || exponent.kind !== 'finite') return NAN;
  if (base.value === 0n && exponent.value < 0n) {
    throw pgError('2201F', 'zero raised to a negative power is undefined');
  }
  const integral = exponent.value % pow10(exponent.scale) === 0n;
  if (!integral) {
    if (base.value < 0n) throw pgError('2201F', 'a negative number raised to a non-integer power yields a complex result');
    return powerByFloat(base, exponent);
  }
  const exp = exponent.value / pow10(exponent.scale);
  // Postgres 15 power_var: integral exponents get max(16, base scale) fraction digits.
  const estimate = base.value === 0n ? 0 : Number(exp) * Math.log10(Math.abs(Number(formatDecimal(base))) || 1e-300);
  if (estimate > 32768 * 4) throw pgError('22003', 'value overflows numeric format');
  const scale = Math.min(Math.max(MIN_SIG_DIGITS, base.scale), MAX_DISPLAY_SCALE);
  if (exp === 0n) return finite(pow10(scale), scale);
  const magnitude = exp < 0n ? -exp : exp;
  const raised = finite(base.value ** magnitude, base.scale * Number(magnitude));
  if (exp > 0n) return rescale(raised, scale);
  return divideAt(finite(1n, 0), raised, scale);
}

function powerByFloat(base: FiniteDecimal, exponent: FiniteDecimal): Decimal {
  const estimate = Math.log(Number(formatDecimal(base))) * Number(formatDecimal(exponent)) * 0.434294481903252;
  if (estimate > 32768 * 4) throw pgError('22003', 'value overflows numeric format');
  const scale = Math.min(Math.max(MIN_SIG_DIGITS - Math.trunc(estimate), base.scale, exponent.scale, 0), MAX_DISPLAY_SCALE);
  if (estimate < -MAX_DISPLAY_SCALE - 1) return finite(0n, scale);
  return powerFixedPoint(base, exponent, scale, Math.max(0, Math.ceil(estimate)));
}

/** numeric(precision, scale) typmod: round to scale, 22003 when the integer part does not fit. */
export function applyTypmod(d: Decimal, precision: number, scale: number): Decimal {
  if (d.kind === 'nan') return d;
  if (d.kind === 'inf') {
    throw Object.assign(pgError('22003', 'numeric field overflow'), {
      detail: `A field with precision ${precision}, scale ${scale} cannot hold an infinite value.`,
    });
  }
  const rounded = roundAt(d, scale);
  if (rounded.kind !== 'finite') return rounded;
  const magnitude = rounded.value < 0n ? -rounded.value : rounded.value;
  if (magnitude / pow10(rounded.scale) >= pow10(precision - scale)) {
    throw Object.assign(pgError('22003', 'numeric field overflow'), {
      detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than 10^${precision - scale}.`,
    });
  }
  return rounded;
}

export function isZero(d: Decimal): boolean {
  return d.kind === 'finite' && d.value === 0n;
}
