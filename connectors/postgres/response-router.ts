// Routes a server connection's byte stream to the client without decoding rows. Only message headers
// are read (code + length, plus the status byte of ReadyForQuery); runs of consecutive forwarded
// messages are written to the client as slices of the chunk they arrived in, so a chunk full of
// DataRows costs one write and no allocation per row. Messages answering requests pgfabric injected
// (re-prepares, parameter replay) are cut out of the stream, and answers pgfabric makes itself
// (a ParseComplete for a statement already prepared on this connection) are spliced in, in order.
import { BackendCode } from '../../protocol/message-codes.js';
import { Expect, Visibility, type ExpectedResponse } from './expected-response.js';
import { ExpectedQueue } from './expected-queue.js';

export interface ResponseSink {
  /** Bytes for the client, in order. */
  write(bytes: Buffer): void;
  /** A ReadyForQuery arrived; status is 'I', 'T' or 'E' as a byte; forwarded: the client sees it (not an injected query's). */
  readyForQuery(status: number, forwarded: boolean): void;
  /** An ErrorResponse for the client, with its SQLSTATE (read when the message is whole in one chunk; '' otherwise). */
  errorSeen(sqlState: string): void;
  /** The server sent something the protocol does not allow here; the connection cannot be trusted. */
  desync(reason: string): void;
  /** The server connection is gone. */
  serverClosed(reason: string): void;
  /** A ParameterStatus reached the client: some session setting changed on the server. */
  parameterReported(): void;
  /** A whole NotificationResponse message (header included), for the session to rename its channel. */
  notification(message: Buffer): void;
}

const Z = BackendCode.ReadyForQuery;
const E = BackendCode.ErrorResponse;

export class ResponseRouter {
  readonly queue = new ExpectedQueue();
  private sink: ResponseSink | null = null;
  // The message being passed through: bytes of its body still to come, and whether they are forwarded.
  private remaining = 0;
  private forwarding = true;
  private endAction: ((code: number) => void) | null = null;
  private currentCode = 0;
  // A header split across chunks.
  private readonly header = Buffer.alloc(6);
  private headerLength = 0;
  // Forwarded bytes of the current chunk not yet written (see endMessage).
  private pendingChunk: Buffer | null = null;
  private pendingStart = 0;
  private pendingEnd = 0;
  // The parts of a NotificationResponse being gathered (notifications are rare; they are decoded).
  private collecting: Buffer[] | null = null;

  attach(sink: ResponseSink | null): void {
    this.sink = sink;
  }

  /** The connection closed: tells the client side holding it, if any. */
  closed(reason: string): void {
    this.sink?.serverClosed(reason);
  }

  /** Queues an expectation for a request about to be written to the server. */
  expect(entry: ExpectedResponse): void {
    this.queue.push(entry);
    if (this.queue.length === 1 && entry.expect === Expect.Synthetic) this.emitSynthetics();
  }

  /** True when every request sent has been answered. */
  get idle(): boolean {
    return this.queue.length === 0 && this.remaining === 0 && this.headerLength === 0;
  }

