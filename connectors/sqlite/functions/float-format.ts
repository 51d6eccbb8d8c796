// Postgres float output (extra_float_digits = 1, the default since 12): the shortest text that reads
// back to the same value, in exponent form when the decimal exponent is < -4 or >= 15 (6 for real).

function shortestFloat4Digits(x: number): string {
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = x.toExponential(precision - 1);
    if (Math.fround(Number(candidate)) === x) return candidate;
  }
  return x.toExponential(8);
}

function layout(exponential: string, maxExponent: number): string {
  const [mantissa = '', expText = '0'] = exponential.split('e');
  const exponent = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= maxExponent) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
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
  return special(x) ?? layout(x.toExponential(), 15);
}

export function formatFloat4(x: number): string {
  return special(x) ?? layout(shortestFloat4Digits(Math.fround(x)), 6);
}
