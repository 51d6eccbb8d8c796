// The audit trail: every AuditEvent becomes one JSON line `{seq, ts, ...event, prev, hash}` appended to
// a file, where hash = sha256(prev + canonical JSON of the entry without `hash`), so editing, removing
// or reordering any line breaks the chain (`pgfabric audit verify`). The chain is continued across
// restarts from the file's last entry. Writes are coalesced per tick and fsynced every second and on
// flush(); the optional control-plane Postgres table gets the same entries, batched, best effort —
// its failures are logged and never hold up the proxy or the file.
// Entries carry statement fingerprints only, never SQL text or parameters (see audit-types.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import pg from 'pg';
import type { AuditConfig, PostgresTarget } from '../config/resolved-config.js';
import type { AuditEvent, AuditSink } from './audit-types.js';

export type AuditEntry = AuditEvent & { readonly seq: number; readonly ts: string; readonly prev: string; readonly hash: string };

/** The `prev` of the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);
export const AUDIT_TABLE = 'pgfabric_audit';

const SYNC_INTERVAL_MS = 1000;
const RETRY_MS = 1000;
/** How long flush() and close() wait for the control-plane table; the file never waits for it. */
const MIRROR_FLUSH_TIMEOUT_MS = 5000;
const MIRROR_BATCH = 500;
/** Entries kept for the table while it is unreachable; older ones are dropped (the file has them). */
const MIRROR_BACKLOG = 100_000;
const TAIL_CHUNK = 64 * 1024;

const write = promisify(fs.write);
const fsync = promisify(fs.fsync);
const read = promisify(fs.read);
const fstat = promisify(fs.fstat);
const closeFd = promisify(fs.close);

/** JSON with object keys sorted and no whitespace (RFC 8785 style), so jsonb copies verify too. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of an entry: sha256 hex of its `prev` followed by the canonical JSON of everything but `hash`. */
export function chainHash(entry: Record<string, unknown>): string {
  const { hash: _hash, ...body } = entry;
  return createHash('sha256').update(String(body['prev'])).update(canonicalJson(body)).digest('hex');
}

type ChainHead = { seq: number; hash: string };
type Pending = { ts: string; event: AuditEvent };

export class AuditTrail implements AuditSink {
  private readonly fd: number;
  private head: ChainHead | null = null;
  /** The file's last byte is not a newline (a line cut short by a crash): start on a new line. */
  private needsNewline = false;
  private pending: Pending[] = [];
  /** Chained bytes not yet (fully) written, kept across a failed write so no entry is lost. */
  private unwritten: Buffer = Buffer.alloc(0);
  /** Their entries: copied to the control-plane table once they are in the file. */
  private unwrittenEntries: AuditEntry[] = [];
  private dirty = false;
  /** File operations run one after another: initialisation, writes, fsyncs. */
  private ops: Promise<void>;
  private writeScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly syncTimer: NodeJS.Timeout;
  private readonly mirror: PostgresMirror | null;
  private closing: Promise<void> | null = null;
  private droppedAfterClose = 0;

  /**
   * Opens (creating) the file at once, so an unwritable path fails here; the chain head is read
   * asynchronously, after `after` settles (a replaced trail on the same file finishing its writes).
   */
  constructor(
    config: AuditConfig,
    private readonly logger: Logger,
    after: () => Promise<unknown> = () => Promise.resolve(),
  ) {
    fs.mkdirSync(dirname(config.file), { recursive: true });
    this.fd = fs.openSync(config.file, 'a+', 0o640);
    this.mirror = config.postgres ? new PostgresMirror(config.postgres, logger) : null;
    this.ops = Promise.resolve()
      .then(after)
      .catch((err: Error) => logger.error({ err: err.message }, 'audit trail: the previous trail did not flush'))
      .then(() => this.readHead())
      .catch((err: Error) => logger.error({ err: err.message }, 'audit trail: cannot read the chain head (retried on the next write)'));
    this.syncTimer = setInterval(() => {
      if (this.dirty) void this.enqueue(() => this.sync()).catch(() => undefined);
    }, SYNC_INTERVAL_MS);
    this.syncTimer.unref();
  }

