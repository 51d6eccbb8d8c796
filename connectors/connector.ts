// The contract between a client session (src/sessions) and a backend connector. A session hands the
// connector the client's messages in order, already checked by the rewrite layer; the connector answers
// through the ClientChannel. Every connector kind (postgres, sqlite, mssql) implements it.
import type { SessionEffects } from './session-effects.js';

export interface ClientChannel {
  /** Bytes for the client; false when its socket buffer is full (see whenDrained). */
  write(bytes: Buffer): boolean;
  whenDrained(callback: () => void): void;
  pauseInput(): void;
  resumeInput(): void;
  /** Ends the client connection, after sending `fatal` (a FATAL ErrorResponse) when given. */
  terminate(fatal: Buffer | null): void;
  /** A ReadyForQuery reached the client: one request cycle (a transaction when status is 'I') ended. For metrics. */
  requestDone?(status: number): void;
  /** The client waited this long for a server connection (only reported when it had to wait). For metrics. */
  serverWaited?(ms: number): void;
  /** An ErrorResponse reached the client ('' when its SQLSTATE was not read). For metrics. */
  errorSeen?(sqlState: string): void;
  /** Log hook for events the client cannot see (a failed parameter replay, a desynchronised server). */
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

export type ConnectorCapabilities = {
  readonly passthrough: boolean;
  readonly returning: boolean;
  readonly savepoints: boolean;
  readonly cancel: boolean;
  readonly transactionalDdl: boolean;
};

export type StartupIdentity = {
  readonly user: string;
  readonly tenant: string;
  /** Startup-packet parameters other than user/database/options (application_name, client_encoding, …). */
  readonly parameters: Readonly<Record<string, string>>;
  /** LISTEN/NOTIFY channels are namespaced per tenant: this prefix is stripped from notifications. */
  readonly channelPrefix?: string;
  /** The tenant's share of server connections, when its config limits it (shared by all its sessions). */
  readonly quota?: ConnectionQuota;
};

/** A counting semaphore over server connections, FIFO for those who wait. */
export interface ConnectionQuota {
  /** Takes a slot if one is free. */
  tryTake(): boolean;
  /** Calls back, once, when a slot has been taken on the caller's behalf. */
  wait(callback: () => void): void;
  /** Gives a slot back (to the next waiter, if any). */
  give(): void;
}

export interface ConnectorSession {
  query(raw: Buffer, effects: SessionEffects): void;
  parse(name: string, sql: string, paramTypes: readonly number[], raw: Buffer, effects: SessionEffects): void;
  bind(portal: string, statement: string, payload: Buffer, restOffset: number, raw: Buffer): void;
  describe(target: 'S' | 'P', name: string, raw: Buffer): void;
  execute(portal: string, raw: Buffer): void;
  close(target: 'S' | 'P', name: string, raw: Buffer): void;
  sync(raw: Buffer): void;
  flush(raw: Buffer): void;
  /** CopyData, CopyDone, CopyFail: forwarded as they are. */
  copy(raw: Buffer): void;
  functionCall(raw: Buffer): void;
  /** A request refused before reaching the backend: answered in order, with Postgres's error semantics. */
  refuse(errorFrame: Buffer, extended: boolean): void;
  /** Forwards a cancel request to whatever is running for this client. */
  cancel(): void;
  /** The client is gone. */
  end(): void;
  /** True when nothing is in flight and no transaction is open (a drain may close the client now). */
  readonly quiescent: boolean;
  onQuiescent: (() => void) | null;
  /** True while the client's requests wait for a server connection (for the admin console). */
  readonly waitingForServer?: boolean;
}

export interface Connector {
  readonly kind: string;
  readonly name: string;
  readonly capabilities: ConnectorCapabilities;
  /** ParameterStatus values to announce to a client logging in (server_version, encodings, …). */
  serverParameters(): Promise<ReadonlyMap<string, string>>;
  openSession(client: ClientChannel, identity: StartupIdentity): ConnectorSession;
  stats(): Record<string, number>;
  close(): Promise<void>;
}
