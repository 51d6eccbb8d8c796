// Random and mutated frames never crash or wedge the proxy. Raw sockets send (a) random bytes,
// (b) a valid startup then garbage, (c) mutated startup packets, (d) garbage in the middle of the
// SCRAM exchange, (e) malformed typed messages after a real login. Every bad connection must get an
// ErrorResponse and/or be closed by the proxy (a FATAL always followed by a close), with hang
// detectors instead of timing asserts; every byte the proxy sends must decode as a backend message;
// none of it may be an internal error (XX000). Meanwhile a healthy client keeps querying and must
// never fail, and at the end the proxy still accepts a new login and holds no leaked connections.
//
// The cases come from a seeded PRNG: the seed is printed, and PGFABRIC_FUZZ_SEED=<seed> replays a run.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FrameReader,
  FrontendCode,
  ScramClientExchange,
  StartupCode,
  decodeBackend,
  encodeCancelRequest,
  encodeFrontend,
  encodeGSSENCRequest,
  encodeSSLRequest,
  encodeSaslInitialResponse,
  encodeSaslResponse,
  encodeStartupMessage,
  type BackendMessage,
} from '../../protocol/index.js';
import { startProxy, USERS, type RunningProxy } from '../helpers/start-proxy.js';

const SEED = Number(process.env['PGFABRIC_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const MAX_MESSAGE = 65536;
const STARTUP_TIMEOUT_MS = 1500;
/** Hang detector: far above anything the proxy should need (its startup timeout included). */
const HANG_MS = 6000;
/** How long a case whose outcome is open ('any') is watched before we hang up ourselves. */
const SETTLE_MS = 150;
const CONCURRENCY = 12;

// ---- seeded PRNG (mulberry32) ----

class Prng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

// ---- a raw client socket that decodes everything the proxy sends ----

class RawConn {
  readonly messages: BackendMessage[] = [];
  readonly problems: string[] = [];
  closed = false;
  private readonly reader = new FrameReader({ maxMessageSize: 1 << 30 });
  private readonly listeners = new Set<() => void>();
  private skipSslAnswer = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined); // ECONNRESET/EPIPE after the proxy hung up: 'close' follows
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
  }

  static open(host: string, port: number): Promise<RawConn> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new RawConn(socket));
      });
    });
  }

  /** The next byte received is the one-byte answer to an SSLRequest/GSSENCRequest: not a message. */
  expectSslAnswer(): void {
    this.skipSslAnswer = true;
  }

  write(bytes: Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(bytes);
  }

  private onData(chunk: Buffer): void {
    if (this.skipSslAnswer && chunk.length > 0) {
      this.skipSslAnswer = false;
      if (chunk[0] !== 0x4e) this.problems.push(`SSL/GSSENC answer was ${chunk[0]}, expected 'N'`);
      chunk = chunk.subarray(1);
    }
    this.reader.push(chunk);
    for (let frame = this.reader.next(); frame !== null; frame = this.reader.next()) {
      if ('kind' in frame) {
        this.problems.push(`proxy sent unframeable bytes: ${frame.message}`);
        break;
      }
      const msg = decodeBackend(frame);
      if (msg.kind === 'ProtocolError') this.problems.push(`proxy sent an undecodable '${String.fromCharCode(frame.code)}': ${msg.message}`);
      else this.messages.push(msg);
    }
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves once `pred` holds; rejects after `ms` (the hang detector) with `what` and what was received. */
  until(pred: () => boolean, ms: number, what: string): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pred()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no ${what} within ${ms} ms (closed: ${this.closed}; received: ${this.summary()})`));
      }, ms);
      this.listeners.add(check);
    });
  }

  /** Waits for a message of `kind` at or after index `from`; returns it and its index. */
  async expectKind<K extends BackendMessage['kind']>(kind: K, from: number, what: string = kind): Promise<[Extract<BackendMessage, { kind: K }>, number]> {
    let found = -1;
    await this.until(
      () => {
        found = this.messages.findIndex((m, i) => i >= from && m.kind === kind);
        return found >= 0 || this.closed || this.messages.slice(from).some((m) => m.kind === 'ErrorResponse');
      },
      HANG_MS,
      what,
    );
    if (found < 0) throw new Error(`expected ${what}, got: ${this.summary()}`);
    return [this.messages[found] as Extract<BackendMessage, { kind: K }>, found];
  }

  summary(from = 0): string {
    return (
      this.messages
        .slice(from)
        .map((m) => (m.kind === 'ErrorResponse' ? `E(${m.fields.severity} ${m.fields.code} ${m.fields.message})` : m.kind))
        .join(' ') || '(nothing)'
    );
  }
}

// ---- framing helpers for hand-made messages ----

function typed(code: number, payload: Buffer, length = payload.length + 4): Buffer {
  const b = Buffer.alloc(5 + payload.length);
  b[0] = code;
  b.writeInt32BE(length | 0, 1);
  payload.copy(b, 5);
  return b;
}

function untyped(payload: Buffer, length = payload.length + 4): Buffer {
  const b = Buffer.alloc(4 + payload.length);
  b.writeInt32BE(length | 0, 0);
  payload.copy(b, 4);
  return b;
}

function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n, 0);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n | 0, 0);
  return b;
}

const cstr = (s: string): Buffer => Buffer.from(s + '\0');
const cat = (...parts: Buffer[]): Buffer => Buffer.concat(parts);
const copy = (b: Buffer): Buffer => Buffer.from(b);

const startupFor = (user: string, database: string): Buffer => copy(encodeStartupMessage({ user, database, application_name: 'fuzz' }));
const SYNC = copy(encodeFrontend({ kind: 'Sync' }));
const query = (sql: string): Buffer => copy(encodeFrontend({ kind: 'Query', sql }));
const parse = (name: string, sql: string, paramTypes: number[] = []): Buffer => copy(encodeFrontend({ kind: 'Parse', name, sql, paramTypes }));
const bind = (statement: string, params: (Buffer | null)[]): Buffer =>
  copy(encodeFrontend({ kind: 'Bind', portal: '', statement, paramFormats: [], params, resultFormats: [] }));
const execute = (): Buffer => copy(encodeFrontend({ kind: 'Execute', portal: '', maxRows: 0 }));
const describePortal = (): Buffer => copy(encodeFrontend({ kind: 'Describe', target: 'P', name: '' }));

// ---- cases ----

type Expectation =
  /** An ErrorResponse must arrive. */
  | 'error'
  /** An ErrorResponse or the proxy closing the connection (a truncated startup ends at the startup timeout). */
  | 'errorOrClose'
  /** Anything goes: watched briefly, then we hang up; the proxy must then close too. */
  | 'any';

type SaslContext = { exchange: ScramClientExchange; serverFirst: string; clientFinal: string };

type Case = {
  name: string;
  /** How far the connection gets before the payload: nothing, after SSLRequest refusal, at SASLInitial, at SASLResponse, logged in. */
  stage: 'raw' | 'sasl' | 'saslFinal' | 'query';
  payload: (ctx: SaslContext | null) => Buffer;
  expect: Expectation;
  /** SQLSTATEs one of which the first ErrorResponse must carry. */
  codes?: string[];
  /** After its (non-FATAL) error, the session still answers a query correctly. */
  thenWorks?: boolean;
};

function buildCases(rng: Prng): Case[] {
  const cases: Case[] = [];
  const add = (c: Case): void => void cases.push(c);

  // (a) random bytes
  for (let i = 0; i < 40; i++) {
    const bytes = rng.bytes(rng.range(1, 300));
    add({ name: `random bytes #${i} (${bytes.length} B)`, stage: 'raw', payload: () => bytes, expect: 'errorOrClose' });
  }
  // random bytes behind a plausible startup length: a random protocol code and body
  for (let i = 0; i < 25; i++) {
    const body = rng.bytes(rng.range(4, 200));
    add({ name: `random startup body #${i} (${body.length} B)`, stage: 'raw', payload: () => untyped(body), expect: 'errorOrClose' });
  }

  // (b) a valid startup then garbage in the same write
  for (let i = 0; i < 25; i++) {
    const garbage = rng.bytes(rng.range(1, 200));
    add({ name: `startup then garbage #${i}`, stage: 'raw', payload: () => cat(startupFor('alice', 'acme'), garbage), expect: 'errorOrClose' });
  }
  add({ name: 'SSLRequest then garbage', stage: 'raw', payload: () => cat(copy(encodeSSLRequest()), rng.bytes(40)), expect: 'errorOrClose' });
  add({ name: 'GSSENCRequest then garbage', stage: 'raw', payload: () => cat(copy(encodeGSSENCRequest()), rng.bytes(40)), expect: 'errorOrClose' });

  // (c) mutated startup packets
  const v3 = int32(StartupCode.ProtocolVersion3);
  const params = cat(cstr('user'), cstr('alice'), cstr('database'), cstr('acme'), Buffer.from([0]));
  for (const length of [0, 3, 4, 7, 10001, 2 ** 31 - 1, -1, -8, -(2 ** 31)]) {
    add({ name: `startup length ${length}`, stage: 'raw', payload: () => untyped(cat(v3, params), length), expect: 'error', codes: ['08P01'] });
  }
  for (const [major, minor] of [[2, 0], [4, 0], [0, 0], [65535, 65535], [1234, 1], [1234, 5677]] as const) {
    const version = int32(((major << 16) | minor) >>> 0);
    add({ name: `protocol version ${major}.${minor}`, stage: 'raw', payload: () => untyped(cat(version, params)), expect: 'error', codes: ['0A000', '08P01'] });
  }
  add({ name: 'SSLRequest with a body', stage: 'raw', payload: () => untyped(cat(int32(StartupCode.SSLRequest), int32(0))), expect: 'error', codes: ['08P01'] });
  add({ name: 'CancelRequest too short', stage: 'raw', payload: () => untyped(cat(int32(StartupCode.CancelRequest), int32(1))), expect: 'error', codes: ['08P01'] });
  add({ name: 'CancelRequest for nobody', stage: 'raw', payload: () => copy(encodeCancelRequest(rng.int(2 ** 31), rng.int(2 ** 31))), expect: 'errorOrClose' });
  add({ name: 'startup without parameters or terminator', stage: 'raw', payload: () => untyped(v3), expect: 'error', codes: ['08P01'] });
  add({ name: 'startup missing the final NUL', stage: 'raw', payload: () => untyped(cat(v3, cstr('user'), cstr('alice'))), expect: 'error', codes: ['08P01'] });
  add({ name: 'startup value without NUL', stage: 'raw', payload: () => untyped(cat(v3, cstr('user'), Buffer.from('alice'))), expect: 'error', codes: ['08P01'] });
  add({ name: 'startup name without value', stage: 'raw', payload: () => untyped(cat(v3, Buffer.from('user'))), expect: 'error', codes: ['08P01'] });
  add({ name: 'startup with bytes after the terminator', stage: 'raw', payload: () => untyped(cat(v3, params, Buffer.from('xyz\0'))), expect: 'error', codes: ['08P01'] });
  add({ name: 'startup without user', stage: 'raw', payload: () => untyped(cat(v3, cstr('database'), cstr('acme'), Buffer.from([0]))), expect: 'error', codes: ['28000'] });
  add({ name: 'startup longer than sent (truncated)', stage: 'raw', payload: () => untyped(cat(v3, params), 500), expect: 'errorOrClose' });
  add({ name: 'startup header only', stage: 'raw', payload: () => int32(100), expect: 'errorOrClose' });
  add({ name: 'a typed message instead of a startup', stage: 'raw', payload: () => query('select 1'), expect: 'error', codes: ['08P01'] });
  add({ name: 'huge startup parameter', stage: 'raw', payload: () => untyped(cat(v3, cstr('user'), cstr('a'.repeat(9000)), Buffer.from([0]))), expect: 'errorOrClose' });
  for (let i = 0; i < 30; i++) {
    const packet = startupFor('alice', 'acme');
    for (let k = rng.range(1, 3); k > 0; k--) packet[rng.int(packet.length)] = rng.int(256);
    add({ name: `startup with flipped bytes #${i}`, stage: 'raw', payload: () => packet, expect: 'errorOrClose' });
  }

  // (d) garbage in the middle of SCRAM: after AuthenticationSASL ...
  const P = FrontendCode.Password;
  for (const mech of ['SCRAM-SHA-1', 'PLAIN', '', 'SCRAM-SHA-256-PLUS', 'scram-sha-256']) {
    add({ name: `SASL mechanism "${mech}"`, stage: 'sasl', payload: () => copy(encodeSaslInitialResponse(mech, Buffer.from('n,,n=,r=abcdef'))), expect: 'error', codes: ['28000'] });
  }
  add({ name: 'SASLInitialResponse without NUL after mechanism', stage: 'sasl', payload: () => typed(P, Buffer.from('SCRAM-SHA-256')), expect: 'error', codes: ['08P01'] });
  add({ name: 'SASLInitialResponse without length', stage: 'sasl', payload: () => typed(P, cstr('SCRAM-SHA-256')), expect: 'error', codes: ['08P01'] });
  for (const len of [-2, -(2 ** 31), 1000, 2 ** 31 - 1]) {
    add({ name: `SASLInitialResponse response length ${len}`, stage: 'sasl', payload: () => typed(P, cat(cstr('SCRAM-SHA-256'), int32(len), Buffer.from('n,,n=,r=abc'))), expect: 'error', codes: ['08P01'] });
  }
  add({ name: 'SASLInitialResponse with bytes after the response', stage: 'sasl', payload: () => typed(P, cat(cstr('SCRAM-SHA-256'), int32(3), Buffer.from('n,,n=,r=abc'))), expect: 'error', codes: ['08P01'] });
  add({ name: 'SASLInitialResponse with no response (-1)', stage: 'sasl', payload: () => typed(P, cat(cstr('SCRAM-SHA-256'), int32(-1))), expect: 'error', codes: ['08P01'] });
  for (const first of ['', 'garbage', 'n,,', 'n,,n=alice', 'x,,n=,r=abc', 'n,a=admin,n=,r=abc', 'p=tls-server-end-point,,n=,r=abc', 'n,,m=ext,n=,r=abc', 'n,,n=,r=', 'n,,r=abc,n=', 'n,,n=,r=ab\u0001c']) {
    add({ name: `client-first ${JSON.stringify(first)}`, stage: 'sasl', payload: () => copy(encodeSaslInitialResponse('SCRAM-SHA-256', Buffer.from(first))), expect: 'error', codes: ['08P01', '28000'] });
  }
  add({ name: 'client-first of invalid UTF-8', stage: 'sasl', payload: () => copy(encodeSaslInitialResponse('SCRAM-SHA-256', Buffer.from([0x6e, 0x2c, 0x2c, 0xff, 0xfe, 0x00, 0xc3]))), expect: 'error' });
  add({ name: 'a Query instead of SASLInitialResponse', stage: 'sasl', payload: () => query('select 1'), expect: 'error', codes: ['08P01'] });
  add({ name: 'a second startup packet during SASL', stage: 'sasl', payload: () => startupFor('alice', 'acme'), expect: 'error', codes: ['08P01'] });
  add({ name: 'truncated SASLInitialResponse', stage: 'sasl', payload: () => copy(encodeSaslInitialResponse('SCRAM-SHA-256', Buffer.from('n,,n=,r=abcdef'))).subarray(0, 12), expect: 'errorOrClose' });
  add({ name: "'p' over the max message size during SASL", stage: 'sasl', payload: () => typed(P, Buffer.alloc(8), MAX_MESSAGE + 100), expect: 'error', codes: ['54000'] });
  add({ name: "'p' with length 2 during SASL", stage: 'sasl', payload: () => typed(P, Buffer.alloc(0), 2), expect: 'error', codes: ['08P01'] });
  for (let i = 0; i < 15; i++) {
    const bytes = rng.bytes(rng.range(0, 120));
    add({ name: `random SASLInitialResponse body #${i}`, stage: 'sasl', payload: () => typed(P, bytes), expect: 'error' });
  }

  // ... and after AuthenticationSASLContinue
  const swap = (s: string, re: RegExp, by: string): string => s.replace(re, by);
  const finals: [string, (c: SaslContext) => string, string[]][] = [
    ['empty client-final', () => '', ['08P01']],
    ['garbage client-final', () => 'garbage', ['08P01']],
    ['client-final without proof', (c) => c.clientFinal.replace(/,p=.*$/, ''), ['08P01']],
    ['client-final with a wrong proof', (c) => swap(c.clientFinal, /p=.*$/, `p=${Buffer.alloc(32, 7).toString('base64')}`), ['28P01']],
    ['client-final with a short proof', (c) => swap(c.clientFinal, /p=.*$/, 'p=AAAA'), ['28P01', '08P01']],
    ['client-final with a non-base64 proof', (c) => swap(c.clientFinal, /p=.*$/, 'p=!!!'), ['08P01']],
    ['client-final with a wrong nonce', (c) => swap(c.clientFinal, /r=[^,]*/, 'r=wrongnonce'), ['08P01']],
    ['client-final with a wrong channel binding', (c) => swap(c.clientFinal, /c=[^,]*/, 'c=eSws'), ['08P01']],
    ['client-final missing channel binding', (c) => c.clientFinal.replace(/^c=[^,]*,/, ''), ['08P01']],
  ];
  for (const [name, make, codes] of finals) {
    add({ name, stage: 'saslFinal', payload: (c) => copy(encodeSaslResponse(Buffer.from(make(c!)))), expect: 'error', codes });
  }
  add({ name: 'SASLInitialResponse again instead of client-final', stage: 'saslFinal', payload: (c) => copy(encodeSaslInitialResponse('SCRAM-SHA-256', Buffer.from(c!.exchange.clientFirst()))), expect: 'error', codes: ['08P01', '28P01'] });
  add({ name: 'truncated client-final', stage: 'saslFinal', payload: (c) => copy(encodeSaslResponse(Buffer.from(c!.clientFinal))).subarray(0, 20), expect: 'errorOrClose' });
  add({ name: 'a Sync instead of client-final', stage: 'saslFinal', payload: () => SYNC, expect: 'error', codes: ['08P01'] });
  for (let i = 0; i < 15; i++) {
    const at = rng.next();
    const by = rng.int(256);
    add({
      name: `client-final with a flipped byte #${i}`,
      stage: 'saslFinal',
      payload: (c) => {
        const msg = copy(encodeSaslResponse(Buffer.from(c!.clientFinal)));
        const i5 = 5 + Math.floor(at * (msg.length - 5));
        msg[i5] = msg[i5] === by ? by ^ 1 : by;
        return msg;
      },
      expect: 'error',
      codes: ['08P01', '28P01'],
    });
  }

  // (e) after a real login: malformed typed messages
  const Q = FrontendCode.Query;
  for (const length of [0, 3, -1, -(2 ** 31), MAX_MESSAGE + 1, 2 ** 31 - 1]) {
    add({ name: `Query length ${length}`, stage: 'query', payload: () => typed(Q, Buffer.from('select 1\0'), length), expect: 'error', codes: ['08P01', '54000'] });
  }
  add({ name: 'Bind over the max message size (body sent)', stage: 'query', payload: () => typed(FrontendCode.Bind, Buffer.alloc(MAX_MESSAGE + 10)), expect: 'error', codes: ['54000'] });
  add({ name: 'message type 0', stage: 'query', payload: () => typed(0, Buffer.alloc(0)), expect: 'error', codes: ['08P01'] });
  const known = new Set<number>(Object.values(FrontendCode));
  const unknownTypes = Array.from({ length: 256 }, (_, i) => i).filter((c) => c !== 0 && !known.has(c));
  for (let i = 0; i < 20; i++) {
    const code = rng.pick(unknownTypes);
    const body = rng.bytes(rng.range(0, 40));
    add({ name: `unknown message type ${code} #${i}`, stage: 'query', payload: () => typed(code, body), expect: 'error', codes: ['08P01'] });
  }
  add({ name: "a PasswordMessage ('p') after login", stage: 'query', payload: () => typed(P, cstr('secret')), expect: 'error', codes: ['08P01'] });
  add({ name: 'Query without NUL', stage: 'query', payload: () => typed(Q, Buffer.from('select 1')), expect: 'error', codes: ['08P01'] });
  add({ name: 'Parse with a negative parameter type count', stage: 'query', payload: () => cat(typed(FrontendCode.Parse, cat(cstr(''), cstr('select 1'), int16(-1))), SYNC), expect: 'error', codes: ['08P01'] });
  add({ name: 'Parse truncated before the count', stage: 'query', payload: () => cat(typed(FrontendCode.Parse, cat(cstr(''), cstr('select 1'))), SYNC), expect: 'error', codes: ['08P01'] });
  add({ name: 'Describe with target X', stage: 'query', payload: () => cat(typed(FrontendCode.Describe, cat(Buffer.from('X'), cstr(''))), SYNC), expect: 'error', codes: ['08P01'] });
  add({ name: 'Flush with a body', stage: 'query', payload: () => typed(FrontendCode.Flush, Buffer.from('x')), expect: 'error', codes: ['08P01'] });
  add({ name: 'Terminate with a body', stage: 'query', payload: () => typed(FrontendCode.Terminate, Buffer.from('x')), expect: 'errorOrClose' });
  add({ name: 'Bind without NULs', stage: 'query', payload: () => cat(typed(FrontendCode.Bind, Buffer.from('portal')), SYNC), expect: 'error', codes: ['08P01'] });
  add({ name: 'Bind with the portal name only', stage: 'query', payload: () => cat(typed(FrontendCode.Bind, cstr('')), SYNC), expect: 'error', codes: ['08P01'] });
  add({ name: 'Bind with an empty body', stage: 'query', payload: () => cat(typed(FrontendCode.Bind, Buffer.alloc(0)), SYNC), expect: 'error', codes: ['08P01'] });

  // Binds that get past the proxy's name check: the backend must refuse them, and the session lives on.
  const prepared = (name: string): Buffer => parse(name, 'select $1::int + 1 as n', [23]);
  const badBinds: [string, Buffer][] = [
    ['truncated after the names', cat(cstr(''), cstr('S'))],
    ['negative format count', cat(cstr(''), cstr('S'), int16(-1), int16(0))],
    ['negative parameter count', cat(cstr(''), cstr('S'), int16(0), int16(-1), int32(1), Buffer.from('1'), int16(0))],
    ['parameter count -32768', cat(cstr(''), cstr('S'), int16(0), int16(-32768), int16(0))],
    ['negative parameter length', cat(cstr(''), cstr('S'), int16(0), int16(1), int32(-5), int16(0))],
    ['parameter longer than the message', cat(cstr(''), cstr('S'), int16(0), int16(1), int32(1000), Buffer.from('12'), int16(0))],
    ['negative result format count', cat(cstr(''), cstr('S'), int16(0), int16(1), int32(1), Buffer.from('1'), int16(-3))],
    ['bytes after the result formats', cat(cstr(''), cstr('S'), int16(0), int16(1), int32(1), Buffer.from('1'), int16(0), Buffer.from('junk'))],
    ['format code 7', cat(cstr(''), cstr('S'), int16(1), int16(7), int16(1), int32(1), Buffer.from('1'), int16(0))],
  ];
  for (const [what, body] of badBinds) {
    for (const statement of ['', 'fz_stmt']) {
      const b = Buffer.from(body);
      // Put the statement name in place of the 'S' placeholder.
      const withName = cat(b.subarray(0, 1), cstr(statement), b.subarray(3));
      add({
        name: `Bind (${statement ? 'named' : 'unnamed'} statement): ${what}`,
        stage: 'query',
        payload: () => cat(prepared(statement), typed(FrontendCode.Bind, withName), execute(), SYNC),
        expect: 'error',
        codes: ['08P01', '22P02', '22023', '0A000'],
        thenWorks: true,
      });
    }
  }
  add({ name: 'Bind to an unknown named statement', stage: 'query', payload: () => cat(bind('nope', [Buffer.from('1')]), execute(), SYNC), expect: 'error', codes: ['26000'], thenWorks: true });
  add({ name: 'Execute without NUL', stage: 'query', payload: () => cat(parse('', 'select 1'), bind('', []), typed(FrontendCode.Execute, Buffer.from('portal')), SYNC), expect: 'error', codes: ['08P01', '34000'], thenWorks: true });
  add({ name: 'Execute truncated before maxRows', stage: 'query', payload: () => cat(parse('', 'select 1'), bind('', []), typed(FrontendCode.Execute, cstr('')), SYNC), expect: 'error', codes: ['08P01'], thenWorks: true });
  add({ name: 'FunctionCall of garbage', stage: 'query', payload: () => typed(FrontendCode.FunctionCall, rng.bytes(13)), expect: 'error', thenWorks: false });
  add({ name: 'CopyData outside COPY', stage: 'query', payload: () => cat(typed(FrontendCode.CopyData, Buffer.from('1,2\n')), query('select 1')), expect: 'any' });
  add({ name: 'CopyDone and CopyFail outside COPY', stage: 'query', payload: () => cat(typed(FrontendCode.CopyDone, Buffer.alloc(0)), typed(FrontendCode.CopyFail, cstr('x')), query('select 1')), expect: 'any' });
  add({ name: 'truncated Query, then we hang up', stage: 'query', payload: () => typed(Q, Buffer.from('select 1\0'), 100), expect: 'any' });
  add({ name: 'header only, then we hang up', stage: 'query', payload: () => Buffer.from([Q, 0, 0]), expect: 'any' });

  // Random mutations of valid traffic: anything goes, but no crash, no hang, well-formed answers only.
  const pipelines: (() => Buffer)[] = [
    () => query('select 1 as a, $$x$$ as b'),
    () => cat(parse('', 'select $1::int + 1 as n', [23]), bind('', [Buffer.from('41')]), describePortal(), execute(), SYNC),
    () => cat(parse('fz_named', 'select $1::text as t', [25]), bind('fz_named', [Buffer.from('hi')]), execute(), SYNC),
    () => cat(query('begin'), query('select 2'), query('commit')),
  ];
  for (let i = 0; i < 60; i++) {
    const bytes = copy(rng.pick(pipelines)());
    let mutated: Buffer = bytes;
    const op = rng.int(5);
    if (op === 0) for (let k = rng.range(1, 4); k > 0; k--) mutated[rng.int(mutated.length)] = rng.int(256);
    else if (op === 1) mutated = mutated.subarray(0, rng.int(mutated.length));
    else if (op === 2) {
      const at = rng.int(mutated.length);
      mutated = cat(mutated.subarray(0, at), rng.bytes(rng.range(1, 30)), mutated.subarray(at));
    } else if (op === 3) {
      // a length field rewritten: find a message start by walking the frames
      const starts: number[] = [];
      for (let o = 0; o + 5 <= mutated.length; o += 1 + mutated.readInt32BE(o + 1)) starts.push(o);
      const at = rng.pick(starts);
      mutated.writeInt32BE(rng.pick([0, 3, 4, 5, 1000, -1, MAX_MESSAGE + 1, rng.int(2 ** 31)]) | 0, at + 1);
    } else mutated = cat(mutated, rng.bytes(rng.range(1, 20)));
    const sent = cat(mutated, SYNC);
    add({ name: `mutated traffic #${i} (op ${op})`, stage: 'query', payload: () => sent, expect: 'any' });
  }
  return cases;
}