  record(event: AuditEvent): void {
    if (this.closing) {
      if (this.droppedAfterClose++ === 0) this.logger.warn({ kind: event.kind }, 'audit trail: event recorded after close, dropped');
      return;
    }
    this.pending.push({ ts: new Date().toISOString(), event });
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    setImmediate(() => {
      this.writeScheduled = false;
      void this.enqueue(() => this.writePending()).catch((err: Error) => this.writeFailed(err));
    });
  }

  /** Resolves once everything recorded is written and fsynced (and, within a bound, in the table). */
  async flush(): Promise<void> {
    await this.enqueue(async () => {
      await this.writePending();
      await this.sync();
    });
    await this.mirror?.flush(MIRROR_FLUSH_TIMEOUT_MS);
  }

  /** Flushes, then releases the file and the control-plane connection. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.flush().finally(async () => {
      clearInterval(this.syncTimer);
      if (this.retryTimer) clearTimeout(this.retryTimer);
      await this.mirror?.close();
      await closeFd(this.fd).catch(() => undefined);
    });
    return this.closing;
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.ops.then(op);
    this.ops = run.catch(() => undefined);
    return run;
  }

  private writeFailed(err: Error): void {
    this.logger.error({ err: err.message, unwritten: this.unwritten.length + this.pending.length }, 'audit trail: write failed, retrying');
    if (this.retryTimer || this.closing) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.enqueue(() => this.writePending()).catch((e: Error) => this.writeFailed(e));
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  private async writePending(): Promise<void> {
    if (this.head === null) await this.readHead();
    if (this.pending.length > 0) {
      const entries = this.pending.splice(0).map((p) => this.chain(p));
      const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
      const prefix = this.needsNewline ? '\n' : '';
      this.needsNewline = false;
      this.unwritten = Buffer.concat([this.unwritten, Buffer.from(prefix + text)]);
      this.unwrittenEntries.push(...entries);
    }
    while (this.unwritten.length > 0) {
      const { bytesWritten } = await write(this.fd, this.unwritten);
      this.unwritten = this.unwritten.subarray(bytesWritten);
      this.dirty = true;
    }
    if (this.unwrittenEntries.length > 0) this.mirror?.enqueue(this.unwrittenEntries.splice(0));
  }

  private chain(pending: Pending): AuditEntry {
    const head = this.head as ChainHead;
    const body = { seq: head.seq + 1, ts: pending.ts, ...pending.event, prev: head.hash };
    const hash = chainHash(body);
    this.head = { seq: body.seq, hash };
    return { ...body, hash };
  }

  private async sync(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await fsync(this.fd);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }

  private async readHead(): Promise<void> {
    if (this.head !== null) return;
    const tail = await readChainTail(this.fd);
    this.head = tail.head;
    this.needsNewline = tail.needsNewline;
    if (tail.skippedLines > 0) {
      this.logger.warn({ skippedLines: tail.skippedLines, seq: tail.head.seq }, 'audit trail: the file ends in lines that are not entries; the chain continues from the last entry');
    }
  }
}

/**
 * The last well-formed entry of the file (seq 0 and the genesis hash when there is none), read
 * backwards in chunks so that a large file costs one chunk or two.
 */
async function readChainTail(fd: number): Promise<{ head: ChainHead; needsNewline: boolean; skippedLines: number }> {
  const { size } = await fstat(fd);
  let position = size;
  let carry = Buffer.alloc(0);
  let needsNewline = false;
  let skippedLines = 0;
  while (position > 0) {
    const length = Math.min(TAIL_CHUNK, position);
    position -= length;
    const chunk = Buffer.alloc(length);
    await read(fd, chunk, 0, length, position);
    if (position + length === size) needsNewline = chunk[length - 1] !== 0x0a;
    const data = Buffer.concat([chunk, carry]);
    // Before the first newline the line may continue in the previous chunk, unless this is the file's start.
    const firstNewline = position === 0 ? -1 : data.indexOf(0x0a);
    if (position > 0 && firstNewline === -1) {
      carry = data;
      continue;
    }
    carry = data.subarray(0, Math.max(0, firstNewline));
    const lines = data.subarray(firstNewline + 1).toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = (lines[i] ?? '').trim();
      if (line === '') continue;
      const head = entryHead(line);
      if (head) return { head, needsNewline, skippedLines };
      skippedLines++;
    }
  }
  return { head: { seq: 0, hash: GENESIS_HASH }, needsNewline, skippedLines };
}

