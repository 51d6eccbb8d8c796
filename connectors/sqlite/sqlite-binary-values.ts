// Storage text → Postgres binary send formats for date/time and numeric (epoch 2000-01-01).
const PG_EPOCH_DAYS = 10957; // days from 1970-01-01 to 2000-01-01
const DATE_RE = /^(\d{4,})-(\d\d)-(\d\d)(?: BC)?$/;
const TS_RE = /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?\s*(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

export function pgDays(text: string): number {
  if (text === 'infinity') return 0x7fffffff;
  if (text === '-infinity') return -0x80000000;
  const m = DATE_RE.exec(text);
  if (!m) throw invalid('date', text);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000) - PG_EPOCH_DAYS;
}

export function pgMicros(text: string): bigint {
  if (text === 'infinity') return 0x7fffffffffffffffn;
  if (text === '-infinity') return -0x8000000000000000n;
  const m = TS_RE.exec(text);
  if (!m) {
    const d = DATE_RE.exec(text);
    if (d) return BigInt(pgDays(text)) * 86_400_000_000n;
    throw invalid('timestamp', text);
  }
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const fraction = m[7] ? BigInt(m[7].padEnd(6, '0')) : 0n;
  let offsetSeconds = 0;
  if (m[8]) offsetSeconds = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0));
  return (BigInt(ms) - BigInt(PG_EPOCH_DAYS) * 86_400_000n - BigInt(offsetSeconds) * 1000n) * 1000n + fraction;
}

export function timeMicros(text: string): bigint {
  const m = /^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?/.exec(text);
  if (!m) throw invalid('time', text);
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  return BigInt(seconds) * 1_000_000n + (m[4] ? BigInt(m[4].padEnd(6, '0')) : 0n);
}

/** Postgres numeric send format: ndigits, weight, sign, dscale, then base-10000 digits. */
export function numericBinary(text: string): Buffer {
  if (text === 'NaN') return header(0, 0, 0xc000, 0);
  let s = text.trim();
  const negative = s.startsWith('-');
  if (negative || s.startsWith('+')) s = s.slice(1);
  const dot = s.indexOf('.');
  const intPart = (dot < 0 ? s : s.slice(0, dot)).replace(/^0+/, '');
  const fracPart = dot < 0 ? '' : s.slice(dot + 1);
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) throw invalid('numeric', text);
  const dscale = fracPart.length;
  const intPadded = intPart.padStart(Math.ceil(intPart.length / 4) * 4, '0');
  const fracPadded = fracPart.padEnd(Math.ceil(fracPart.length / 4) * 4, '0');
  const groups: number[] = [];
  for (let i = 0; i < intPadded.length; i += 4) groups.push(Number(intPadded.slice(i, i + 4)));
  for (let i = 0; i < fracPadded.length; i += 4) groups.push(Number(fracPadded.slice(i, i + 4)));
  let weight = intPadded.length / 4 - 1;
  // Strip leading and trailing zero groups (Postgres keeps neither).
  while (groups.length > 0 && groups[0] === 0) {
    groups.shift();
    weight--;
  }
  while (groups.length > 0 && groups[groups.length - 1] === 0) groups.pop();
  if (groups.length === 0) weight = 0;
  const out = header(groups.length, weight, negative && groups.length > 0 ? 0x4000 : 0, dscale);
  const body = Buffer.allocUnsafe(groups.length * 2);
  groups.forEach((g, i) => body.writeUInt16BE(g, i * 2));
  return Buffer.concat([out, body]);
}

function header(ndigits: number, weight: number, sign: number, dscale: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeInt16BE(ndigits, 0);
  b.writeInt16BE(weight, 2);
  b.writeUInt16BE(sign, 4);
  b.writeInt16BE(dscale, 6);
  return b;
}

function invalid(type: string, text: string): Error {
  return Object.assign(new Error(`invalid input syntax for type ${type}: "${text}"`), { code: '22P02' });
}