// ---- running a case ----

async function openAt(proxy: RunningProxy, c: Case): Promise<{ conn: RawConn; ctx: SaslContext | null }> {
  const conn = await RawConn.open(proxy.host, proxy.port);
  if (c.stage === 'raw') {
    if (c.name.startsWith('SSLRequest then') || c.name.startsWith('GSSENCRequest then')) conn.expectSslAnswer();
    return { conn, ctx: null };
  }
  const user = 'alice';
  const password = USERS.alice.password;
  conn.write(startupFor(user, USERS.alice.tenant));
  const [sasl, at] = await conn.expectKind('AuthenticationSASL', 0);
  if (!sasl.mechanisms.includes('SCRAM-SHA-256')) throw new Error(`mechanisms offered: ${sasl.mechanisms.join(',')}`);
  if (c.stage === 'sasl') return { conn, ctx: null };
  const exchange = new ScramClientExchange(user, password);
  conn.write(copy(encodeSaslInitialResponse('SCRAM-SHA-256', Buffer.from(exchange.clientFirst()))));
  const [cont, at2] = await conn.expectKind('AuthenticationSASLContinue', at + 1);
  const serverFirst = cont.data.toString('utf8');
  const clientFinal = exchange.serverFirst(serverFirst);
  const ctx = { exchange, serverFirst, clientFinal };
  if (c.stage === 'saslFinal') return { conn, ctx };
  conn.write(copy(encodeSaslResponse(Buffer.from(clientFinal))));
  const [fin, at3] = await conn.expectKind('AuthenticationSASLFinal', at2 + 1);
  if (!exchange.verifyServerFinal(fin.data.toString('utf8'))) throw new Error('the proxy failed to prove it knows the password');
  await conn.expectKind('ReadyForQuery', at3 + 1, 'ReadyForQuery after login');
  return { conn, ctx };
}