  push(chunk: Buffer): void {
    const length = chunk.length;
    let pos = 0;
    let runStart = -1;
    while (pos < length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, length - pos);
        if (this.forwarding && runStart < 0) runStart = pos;
        if (this.collecting) this.collecting.push(Buffer.from(chunk.subarray(pos, pos + take)));
        pos += take;
        this.remaining -= take;
        if (this.remaining === 0) runStart = this.endMessage(chunk, runStart, pos);
        continue;
      }
      // A header: 5 bytes, or 6 for ReadyForQuery so that its status byte is known when it ends.
      const code = this.headerLength > 0 ? this.header[0]! : chunk[pos]!;
      const need = code === Z ? 6 : 5;
      if (this.headerLength === 0 && length - pos >= need) {
        const bodyLength = chunk.readInt32BE(pos + 1) - 4;
        if (bodyLength < 0 || (code === Z && bodyLength !== 1)) return this.fail(`bad length for message ${code}`);
        const forward = this.begin(code, code === Z ? chunk[pos + 5]! : 0);
        if (this.collecting) this.collecting.push(Buffer.from(chunk.subarray(pos, pos + need)));
        if (code === E && forward) {
          const whole = pos + 1 + bodyLength + 4 <= length;
          if (whole) downgradeFatal(chunk, pos + 5, pos + 1 + bodyLength + 4);
          this.sink?.errorSeen(whole ? readSqlState(chunk, pos + 5, pos + 1 + bodyLength + 4) : '');
        }
        if (forward && runStart < 0) runStart = pos;
        if (!forward && runStart >= 0) {
          this.sink?.write(chunk.subarray(runStart, pos));
          runStart = -1;
        }
        pos += need;
        this.remaining = bodyLength - (need - 5);
        if (this.remaining === 0) runStart = this.endMessage(chunk, runStart, pos);
        continue;
      }
      // Slow path: gather a header split across chunks.
      if (runStart >= 0 && this.headerLength === 0) {
        this.sink?.write(chunk.subarray(runStart, pos));
        runStart = -1;
      }
      this.header[this.headerLength++] = chunk[pos++]!;
      if (this.headerLength === need) {
        const bodyLength = this.header.readInt32BE(1) - 4;
        if (bodyLength < 0 || (code === Z && bodyLength !== 1)) return this.fail(`bad length for message ${code}`);
        const forward = this.begin(code, code === Z ? this.header[5]! : 0);
        if (forward) this.sink?.write(Buffer.from(this.header.subarray(0, need)));
        if (this.collecting) this.collecting.push(Buffer.from(this.header.subarray(0, need)));
        this.headerLength = 0;
        this.remaining = bodyLength - (need - 5);
        if (this.remaining === 0) runStart = this.endMessage(chunk, forward ? pos : -1, pos);
        else if (forward) runStart = pos;
      }
    }
    if (runStart >= 0 && runStart < length) this.sink?.write(chunk.subarray(runStart, length));
  }

  /** Decides, from the header, whether the message is forwarded and what happens when it ends. */
  private begin(code: number, status: number): boolean {
    this.currentCode = code;
    this.endAction = null;
    const head = this.queue.peek();
    if (code === BackendCode.NotificationResponse) {
      this.collecting = [];
      this.endAction = this.emitNotification;
      return (this.forwarding = false);
    }
    if (head === undefined) return (this.forwarding = true); // unsolicited (a FATAL before close, a notice)
    const visibility = head.visibility;
    if (code === BackendCode.NoticeResponse) return (this.forwarding = visibility !== Visibility.Swallow);
    if (code === BackendCode.ParameterStatus) {
      if (visibility === Visibility.Swallow) return (this.forwarding = false);
      this.sink?.parameterReported();
      return (this.forwarding = true);
    }
    if (code === E) {
      this.endAction = head.expect === Expect.Query ? markQueryFailed : this.failHead;
      return (this.forwarding = visibility !== Visibility.Swallow);
    }
    if (code === Z) {
      this.endAction = (_c) => this.ready(status);
    } else if (completes(head.expect, code)) {
      this.endAction = this.completeHead;
    }
    return (this.forwarding = visibility === Visibility.Forward);
  }

  /**
   * Runs the end-of-message action. The run of forwarded bytes up to here stays pending and is written
   * only if the action emits something that must follow it; returns the run start to continue with.
   */
  private endMessage(chunk: Buffer, runStart: number, pos: number): number {
    const action = this.endAction;
    if (action === null) return runStart;
    this.endAction = null;
    if (runStart >= 0) {
      this.pendingChunk = chunk;
      this.pendingStart = runStart;
      this.pendingEnd = pos;
    }
    action.call(this, this.currentCode);
    if (this.pendingChunk === null) return runStart >= 0 ? -1 : runStart;
    this.pendingChunk = null;
    return runStart;
  }

  /** Writes the pending run of forwarded bytes, so that what follows keeps the stream's order. */
  private flushPending(): void {
    const chunk = this.pendingChunk;
    if (chunk === null) return;
    this.pendingChunk = null;
    this.sink?.write(chunk.subarray(this.pendingStart, this.pendingEnd));
  }

  private readonly emitNotification = (): void => {
    const parts = this.collecting;
    this.collecting = null;
    if (!parts) return;
    this.flushPending();
    this.sink?.notification(Buffer.concat(parts));
  };

  private readonly completeHead = (): void => {
    const entry = this.queue.shift();
    entry?.onSuccess?.();
    this.emitSynthetics();
  };

  private readonly failHead = (): void => {
    // The server skips every extended-protocol message up to the next Sync: those requests fail too,
    // and synthetic answers queued among them must not appear (a real server would not send them).
    this.queue.shift()?.onFailure?.();
    let next = this.queue.peek();
    for (; next !== undefined && next.expect !== Expect.Sync && next.expect !== Expect.Query; next = this.queue.peek()) {
      this.queue.shift();
      next.onFailure?.();
    }
    // The batch's error has been reported: its Sync owes the client only a ReadyForQuery.
    if (next !== undefined) next.failed = true;
  };

  private ready(status: number): void {
    let forwarded = false;
    // Pops up to and including the Sync or Query this ReadyForQuery answers.
    for (let entry = this.queue.shift(); entry !== undefined; entry = this.queue.shift()) {
      if (entry.expect === Expect.Sync || entry.expect === Expect.Query) {
        forwarded = entry.visibility === Visibility.Forward;
        if (entry.failed) entry.onFailure?.();
        else entry.onSuccess?.();
        break;
      }
      entry.onFailure?.();
    }
    this.emitSynthetics();
    // The session may release this connection now: everything before must be out first.
    this.flushPending();
    this.sink?.readyForQuery(status, forwarded);
  }

  private emitSynthetics(): void {
    for (let head = this.queue.peek(); head !== undefined && head.expect === Expect.Synthetic; head = this.queue.peek()) {
      this.queue.shift();
      this.flushPending();
      if (head.synthetic) this.sink?.write(head.synthetic);
      head.onSuccess?.();
    }
  }

  private fail(reason: string): void {
    this.remaining = 0;
    this.headerLength = 0;
    this.sink?.desync(reason);
  }
}

