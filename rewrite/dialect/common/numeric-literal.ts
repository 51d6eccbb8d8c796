// Numeric literals as Postgres reads them: the scale written is kept, an exponent is applied.

/** 1.50 stays 1.50 (Postgres keeps the scale written); 1e3 becomes 1000. */
export function normalizeNumeric(text: string): string {
  if (!/[eE]/.test(text)) return text.startsWith('.') ? '0' + text : text;
  const [mantissa, exp] = text.toLowerCase().split('e') as [string, string];
  const e = Number(exp);
  const [intPart, frac = ''] = mantissa.split('.');
  const digits = (intPart ?? '') + frac;
  const point = (intPart ?? '').length + e;
  if (point >= digits.length) return (digits + '0'.repeat(point - digits.length)).replace(/^0+(?=\d)/, '');
  if (point <= 0) return '0.' + '0'.repeat(-point) + digits;
  return (digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0') + '.' + digits.slice(point);
}
