// The client's messages as operations answered one at a time, in order: what the sessions that compile
// each statement to a plan (SQLite, SQL Server) share. Each subclass runs the operations (submit), and owns
// its cancel and end; a COPY FROM STDIN in progress takes CopyData/CopyDone/CopyFail directly.
import { PgFailure, failureFrame } from './sqlite/pg-failure.js';
import type { SessionEffects } from './session-effects.js';

export type SessionOp =
  | { k: 'query'; raw: Buffer }
  | { k: 'parse'; name: string; sql: string; types: readonly number[] }
  | { k: 'bind'; portal: string; statement: string; payload: Buffer; restOffset: number }
  | { k: 'describe'; target: 'S' | 'P'; name: string }
  | { k: 'execute'; raw: Buffer }
  | { k: 'close'; target: 'S' | 'P'; name: string }
  | { k: 'sync' }
  | { k: 'copy'; raw: Buffer }
  | { k: 'refuse'; frame: Buffer; extended: boolean }
  | { k: 'flush' };

export abstract class QueuedSession<Sink extends { message(raw: Buffer): void }> {
  /** The COPY FROM STDIN in progress, if any. */
  protected copySink: Sink | null = null;

  protected abstract submit(op: SessionOp): void;

  query(raw: Buffer, _effects: SessionEffects): void {
    this.submit({ k: 'query', raw });
  }
  parse(name: string, sql: string, paramTypes: readonly number[]): void {
    this.submit({ k: 'parse', name, sql, types: paramTypes });
  }
  bind(portal: string, statement: string, payload: Buffer, restOffset: number): void {
    this.submit({ k: 'bind', portal, statement, payload, restOffset });
  }
  describe(target: 'S' | 'P', name: string): void {
    this.submit({ k: 'describe', target, name });
  }
  execute(_portal: string, raw: Buffer): void {
    this.submit({ k: 'execute', raw });
  }
  close(target: 'S' | 'P', name: string): void {
    this.submit({ k: 'close', target, name });
  }
  sync(): void {
    this.submit({ k: 'sync' });
  }
  flush(): void {
    this.submit({ k: 'flush' });
  }
  copy(raw: Buffer): void {
    if (this.copySink) this.copySink.message(raw);
    else this.submit({ k: 'copy', raw });
  }
  functionCall(): void {
    this.submit({ k: 'refuse', frame: failureFrame(new PgFailure('0A000', 'the FunctionCall protocol message is not supported')), extended: false });
  }
  refuse(frame: Buffer, extended: boolean): void {
    this.submit({ k: 'refuse', frame, extended });
  }
}