const FATAL = Buffer.from('FATAL');
const ERROR = Buffer.from('ERROR');

/**
 * A backend FATAL ends that server connection, not the client's session: pgfabric gives the client
 * another connection, so the client is told ERROR (same length: patched in place, no allocation).
 */
function downgradeFatal(buf: Buffer, start: number, end: number): void {
  let i = start;
  while (i < end && buf[i] !== 0) {
    const field = buf[i]!;
    const valueEnd = buf.indexOf(0, i + 1);
    if (valueEnd < 0 || valueEnd >= end) return;
    if ((field === 0x53 || field === 0x56) && valueEnd - i - 1 === 5 && buf.compare(FATAL, 0, 5, i + 1, valueEnd) === 0) ERROR.copy(buf, i + 1);
    i = valueEnd + 1;
  }
}

/** The 'C' (SQLSTATE) field of an ErrorResponse body. */
function readSqlState(buf: Buffer, start: number, end: number): string {
  let i = start;
  while (i < end && buf[i] !== 0) {
    const field = buf[i]!;
    const valueEnd = buf.indexOf(0, i + 1);
    if (valueEnd < 0 || valueEnd >= end) return '';
    if (field === 0x43) return buf.toString('latin1', i + 1, valueEnd);
    i = valueEnd + 1;
  }
  return '';
}

function markQueryFailed(this: ResponseRouter): void {
  const head = this.queue.peek();
  if (head) head.failed = true;
}

/** Whether a backend message code is the last answer to a request of the given kind. */
function completes(expect: number, code: number): boolean {
  switch (expect) {
    case Expect.Parse:
      return code === BackendCode.ParseComplete;
    case Expect.Bind:
      return code === BackendCode.BindComplete;
    case Expect.Close:
      return code === BackendCode.CloseComplete;
    case Expect.DescribeStatement:
    case Expect.DescribePortal:
      return code === BackendCode.RowDescription || code === BackendCode.NoData;
    case Expect.Execute:
      return code === BackendCode.CommandComplete || code === BackendCode.EmptyQueryResponse || code === BackendCode.PortalSuspended;
    default:
      return false;
  }
}
