// float4/float8 as Postgres prints them (extra_float_digits = 1, the default since Postgres 12): the
// shortest text that reads back as the same value, in %g style — exponent form when the decimal exponent
// is below -4 or at least the type's precision (15 for float8, 6 for float4), two exponent digits at least.

export function formatFloat8(x: number): string {
  return formatShortest(x, x.toExponential(), 15);
}

export function formatFloat4(x: number): string {
  if (!Number.isFinite(x)) return formatShortest(x, '', 6);
  const f = Math.fround(x);
  // The fewest significant digits that read back as the same float32.
  for (let p = 1; p <= 9; p++) {
    const text = f.toExponential(p - 1);
    if (Math.fround(Number(text)) === f) return formatShortest(f, text, 6);
  }
  return formatShortest(f, f.toExponential(8), 6);
}

function formatShortest(x: number, exponential: string, precision: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // exponential is `-d.ddde±x`
  const ePos = exponential.indexOf('e');
  const exp = Number(exponential.slice(ePos + 1));
  const negative = exponential.charCodeAt(0) === 45;
  const mantissa = exponential.slice(negative ? 1 : 0, ePos);
  const digits = mantissa.replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= precision) {
    const abs = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
