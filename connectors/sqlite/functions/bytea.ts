// bytea input (hex `\x…` or escape form) and output (hex, bytea_output = hex).
import { invalidInput } from './errors.js';

export function parseBytea(text: string): Buffer {
  if (text.startsWith('\\x') || text.startsWith('\\X')) {
    const hex = text.slice(2).replace(/\s+/g, '');
    if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw invalidInput('bytea', text);
    return Buffer.from(hex, 'hex');
  }
  const bytes: number[] = [];
  const raw = Buffer.from(text, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i] ?? 0;
    if (b !== 0x5c) {
      bytes.push(b);
      continue;
    }
    const next = raw.subarray(i + 1, i + 4).toString('latin1');
    if (next.startsWith('\\')) {
      bytes.push(0x5c);
      i += 1;
    } else if (/^[0-3][0-7][0-7]$/.test(next)) {
      bytes.push(parseInt(next, 8));
      i += 3;
    } else {
      throw invalidInput('bytea', text);
    }
  }
  return Buffer.from(bytes);
}

export function formatBytea(bytes: Buffer): string {
  return `\\x${bytes.toString('hex')}`;
}