function entryHead(line: string): ChainHead | null {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    const { seq, hash } = value;
    if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) {
      return { seq, hash };
    }
  } catch {
    // not JSON: a line cut short, or not ours
  }
  return null;
}

/** The control-plane copy: batched multi-row inserts, retried with backoff, idempotent on seq. */
class PostgresMirror {
  private queue: AuditEntry[] = [];
  private client: pg.Client | null = null;
  private running: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private dropped = 0;
  private closed = false;

  constructor(
    private readonly target: PostgresTarget,
    private readonly logger: Logger,
  ) {}

  enqueue(entries: AuditEntry[]): void {
    if (this.closed) return;
    this.queue.push(...entries);
    if (this.queue.length > MIRROR_BACKLOG) {
      const excess = this.queue.length - MIRROR_BACKLOG;
      this.queue.splice(0, excess);
      this.dropped += excess;
      this.logger.warn({ dropped: this.dropped }, 'audit trail: control-plane backlog full, oldest entries not mirrored (they are in the file)');
    }
    if (!this.retryTimer) this.kick();
  }

  /** Tries to empty the queue, giving up (with a log line) after `timeoutMs`. */
  async flush(timeoutMs: number): Promise<void> {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length > 0 && Date.now() < deadline) {
      const run = this.kick();
      const timedOut = await Promise.race([run.then(() => false), sleep(Math.max(0, deadline - Date.now()), undefined, { ref: false }).then(() => true)]);
      if (timedOut || this.failures > 0) break;
    }
    if (this.queue.length > 0) this.logger.warn({ unmirrored: this.queue.length }, 'audit trail: entries not copied to the control-plane table (they are in the file)');
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private kick(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      // Entries enqueued while the last batch was finishing found this run still set.
      if (this.queue.length > 0 && !this.retryTimer && !this.closed && this.failures === 0) void this.kick();
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.slice(0, MIRROR_BATCH);
        await this.insert(batch);
        this.queue.splice(0, batch.length);
        this.failures = 0;
      }
    } catch (err) {
      this.failed(err as Error);
    }
  }

  private failed(err: Error): void {
    this.failures++;
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => undefined);
    const delay = Math.min(30_000, RETRY_MS * 2 ** Math.min(this.failures - 1, 5));
    this.logger.warn({ err: err.message, retryInMs: delay, queued: this.queue.length }, 'audit trail: control-plane insert failed');
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.kick();
    }, delay);
    this.retryTimer.unref();
  }

  private async insert(batch: AuditEntry[]): Promise<void> {
    const client = await this.connect();
    // One statement per batch: parallel arrays unnested into rows; a seq already there is kept as is.
    const result = await client.query(
      `insert into ${AUDIT_TABLE} (seq, ts, entry, prev, hash)
       select * from unnest($1::bigint[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::text[])
       on conflict (seq) do nothing`,
      [batch.map((e) => e.seq), batch.map((e) => e.ts), batch.map((e) => JSON.stringify(e)), batch.map((e) => e.prev), batch.map((e) => e.hash)],
    );
    if ((result.rowCount ?? batch.length) < batch.length) {
      this.logger.warn({ conflicts: batch.length - (result.rowCount ?? 0), firstSeq: batch[0]?.seq }, 'audit trail: seq already in the control-plane table (a new chain in the same table?)');
    }
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const t = this.target;
    const client = new pg.Client({
      host: t.host,
      port: t.port,
      user: t.user,
      password: t.password,
      database: t.database,
      ssl: t.sslMode === 'disable' || t.sslMode === 'prefer' ? false : { rejectUnauthorized: t.sslMode !== 'require' },
      application_name: 'pgfabric-audit',
      connectionTimeoutMillis: 5000,
      query_timeout: 10_000,
    });
    client.on('error', (err) => {
      this.logger.warn({ err: err.message }, 'audit trail: control-plane connection lost');
      if (this.client === client) this.client = null;
    });
    await client.connect();
    try {
      await client.query(
        `create table if not exists ${AUDIT_TABLE} (seq bigint primary key, ts timestamptz not null, entry jsonb not null, prev text not null, hash text not null)`,
      );
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    return client;
  }
}
