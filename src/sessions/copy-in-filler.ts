// Fills (or checks) the tenant column in a COPY … FROM STDIN row stream, CopyData by CopyData, without
// waiting for the whole stream: text format (rows end at an unescaped newline) and CSV (quotes may span
// lines and chunks). Append mode adds the tenant id as the last field of every row (the statement's
// column list got the tenant column appended); check mode requires the field at `index` to be the id.
export type CopyFormat = { readonly csv: boolean; readonly delimiter: number; readonly quote: number; readonly escape: number; readonly header: boolean };

export type FillMode = { readonly kind: 'append' } | { readonly kind: 'check'; readonly index: number };

const NL = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;

export class CopyInFiller {
  private partial: Buffer[] = [];
  private inQuote = false;
  private escaped = false;
  private headerPending: boolean;
  private ended = false;
  private readonly suffix: Buffer;

  constructor(
    private readonly format: CopyFormat,
    private readonly mode: FillMode,
    private readonly tenantId: string,
    private readonly tenantColumn: string,
  ) {
    this.headerPending = format.header;
    this.suffix = Buffer.concat([Buffer.from([format.delimiter]), Buffer.from(tenantId)]);
  }

  /** The CopyData payload to send instead of `data`, or an error message (the COPY must then fail). */
  push(data: Buffer): Buffer | string {
    const out: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      const c = data[i]!;
      if (this.format.csv) {
        if (this.escaped) { this.escaped = false; continue; }
        if (this.inQuote && c === this.format.escape && this.format.escape !== this.format.quote) { this.escaped = true; continue; }
        if (c === this.format.quote) { this.inQuote = !this.inQuote; continue; }
      }
      if (c !== NL || this.inQuote) continue;
      this.partial.push(data.subarray(start, i));
      const row = this.partial.length === 1 ? this.partial[0]! : Buffer.concat(this.partial);
      this.partial = [];
      start = i + 1;
      const done = this.row(row, true);
      if (typeof done === 'string') return done;
      out.push(done);
    }
    if (start < data.length) this.partial.push(Buffer.from(data.subarray(start)));
    return Buffer.concat(out);
  }

  /** At CopyDone: the last row if it had no newline, or an error message. */
  end(): Buffer | string {
    if (this.inQuote) return 'unterminated CSV quoted field';
    const rest = Buffer.concat(this.partial);
    this.partial = [];
    return rest.length === 0 || this.ended ? Buffer.alloc(0) : this.row(rest, false);
  }

  private row(line: Buffer, newline: boolean): Buffer | string {
    if (this.ended) return Buffer.alloc(0);
    const cr = line.length > 0 && line[line.length - 1] === CR;
    const body = cr ? line.subarray(0, line.length - 1) : line;
    const terminator = (cr ? '\r' : '') + (newline ? '\n' : '');
    if (body.length === 2 && body[0] === BACKSLASH && body[1] === 0x2e) {
      this.ended = true; // "\." ends the data
      return Buffer.concat([line, Buffer.from(newline ? '\n' : '')]);
    }
    if (this.headerPending) {
      this.headerPending = false;
      return this.mode.kind === 'append' ? Buffer.concat([body, Buffer.from(String.fromCharCode(this.format.delimiter) + this.tenantColumn), Buffer.from(terminator)]) : Buffer.concat([line, Buffer.from(newline ? '\n' : '')]);
    }
    if (this.mode.kind === 'append') return Buffer.concat([body, this.suffix, Buffer.from(terminator)]);
    const value = this.field(body, this.mode.index);
    if (value !== this.tenantId && value?.toLowerCase() !== this.tenantId.toLowerCase()) return `a row sets the tenant column to "${value ?? 'NULL'}", not the session tenant's id`;
    return Buffer.concat([line, Buffer.from(newline ? '\n' : '')]);
  }

  /** Field `index` of a row, unquoted (CSV) — null for NULL (\N in text, an empty unquoted CSV field). */
  private field(row: Buffer, index: number): string | null {
    const { delimiter, quote, escape, csv } = this.format;
    let n = 0;
    let start = 0;
    let inQuote = false;
    for (let i = 0; i <= row.length; i++) {
      const c = i < row.length ? row[i]! : delimiter;
      if (csv && inQuote && c === escape && escape !== quote) { i++; continue; }
      if (csv && c === quote) { inQuote = !inQuote; continue; }
      if (c !== delimiter || inQuote) continue;
      if (n === index) {
        const raw = row.toString('utf8', start, i);
        if (!csv) return raw === '\\N' ? null : raw;
        if (raw === '') return null;
        return raw.startsWith(String.fromCharCode(quote)) ? raw.slice(1, -1).replaceAll(String.fromCharCode(escape) + String.fromCharCode(quote), String.fromCharCode(quote)) : raw;
      }
      n++;
      start = i + 1;
    }
    return null;
  }
}
