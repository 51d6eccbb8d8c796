// The audit trail's hash chain and `pgfabric audit verify`: every kind of tampering is reported at the
// line where it happened, and a restarted trail continues the same chain.
import { mkdtemp, readFile, writeFile, appendFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AuditTrail, GENESIS_HASH, canonicalJson, chainHash } from '../../../src/observability/audit-trail.js';
import type { AuditEvent } from '../../../src/observability/audit-types.js';
import { verifyAuditLines } from '../../../src/cli/audit-command.js';
import { parseConfigText } from '../../../src/config/load-config.js';
import { baseConfig } from '../config/config-test-files.js';

const logger = pino({ level: 'silent' });

const EVENTS: AuditEvent[] = [
  { kind: 'login', tenant: 'acme', user: 'alice', ok: true, client: '127.0.0.1:5000' },
  { kind: 'login', tenant: 'acme', user: 'mallory', ok: false, reason: 'auth.password_failed', client: '127.0.0.1:5001' },
  { kind: 'refusal', tenant: 'acme', user: 'alice', rule: 'function_policy', sqlstate: '42501', fingerprint: 'a1b2c3' },
  { kind: 'ddl', tenant: 'acme', user: 'alice', fingerprint: 'd4e5f6' },
  { kind: 'admin', user: 'ops', command: 'RELOAD', ok: true },
];

async function tempFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'pgfabric-audit-')), 'audit.log');
}

async function writeTrail(file: string, events: AuditEvent[] = EVENTS): Promise<void> {
  const trail = new AuditTrail({ file }, logger);
  for (const event of events) trail.record(event);
  await trail.close();
}

async function lines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
}

async function verify(text: string[]): Promise<string[]> {
  return (await verifyAuditLines(text)).problems;
}

describe('audit trail: the chain', () => {
  it('writes one JSON line per event: seq, ts, the event, prev, hash', async () => {
    const file = await tempFile();
    await writeTrail(file);
    const entries = (await lines(file)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => e['seq'])).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]?.['prev']).toBe(GENESIS_HASH);
    expect(Object.keys(entries[1] ?? {})).toEqual(['seq', 'ts', 'kind', 'tenant', 'user', 'ok', 'reason', 'client', 'prev', 'hash']);
    expect(entries[1]).toMatchObject({ kind: 'login', ok: false, reason: 'auth.password_failed', user: 'mallory' });
    for (const [i, entry] of entries.entries()) {
      expect(entry['hash']).toBe(chainHash(entry));
      if (i > 0) expect(entry['prev']).toBe(entries[i - 1]?.['hash']);
    }
    expect(await verifyAuditLines(await lines(file))).toEqual({ entries: 5, problems: [] });
  });

  it('hashes sha256(prev + canonical JSON without hash), so a jsonb copy with other key order still verifies', async () => {
    const body = { seq: 1, ts: '2026-12-02T00:00:00.000Z', kind: 'ddl', user: 'u', prev: GENESIS_HASH };
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalJson(body)).digest('hex');
    expect(chainHash({ ...body, hash: 'x' })).toBe(expected);
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
    const reordered = { hash: expected, prev: GENESIS_HASH, user: 'u', kind: 'ddl', ts: body.ts, seq: 1 };
    expect(await verify([JSON.stringify(reordered)])).toEqual([]);
  });

  it('restart continues the chain (seq and prev) in the same file', async () => {
    const file = await tempFile();
    await writeTrail(file, EVENTS.slice(0, 2));
    await writeTrail(file, EVENTS.slice(2));
    const entries = (await lines(file)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => e['seq'])).toEqual([1, 2, 3, 4, 5]);
    expect(entries[2]?.['prev']).toBe(entries[1]?.['hash']);
    expect(await verify(await lines(file))).toEqual([]);
  });

  it('batches events recorded together; flush() resolves with everything on disk', async () => {
    const file = await tempFile();
    const trail = new AuditTrail({ file }, logger);
    for (let i = 0; i < 1000; i++) trail.record({ kind: 'ddl', tenant: 't', user: 'u', fingerprint: String(i) });
    await trail.flush();
    expect(await lines(file)).toHaveLength(1000);
    trail.record({ kind: 'ddl', tenant: 't', user: 'u', fingerprint: 'last' });
    await trail.close();
    const all = await lines(file);
    expect(all).toHaveLength(1001);
    expect(await verify(all)).toEqual([]);
  });

  it('after a crash that cut the last line, a restart starts a new line and chains from the last entry', async () => {
    const file = await tempFile();
    await writeTrail(file, EVENTS.slice(0, 3));
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length - 40)); // line 3 cut half-way, no newline
    await writeTrail(file, EVENTS.slice(3));
    const all = await lines(file);
    expect(all).toHaveLength(5);
    expect(JSON.parse(all[3] ?? '{}')).toMatchObject({ seq: 3, prev: JSON.parse(all[1] ?? '{}').hash });
    expect(await verify(all)).toEqual(['line 3: malformed JSON (line cut short or edited)']);
  });

  it('an unreachable control-plane Postgres neither blocks nor loses the file entries', async () => {
    const file = await tempFile();
    const postgres = { url: 'postgres://audit@127.0.0.1:1/audit', host: '127.0.0.1', port: 1, user: 'audit', password: 'x', database: 'audit', sslMode: 'disable' as const };
    const trail = new AuditTrail({ file, postgres }, logger);
    for (const event of EVENTS) trail.record(event);
    const started = Date.now();
    await trail.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await verifyAuditLines(await lines(file))).toEqual({ entries: 5, problems: [] });
  });

  it('fails at construction when the file cannot be opened', async () => {
    const dir = path.dirname(await tempFile());
    await chmod(dir, 0o500);
    try {
      if (process.getuid?.() === 0) return; // root writes anywhere
      expect(() => new AuditTrail({ file: path.join(dir, 'sub', 'audit.log') }, logger)).toThrow(/EACCES/);
    } finally {
      await chmod(dir, 0o700);
    }
  });
});

