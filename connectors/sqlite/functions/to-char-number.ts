// to_char for numbers: 9 and 0 digit positions, `.`/D, `,`/G, FM, S, MI, PR, and `#` on overflow.
import { formatDecimal, roundAt, type Decimal } from './numeric-decimal.js';

type Slot = { kind: 'digit'; forced: boolean } | { kind: 'point' } | { kind: 'group' } | { kind: 'text'; text: string };

export function toCharNumber(value: Decimal, format: string): string {
  let fm = false;
  let sign: 'auto' | 'S' | 'MI' | 'PR' = 'auto';
  let signFirst = false;
  const slots: Slot[] = [];
  let seenDigit = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i] ?? '';
    const rest = format.slice(i).toUpperCase();
    if (rest.startsWith('FM')) { fm = true; i += 1; continue; }
    if (rest.startsWith('PR')) { sign = 'PR'; i += 1; continue; }
    if (rest.startsWith('MI')) { sign = 'MI'; signFirst = !seenDigit; i += 1; continue; }
    if (c === 'S') { sign = 'S'; signFirst = !seenDigit; continue; }
    if (c === '9' || c === '0') { slots.push({ kind: 'digit', forced: c === '0' }); seenDigit = true; continue; }
    if (c === '.' || c === 'D') { slots.push({ kind: 'point' }); continue; }
    if (c === ',' || c === 'G') { slots.push({ kind: 'group' }); continue; }
    slots.push({ kind: 'text', text: c });
  }
  const pointAt = slots.findIndex((s) => s.kind === 'point');
  const intSlots = slots.filter((s, k) => s.kind === 'digit' && (pointAt < 0 || k < pointAt)).length;
  const fracSlots = slots.filter((s, k) => s.kind === 'digit' && pointAt >= 0 && k > pointAt).length;
  const rounded = roundAt(value, fracSlots);
  // The sign is the rounded value's: -0.3 shown with no fraction digits is a positive 0.
  const negative = rounded.kind === 'finite' ? rounded.value < 0n : rounded.kind === 'inf' && rounded.negative;
  const text = rounded.kind === 'finite' ? formatDecimal(rounded).replace(/^-/, '') : '';
  let [intPart = '', fracPart = ''] = text.split('.');
  if (intPart === '0') intPart = '';
  const overflow = value.kind !== 'finite' || intPart.length > intSlots;
  fracPart = fracPart.padEnd(fracSlots, '0');
  // First integer position that prints a digit: the number's first digit, or an earlier forced '0'.
  const firstForced = slots.findIndex((s) => s.kind === 'digit' && s.forced);
  let digitIndex = 0;
  let started = false;
  let out = '';
  let fracIndex = 0;
  const signChar = negative ? '-' : fm ? '' : ' ';
  let signWritten = sign !== 'auto';
  const lastIntSlot = slots.reduce((last, s, k) => (s.kind === 'digit' && (pointAt < 0 || k < pointAt) ? k : last), -1);
  slots.forEach((slot, k) => {
    if (slot.kind === 'text') { out += slot.text; return; }
    if (overflow) { out += slot.kind === 'point' ? '.' : slot.kind === 'group' ? ',' : '#'; return; }
    if (slot.kind === 'digit' && (pointAt < 0 || k < pointAt)) {
      const position = digitIndex++;
      const digit = intPart[position - (intSlots - intPart.length)];
      // A zero integer part shows as 0 in the last slot when there is no fraction, or under FM for a zero value.
      const printZero = (firstForced >= 0 && k >= firstForced) || (intPart === '' && k === lastIntSlot && (fracSlots === 0 || (fm && /^[0.]*$/.test(text))));
      if (digit !== undefined || printZero) {
        if (!signWritten) { out += signChar; signWritten = true; }
        started = true;
        out += digit ?? '0';
      } else if (!fm) out += ' ';
      return;
    }
    if (slot.kind === 'group') {
      if (started) out += ',';
      else if (!fm) out += ' ';
      return;
    }
    if (slot.kind === 'point') {
      if (!signWritten) { out += signChar; signWritten = true; }
      started = true;
      out += '.';
      return;
    }
    out += fracPart[fracIndex++] ?? '0';
  });
  if (!signWritten) out = signChar + out;
  if (fm && pointAt >= 0) {
    // FM drops trailing zeros of '9' fraction positions (not of forced '0' ones).
    const fracFormat = slots.slice(pointAt + 1).filter((s) => s.kind === 'digit');
    let trim = 0;
    for (let k = fracFormat.length - 1; k >= 0; k--) {
      const s = fracFormat[k];
      if (s && s.kind === 'digit' && !s.forced && out[out.length - 1 - trim] === '0') trim += 1;
      else break;
    }
    out = out.slice(0, out.length - trim);
  }
  if (sign === 'S' || sign === 'MI') {
    const mark = sign === 'S' ? (negative ? '-' : '+') : negative ? '-' : fm ? '' : ' ';
    if (signFirst) {
      const firstNonSpace = out.search(/\S/);
      const at = firstNonSpace < 0 ? out.length : firstNonSpace;
      out = sign === 'S' ? out.slice(0, at) + mark + out.slice(at) : mark + out;
    } else out += mark;
  } else if (sign === 'PR') {
    out = negative ? `<${out.trimStart()}>`.padStart(out.length + 2, ' ') : fm ? out : ` ${out} `;
  }
  return out;
}
