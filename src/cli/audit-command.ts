// `pgfabric audit verify FILE`: walks the hash chain of an audit file (see audit-trail.ts) and prints
// `OK: N entries, chain intact` (exit 0) or one line per problem (exit 1): an edited entry (its hash
// no longer matches), a removed or reordered one (seq out of order, prev not the previous hash), a
// line that is not an entry (cut short, or not JSON). After a problem the walk continues from the
// line as written, so a removal is reported where it happened rather than at every later line.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { GENESIS_HASH, chainHash } from '../observability/audit-trail.js';

export type AuditVerification = { entries: number; problems: string[] };

const USAGE = 'usage: pgfabric audit verify FILE';
const HASH = /^[0-9a-f]{64}$/;

type Link = { line: number; seq: number; hash: string };

export async function auditCommand(args: readonly string[], out: (line: string) => void): Promise<number> {
  const [sub, file, ...extra] = args;
  if (sub !== 'verify' || file === undefined || extra.length > 0) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  try {
    await access(file);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    out(code === 'ENOENT' ? `${file}: file not found` : `${file}: cannot read (${code})`);
    return 1;
  }
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const result = await verifyAuditLines(lines);
  if (result.problems.length === 0) {
    out(`OK: ${result.entries} entries, chain intact`);
    return 0;
  }
  for (const problem of result.problems) out(problem);
  return 1;
}

/** Checks a chain given as lines (a file's trailing newline yields no extra line). */
export async function verifyAuditLines(lines: AsyncIterable<string> | Iterable<string>): Promise<AuditVerification> {
  const problems: string[] = [];
  let previous: Link | null = null;
  let count = 0;
  for await (const text of lines) {
    count++;
    const entry = parseEntry(text);
    if (typeof entry === 'string') {
      problems.push(`line ${count}: ${entry}`);
      continue;
    }
    problems.push(...linkProblems(count, entry, previous));
    previous = { line: count, seq: entry['seq'] as number, hash: entry['hash'] as string };
  }
  return { entries: count, problems };
}

function linkProblems(line: number, entry: Record<string, unknown>, previous: Link | null): string[] {
  const problems: string[] = [];
  if (chainHash(entry) !== entry['hash']) problems.push(`line ${line}: hash mismatch (entry edited)`);
  const seq = entry['seq'] as number;
  const expected = (previous?.seq ?? 0) + 1;
  if (seq !== expected) {
    problems.push(previous
      ? `line ${line}: seq ${seq} follows ${previous.seq} (entry removed or reordered)`
      : `line ${line}: seq ${seq} starts the file, expected 1 (entry removed or reordered)`);
  }
  if (entry['prev'] !== (previous?.hash ?? GENESIS_HASH)) {
    problems.push(previous
      ? `line ${line}: prev does not match line ${previous.line}'s hash`
      : `line ${line}: prev is not the start of a chain (entry removed or reordered)`);
  }
  return problems;
}

/** The entry, or what is wrong with the line. */
function parseEntry(text: string): Record<string, unknown> | string {
  if (text.trim() === '') return 'empty line';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'malformed JSON (line cut short or edited)';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not an audit entry (expected a JSON object)';
  const entry = value as Record<string, unknown>;
  const { seq, prev, hash } = entry;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || typeof prev !== 'string' || typeof hash !== 'string' || !HASH.test(hash)) {
    return 'not an audit entry (seq, prev and hash required)';
  }
  return entry;
}