async function runCase(proxy: RunningProxy, c: Case): Promise<void> {
  const { conn, ctx } = await openAt(proxy, c);
  try {
    const from = conn.messages.length;
    const fresh = (): BackendMessage[] => conn.messages.slice(from);
    const errors = (): Extract<BackendMessage, { kind: 'ErrorResponse' }>[] =>
      fresh().filter((m): m is Extract<BackendMessage, { kind: 'ErrorResponse' }> => m.kind === 'ErrorResponse');
    conn.write(c.payload(ctx));
    if (c.expect === 'error') await conn.until(() => errors().length > 0, HANG_MS, 'ErrorResponse');
    else if (c.expect === 'errorOrClose') await conn.until(() => errors().length > 0 || conn.closed, HANG_MS, 'ErrorResponse or close');
    else await conn.until(() => conn.closed, SETTLE_MS, 'close').catch(() => undefined);

    const first = errors()[0];
    if (c.codes && first && !c.codes.includes(first.fields.code)) {
      throw new Error(`SQLSTATE ${first.fields.code} (${first.fields.message}), expected one of ${c.codes.join(', ')}`);
    }
    // The proxy's own catch-all (an exception inside the session); the backend's XX000 errors are fine.
    const internal = errors().find((e) => e.fields.code === 'XX000' && /^internal error \(id /.test(e.fields.message));
    if (internal) throw new Error(`an exception in the proxy reached the client: ${internal.fields.message}`);
    if (errors().some((e) => e.fields.severity === 'FATAL')) {
      await conn.until(() => conn.closed, HANG_MS, 'close after a FATAL error');
    }
    if (c.thenWorks && !conn.closed) {
      // The batch's error was answered with ReadyForQuery, and the session still serves queries.
      await conn.until(() => fresh().some((m) => m.kind === 'ReadyForQuery'), HANG_MS, 'ReadyForQuery after the error');
      const mark = conn.messages.length;
      conn.write(query('select 40 + 2 as n'));
      await conn.until(() => conn.messages.slice(mark).some((m) => m.kind === 'ReadyForQuery') || conn.closed, HANG_MS, 'an answer to select 42');
      const row = conn.messages.slice(mark).find((m) => m.kind === 'DataRow');
      if (row?.kind !== 'DataRow' || row.values[0]?.toString() !== '42') {
        throw new Error(`the session did not answer select 42 after the error: ${conn.summary(mark)}`);
      }
    }
    if (!conn.closed) {
      conn.socket.end();
      await conn.until(() => conn.closed, HANG_MS, 'close after our FIN');
    }
    if (conn.problems.length > 0) throw new Error(conn.problems.join('; '));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n    received: ${conn.summary()}`, { cause: err });
  } finally {
    conn.socket.destroy();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

describe('protocol fuzz: bad frames never crash or wedge the proxy', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    console.log(`protocol-fuzz seed: ${SEED} (replay with PGFABRIC_FUZZ_SEED=${SEED})`);
    proxy = await startProxy({
      database: 'protocol_fuzz',
      poolMax: 8,
      extra: { limits: { maxMessageSize: MAX_MESSAGE, startupTimeoutMs: STARTUP_TIMEOUT_MS } },
    });
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  it(`survives a few hundred bad connections (seed ${SEED})`, async () => {
    const cases = buildCases(new Prng(SEED));
    expect(cases.length).toBeGreaterThan(250);

    const inFlight = new Set<string>(); // names of the cases running, for the healthy client's failure report
    // A healthy client querying all along: it must never fail nor get a wrong answer.
    const healthy = new pg.Client({ connectionString: proxy.url() });
    await healthy.connect();
    const healthyErrors: string[] = [];
    let healthyQueries = 0;
    let stop = false;
    const loop = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          if (i % 2 === 0) {
            const r = await withTimeout(healthy.query('select 1 as one'), 5000, 'healthy select 1');
            if (r.rows[0]?.one !== 1) healthyErrors.push(`select 1 gave ${JSON.stringify(r.rows)}`);
          } else {
            const r = await withTimeout(healthy.query('select $1::int + 1 as n', [i]), 5000, 'healthy select $1 + 1');
            if (r.rows[0]?.n !== i + 1) healthyErrors.push(`select ${i} + 1 gave ${JSON.stringify(r.rows)}`);
          }
          healthyQueries++;
        } catch (err) {
          healthyErrors.push(`${(err as Error).message} (pool: ${JSON.stringify(proxy.server.connectorStats()['main'])}; cases in flight: ${[...inFlight].join(' | ')})`);
          if (healthyErrors.length > 5) return;
        }
      }
    })();

    const failures: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i]!;
        inFlight.add(c.name);
        try {
          await withTimeout(runCase(proxy, c), 3 * HANG_MS, `case "${c.name}"`);
        } catch (err) {
          failures.push(`[${c.stage}] ${c.name}: ${(err as Error).message}`);
        } finally {
          inFlight.delete(c.name);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    stop = true;
    await loop;
    await healthy.end();

    expect(failures, `seed ${SEED}: ${failures.length} of ${cases.length} cases failed`).toEqual([]);
    expect(healthyErrors, 'the healthy client failed').toEqual([]);
    expect(healthyQueries).toBeGreaterThan(10);

    // Still accepting logins, and every bad connection is gone from the proxy.
    const fresh = new pg.Client({ connectionString: proxy.url('bob') });
    await fresh.connect();
    const r = await fresh.query('select current_user is not null as ok, $1::text as echo', ['after the storm']);
    expect(r.rows).toEqual([{ ok: true, echo: 'after the storm' }]);
    await fresh.end();
    for (let i = 0; i < 100 && proxy.server.clientCount > 0; i++) await new Promise((res) => setTimeout(res, 20));
    expect(proxy.server.clientCount, 'client connections left open in the proxy').toBe(0);
    const stats = proxy.server.connectorStats()['main'];
    expect(stats?.['busy'], `server connections still lent out: ${JSON.stringify(stats)}`).toBe(0);
    expect(stats?.['waiting']).toBe(0);
  });

  // Kept apart from the random run so that it keeps its own signal. Postgres checks that a Sync has no
  // body (pq_getmsgend: ERROR 08P01 "invalid message format", then ReadyForQuery).
  it('a Sync with a body is refused with 08P01, as Postgres does', async () => {
    await runCase(proxy, {
      name: 'Sync with a body',
      stage: 'query',
      payload: () => typed(FrontendCode.Sync, Buffer.from('x')),
      expect: 'error',
      codes: ['08P01'],
    });
  });
});

// Found by the fuzz run (a mutated batch whose Sync never arrived, then the client hung up): the server
// connection went back to the pool mid-batch. A pool of one makes the next client get that connection.
describe('a client that hangs up in the middle of an extended-protocol batch', () => {
  let proxy: RunningProxy;
  let admin: pg.Client;
  beforeAll(async () => {
    proxy = await startProxy({ database: 'protocol_fuzz_pool1', poolMax: 1 });
    admin = new pg.Client({ connectionString: proxy.backendUrl });
    await admin.connect();
    await admin.query('create table abandoned (x int)');
  });
  afterAll(async () => {
    await admin?.end();
    await proxy?.stop();
  });

  async function abandon(batch: Buffer, answered: (m: BackendMessage) => boolean): Promise<void> {
    const { conn } = await openAt(proxy, { name: 'abandon', stage: 'query', payload: () => batch, expect: 'any' });
    const from = conn.messages.length;
    conn.write(batch);
    await conn.until(() => conn.messages.slice(from).some(answered), HANG_MS, 'the answer to the batch');
    conn.socket.destroy();
    await conn.until(() => conn.closed, HANG_MS, 'close');
    // The proxy has seen the hang-up once it no longer counts the client.
    for (let i = 0; i < 100 && proxy.server.clientCount > 0; i++) await new Promise((res) => setTimeout(res, 10));
  }

  it('after an error with no Sync yet, the next client of that server connection gets answers', async () => {
    // The server now skips everything up to a Sync that will never come.
    await abandon(cat(parse('', 'selec 1'), bind('', [])), (m) => m.kind === 'ErrorResponse');
    const next = new pg.Client({ connectionString: proxy.url('bob'), query_timeout: 5000 });
    await next.connect();
    try {
      const r = await next.query('select 1 as one').then(
        (res) => res.rows,
        (err: Error) => err.message,
      );
      expect(r, 'the next client inherited a server connection waiting for the previous client\'s Sync').toEqual([{ one: 1 }]);
    } finally {
      await next.end().catch(() => undefined);
    }
  });

  it("after an Execute with no Sync yet, its implicit transaction is rolled back, not committed by the next client", async () => {
    await admin.query('truncate abandoned');
    const batch = cat(parse('', 'insert into abandoned values (1)'), bind('', []), execute(), copy(encodeFrontend({ kind: 'Flush' })));
    await abandon(batch, (m) => m.kind === 'CommandComplete');
    const next = new pg.Client({ connectionString: proxy.url('bob'), query_timeout: 5000 });
    await next.connect();
    try {
      await next.query('select 1');
    } finally {
      await next.end().catch(() => undefined);
    }
    // Postgres rolls back the open implicit transaction of a client that disconnects.
    const { rows } = await admin.query('select count(*)::int as n from abandoned');
    expect(rows, "the abandoned client's insert was committed by another client's statement").toEqual([{ n: 0 }]);
  });
});
