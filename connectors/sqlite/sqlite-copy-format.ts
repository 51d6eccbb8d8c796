// COPY data as Postgres reads and writes it: text format (backslash escapes, `\N` for NULL by default)
// and csv (quote/escape characters, unquoted empty = NULL by default), one row per line.
import type { CopyFormat } from './sqlite-plan.js';

/** Splits COPY input into rows of fields (null for NULL). The trailing `\.` line of old clients ends the data. */
export function parseCopyRows(data: string, options: CopyFormat): (string | null)[][] {
  return options.format === 'csv' ? parseCsv(data, options) : parseText(data, options);
}

function parseText(data: string, options: CopyFormat): (string | null)[][] {
  const rows: (string | null)[][] = [];
  const lines = data.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let first = true;
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '\\.') break;
    if (first && options.header) {
      first = false;
      continue;
    }
    first = false;
    rows.push(line.split(options.delimiter).map((raw) => (raw === options.null ? null : unescapeText(raw))));
  }
  return rows;
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function unescapeText(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}

function parseCsv(data: string, options: CopyFormat): (string | null)[][] {
  const rows: (string | null)[][] = [];
  const { delimiter, quote, escape } = options;
  let row: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let i = 0;
  let headerSkipped = !options.header;
  const endField = (): void => {
    row.push(!quoted && field === options.null ? null : field);
    field = '';
    quoted = false;
  };
  const endRow = (): void => {
    endField();
    if (row.length === 1 && row[0] === '\\.' ) return void (row = []);
    if (headerSkipped) rows.push(row);
    headerSkipped = true;
    row = [];
  };
  while (i < data.length) {
    const c = data[i]!;
    if (inQuotes) {
      if (c === escape && data[i + 1] === quote) {
        field += quote;
        i += 2;
        continue;
      }
      if (c === quote) inQuotes = false;
      else field += c;
      i++;
      continue;
    }
    if (c === quote) {
      inQuotes = true;
      quoted = true;
    } else if (c === delimiter) endField();
    else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
    i++;
  }
  if (field !== '' || quoted || row.length > 0) endRow();
  return rows;
}

/** One COPY TO line from a row's text fields (null = NULL). */
export function formatCopyRow(fields: readonly (string | null)[], options: CopyFormat): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += options.delimiter;
    const v = fields[i];
    if (v === null || v === undefined) line += options.null;
    else if (options.format === 'csv') line += csvField(v, options);
    else line += escapeText(v, options.delimiter);
  }
  return line + '\n';
}

function escapeText(v: string, delimiter: string): string {
  let out = '';
  for (const ch of v) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t' && delimiter === '\t') out += '\\t';
    else if (ch === delimiter) out += '\\' + ch;
    else out += ch;
  }
  return out;
}

function csvField(v: string, options: CopyFormat): string {
  const needsQuotes = v === '' || v === options.null || v.includes(options.delimiter) || v.includes(options.quote) || v.includes('\n') || v.includes('\r') || v === '\\.';
  if (!needsQuotes) return v;
  return options.quote + v.split(options.quote).join(options.escape + options.quote) + options.quote;
}

/** The fields of one DataRow message (text format), as strings. */
export function dataRowFields(bytes: Buffer, start: number): (string | null)[] {
  const count = bytes.readInt16BE(start + 5);
  const fields: (string | null)[] = [];
  let o = start + 7;
  for (let i = 0; i < count; i++) {
    const len = bytes.readInt32BE(o);
    o += 4;
    if (len < 0) fields.push(null);
    else {
      fields.push(bytes.toString('utf8', o, o + len));
      o += len;
    }
  }
  return fields;
}
