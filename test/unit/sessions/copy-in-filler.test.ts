// The COPY row filler, fed the same stream split at every byte position: the output must not depend
// on where CopyData messages were cut (CSV quotes span lines and chunks).
import { describe, expect, it } from 'vitest';
import { CopyInFiller, type CopyFormat, type FillMode } from '../../../src/sessions/copy-in-filler.js';

const ID = '11111111-1111-1111-1111-111111111111';
const TEXT: CopyFormat = { csv: false, delimiter: 0x09, quote: 0x22, escape: 0x22, header: false };
const CSV: CopyFormat = { csv: true, delimiter: 0x2c, quote: 0x22, escape: 0x22, header: false };

function run(format: CopyFormat, mode: FillMode, input: string, split: number[]): string {
  const filler = new CopyInFiller(format, mode, ID, 'tenant_id');
  const bytes = Buffer.from(input);
  const out: string[] = [];
  let start = 0;
  for (const at of [...split, bytes.length]) {
    const r = filler.push(bytes.subarray(start, at));
    if (typeof r === 'string') return `ERROR ${r}`;
    out.push(r.toString());
    start = at;
  }
  const end = filler.end();
  return typeof end === 'string' ? `ERROR ${end}` : out.join('') + end.toString();
}

function everySplit(format: CopyFormat, mode: FillMode, input: string): string {
  const whole = run(format, mode, input, []);
  for (let i = 0; i <= Buffer.byteLength(input); i++) expect(run(format, mode, input, [i]), `split at ${i}`).toBe(whole);
  return whole;
}

describe('COPY row filler', () => {
  it('appends the tenant id to every text row, the last one without a newline too', () => {
    expect(everySplit(TEXT, { kind: 'append' }, '1\ta\n2\tb\\tc\n3\tlast')).toBe(`1\ta\t${ID}\n2\tb\\tc\t${ID}\n3\tlast\t${ID}`);
  });

  it('keeps \\. as the end of data and CRLF row ends', () => {
    expect(everySplit(TEXT, { kind: 'append' }, '1\ta\r\n\\.\n')).toBe(`1\ta\t${ID}\r\n\\.\n`);
  });

  it('appends after CSV records whose quoted fields hold newlines, commas and quotes', () => {
    const input = '1,"multi\nline, with ""quotes"""\n2,plain\n';
    expect(everySplit(CSV, { kind: 'append' }, input)).toBe(`1,"multi\nline, with ""quotes""",${ID}\n2,plain,${ID}\n`);
  });

  it('extends a CSV header with the tenant column', () => {
    expect(everySplit({ ...CSV, header: true }, { kind: 'append' }, 'id,name\n1,a\n')).toBe(`id,name,tenant_id\n1,a,${ID}\n`);
  });

  it('in check mode passes rows carrying the tenant id and refuses any other value or NULL', () => {
    expect(everySplit(CSV, { kind: 'check', index: 1 }, `1,"${ID}",x\n2,${ID.toUpperCase()},y\n`)).toBe(`1,"${ID}",x\n2,${ID.toUpperCase()},y\n`);
    expect(run(CSV, { kind: 'check', index: 1 }, `1,${ID}\n2,22222222-2222-2222-2222-222222222222\n`, [])).toMatch(/^ERROR a row sets the tenant column to "2222/);
    expect(run(TEXT, { kind: 'check', index: 0 }, '\\N\tx\n', [])).toMatch(/NULL/);
  });
});