describe('pgfabric audit verify: tampering', () => {
  async function intact(): Promise<string[]> {
    const file = await tempFile();
    await writeTrail(file);
    return lines(file);
  }

  it('an edited field is a hash mismatch on that line only', async () => {
    const all = await intact();
    all[2] = (all[2] ?? '').replace('"user":"alice"', '"user":"bob"');
    expect(await verify(all)).toEqual(['line 3: hash mismatch (entry edited)']);
  });

  it('an edited entry whose hash was recomputed breaks the next link', async () => {
    const all = await intact();
    const entry = JSON.parse(all[2] ?? '') as Record<string, unknown>;
    entry['user'] = 'bob';
    entry['hash'] = chainHash(entry);
    all[2] = JSON.stringify(entry);
    expect(await verify(all)).toEqual(["line 4: prev does not match line 3's hash"]);
  });

  it('a deleted line is a gap in seq and prev', async () => {
    const all = await intact();
    all.splice(2, 1);
    expect(await verify(all)).toEqual(['line 3: seq 4 follows 2 (entry removed or reordered)', "line 3: prev does not match line 2's hash"]);
  });

  it('a deleted first line is reported at the start of the file', async () => {
    const all = await intact();
    all.shift();
    expect(await verify(all)).toEqual([
      'line 1: seq 2 starts the file, expected 1 (entry removed or reordered)',
      'line 1: prev is not the start of a chain (entry removed or reordered)',
    ]);
  });

  it('two swapped lines are reported where the order breaks', async () => {
    const all = await intact();
    [all[1], all[2]] = [all[2] ?? '', all[1] ?? ''];
    expect(await verify(all)).toEqual([
      'line 2: seq 3 follows 1 (entry removed or reordered)',
      "line 2: prev does not match line 1's hash",
      'line 3: seq 2 follows 3 (entry removed or reordered)',
      "line 3: prev does not match line 2's hash",
      'line 4: seq 4 follows 2 (entry removed or reordered)',
      "line 4: prev does not match line 3's hash",
    ]);
  });

  it('a last line truncated half-way is malformed JSON', async () => {
    const all = await intact();
    const last = all[4] ?? '';
    all[4] = last.slice(0, Math.floor(last.length / 2));
    expect(await verify(all)).toEqual(['line 5: malformed JSON (line cut short or edited)']);
  });

  it('an appended forged line does not hash, and a replayed one is out of sequence', async () => {
    const all = await intact();
    const last = JSON.parse(all[4] ?? '') as Record<string, unknown>;
    const forged = { seq: 6, ts: new Date().toISOString(), kind: 'login', tenant: 'acme', user: 'eve', ok: true, client: 'x', prev: last['hash'], hash: 'f'.repeat(64) };
    expect(await verify([...all, JSON.stringify(forged)])).toEqual(['line 6: hash mismatch (entry edited)']);
    expect(await verify([...all, all[0] ?? ''])).toEqual([
      'line 6: seq 1 follows 5 (entry removed or reordered)',
      "line 6: prev does not match line 5's hash",
    ]);
  });

  it('lines that are not entries are named', async () => {
    const all = await intact();
    expect(await verify([...all, '', '[1,2]', '{"seq":7}'])).toEqual([
      'line 6: empty line',
      'line 7: not an audit entry (expected a JSON object)',
      'line 8: not an audit entry (seq, prev and hash required)',
    ]);
  });

  it('an empty file is an intact chain of 0 entries', async () => {
    expect(await verifyAuditLines([])).toEqual({ entries: 0, problems: [] });
  });

  it('appending to a tampered file keeps reporting the tampering', async () => {
    const file = await tempFile();
    await writeTrail(file);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"user":"mallory"', '"user":"nobody"'));
    await appendFile(file, '');
    await writeTrail(file, EVENTS.slice(0, 1));
    expect(await verify(await lines(file))).toEqual(['line 2: hash mismatch (entry edited)']);
  });
});

describe('the audit section of the config', () => {
  const load = (audit: unknown) => parseConfigText(JSON.stringify({ ...baseConfig(), audit }), 'json', { baseDir: '/etc/pgfabric' });

  it('resolves the file against the config directory and splits the control-plane URL', () => {
    const result = load({ file: 'audit/audit.log', postgres: 'postgres://audit:pw@cp.example:5433/control?sslmode=require' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.audit).toEqual({
      file: '/etc/pgfabric/audit/audit.log',
      postgres: { url: 'postgres://audit:pw@cp.example:5433/control?sslmode=require', host: 'cp.example', port: 5433, user: 'audit', password: 'pw', database: 'control', sslMode: 'require' },
    });
    const plain = load({ file: '/var/log/pgfabric/audit.log' });
    expect(plain.ok && plain.config.audit).toEqual({ file: '/var/log/pgfabric/audit.log' });
    const none = parseConfigText(JSON.stringify(baseConfig()), 'json', { baseDir: '/' });
    expect(none.ok && none.config.audit).toBeUndefined();
  });

  it('is strict', () => {
    expect(load({ file: 'a.log', table: 'x' })).toMatchObject({ ok: false, problems: ['audit.table: unknown key (allowed: file, postgres)'] });
    expect(load({ postgres: 'postgres://a@h/d' })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^audit\.file/)] });
    expect(load({ file: 'a.log', postgres: 'mysql://a@h/d' })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^audit\.postgres: /)] });
  });
});
