// numeric ^ numeric with a non-integral exponent: exp(y · ln x) in BigInt fixed point with guard digits,
// rounded to the result scale Postgres chooses (so 2 ^ 0.5 gives 1.4142135623730950, not a float's 51).
import type { Decimal } from './numeric-decimal.js';

type Finite = Decimal & { kind: 'finite' };

const GUARD = 24;

function tenTo(n: number): bigint {
  return 10n ** BigInt(n);
}

function roundDiv(n: bigint, d: bigint): bigint {
  const negative = (n < 0n) !== (d < 0n);
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (a + b / 2n) / b;
  return negative ? -q : q;
}

/** atanh(num/den) · one by its series (|num/den| well below 1). */
function atanhRatio(num: bigint, den: bigint, one: bigint): bigint {
  const z = (num * one) / den;
  const z2 = (z * z) / one;
  let term = z;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) / one;
  }
  return sum;
}

/** ln(x) for x > 0 given as fixed point (x · one). */
function ln(x: bigint, one: bigint): bigint {
  // x = m · 2^k with m in [1/2, 1]; ln m = 2 atanh((m - 1) / (m + 1)); ln 2 = 2 atanh(1/3).
  let k = 0n;
  let m = x;
  while (m > one) { m /= 2n; k += 1n; }
  while (m * 2n < one) { m *= 2n; k -= 1n; }
  const ln2 = 2n * atanhRatio(1n, 3n, one);
  return k * ln2 + 2n * atanhRatio(m - one, m + one, one);
}

/** e^t for t given as fixed point (t · one). */
function exp(t: bigint, one: bigint): bigint {
  // Halve t until it is small, sum the Taylor series, then square back.
  let halvings = 0;
  let r = t;
  const small = one / 1000n;
  while ((r < 0n ? -r : r) > small) { r /= 2n; halvings += 1; }
  let term = one;
  let sum = one;
  for (let k = 1n; term !== 0n; k += 1n) {
    term = (term * r) / (one * k);
    sum += term;
  }
  for (let i = 0; i < halvings; i++) sum = (sum * sum) / one;
  return sum;
}

/** base ^ exponent rounded at `scale` fraction digits; `weight` is the result's decimal weight estimate. */
export function powerFixedPoint(base: Finite, exponent: Finite, scale: number, weight: number): Decimal {
  const digits = scale + weight + GUARD;
  const one = tenTo(digits);
  const x = (base.value * one) / tenTo(base.scale);
  const y = (exponent.value * one) / tenTo(exponent.scale);
  const result = exp((ln(x, one) * y) / one, one);
  return { kind: 'finite', value: roundDiv(result, tenTo(digits - scale)), scale };
}
