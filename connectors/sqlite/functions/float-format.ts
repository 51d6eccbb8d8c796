// Postgres float output (extra_float_digits = 1, the default since 12): the shortest digits that read
// back to the same value (Ryu), in exponent form when the decimal exponent is < -4 or >= 15 (6 for
// real). Postgres's Ryu never picks a decimal lying exactly halfway to a neighbouring float (JS does,
// since reading it back rounds half to even to the same value), and breaks digit ties to even; so the
// candidates are checked exactly, with BigInt fractions.

type Fraction = { num: bigint; den: bigint };

const view = new DataView(new ArrayBuffer(8));

function fraction64(x: number): Fraction {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (exponent !== 0) mantissa |= 1n << 52n;
  const e2 = (exponent === 0 ? 1 : exponent) - 1075;
  const sign = bits >> 63n === 1n ? -1n : 1n;
  return e2 >= 0 ? { num: sign * (mantissa << BigInt(e2)), den: 1n } : { num: sign * mantissa, den: 1n << BigInt(-e2) };
}

function nextTowards(x: number, up: boolean, single: boolean): number {
  if (single) {
    const f = new Float32Array([x]);
    const i = new Int32Array(f.buffer);
    i[0] = (i[0] ?? 0) + ((x >= 0) === up ? 1 : -1);
    return f[0] ?? x;
  }
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, bits + ((x >= 0) === up ? 1n : -1n));
  return view.getFloat64(0);
}

/** p significant digits of |x|'s exact value, rounded half to even: [digits, decimal exponent of the first]. */
function roundedDigits(f: Fraction, p: number): [string, number] {
  const num = f.num < 0n ? -f.num : f.num;
  // Scale so that the integer part has exactly p digits.
  let exponent = num.toString().length - f.den.toString().length;
  const scaledAt = (e: number): Fraction => (p - 1 - e >= 0
    ? { num: num * 10n ** BigInt(p - 1 - e), den: f.den }
    : { num, den: f.den * 10n ** BigInt(e - p + 1) });
  let s = scaledAt(exponent);
  if (s.num / s.den >= 10n ** BigInt(p)) s = scaledAt(++exponent);
  else if (s.num / s.den < 10n ** BigInt(p - 1)) s = scaledAt(--exponent);
  let q = s.num / s.den;
  const twice = (s.num % s.den) * 2n;
  if (twice > s.den || (twice === s.den && q % 2n === 1n)) q += 1n;
  if (q === 10n ** BigInt(p)) {
    q /= 10n;
    exponent += 1;
  }
  return [q.toString(), exponent];
}

function decimalFraction(digits: string, exponent: number, negative: boolean): Fraction {
  const n = BigInt(digits) * (negative ? -1n : 1n);
  const shift = exponent - (digits.length - 1);
  return shift >= 0 ? { num: n * 10n ** BigInt(shift), den: 1n } : { num: n, den: 10n ** BigInt(-shift) };
}

function isMidpoint(d: Fraction, x: number, single: boolean): boolean {
  for (const up of [true, false]) {
    const neighbour = nextTowards(x, up, single);
    if (!Number.isFinite(neighbour)) continue;
    const a = fraction64(x);
    const b = fraction64(neighbour);
    // d == (a + b) / 2  ⇔  2·d.num·a.den·b.den == (a.num·b.den + b.num·a.den)·d.den
    if (2n * d.num * a.den * b.den === (a.num * b.den + b.num * a.den) * d.den) return true;
  }
  return false;
}

function shortest(x: number, single: boolean): [string, number] {
  const exact = fraction64(x);
  const maxDigits = single ? 9 : 17;
  for (let p = 1; p < maxDigits; p++) {
    const [digits, exponent] = roundedDigits(exact, p);
    const text = `${x < 0 ? '-' : ''}${digits[0]}.${digits.slice(1) || '0'}e${exponent}`;
    const back = single ? Math.fround(Number(text)) : Number(text);
    if (back === x && !isMidpoint(decimalFraction(digits, exponent, x < 0), x, single)) return [digits.replace(/0+$/, '') || '0', exponent];
  }
  const [digits, exponent] = roundedDigits(exact, maxDigits);
  return [digits.replace(/0+$/, '') || '0', exponent];
}

function layout(negative: boolean, digits: string, exponent: number, maxExponent: number): string {
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= maxExponent) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

function special(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  return null;
}

export function formatFloat8(x: number): string {
  const s = special(x);
  if (s !== null) return s;
  // Fast path: JS's shortest digits are Postgres's unless they sit exactly halfway to a neighbour.
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const exponent = Number(expText);
  if (!isMidpoint(decimalFraction(digits, exponent, x < 0), x, false)) return layout(x < 0, digits, exponent, 15);
  const [d, e] = shortest(x, false);
  return layout(x < 0, d, e, 15);
}

export function formatFloat4(x: number): string {
  const f = Math.fround(x);
  const s = special(f);
  if (s !== null) return s;
  const [digits, exponent] = shortest(f, true);
  return layout(f < 0, digits, exponent, 6);
}
