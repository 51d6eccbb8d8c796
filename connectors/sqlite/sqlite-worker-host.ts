// Main-thread side of one file's worker thread: numbered requests and their answers, cancel flags in
// shared memory, and a restart when the worker hangs (a statement that ignores its cancel flag for more
// than HANG_GRACE_MS) or dies. A restart loses every connection in the worker: listeners are told so
// the sessions can fail their transactions instead of waiting forever.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PgErrorFields } from './sqlite-errors.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './worker-messages.js';

const SLOTS = 4096;
const HANG_GRACE_MS = 1000;

export type CancelReason = 'user' | 'timeout';

export class WorkerRequestError extends Error {
  constructor(
    readonly fields: PgErrorFields,
    /** For a failed exec: whether the session's connection is still in a transaction (undefined: unknown). */
    readonly inTransaction?: boolean,
  ) {
    super(fields.message);
  }
}

type Pending = { resolve(res: WorkerResponse & { ok: true }): void; reject(err: WorkerRequestError): void; slot: number };
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/**
 * The compiled worker script. From dist/ (npm start) it sits next to this file. Under vitest this file
 * runs as TypeScript, but a worker thread cannot load TypeScript: it runs the copy `tsc -b` compiled to
 * dist/connectors/sqlite/ (npm test builds first; run `npx tsc -b` before a single vitest file).
 */
export function workerScriptPath(): string {
  const here = import.meta.url;
  const url = here.endsWith('.js') ? new URL('./sqlite-worker.js', here) : new URL('../../dist/connectors/sqlite/sqlite-worker.js', here);
  return fileURLToPath(url);
}

export class SqliteWorkerHost {
  private worker: Worker | null = null;
  private readonly cancelBuffer = new SharedArrayBuffer(SLOTS * 4);
  private readonly cancelFlags = new Int32Array(this.cancelBuffer);
  private readonly runningBuffer = new SharedArrayBuffer(4);
  private readonly running = new Int32Array(this.runningBuffer);
  private readonly pending = new Map<number, Pending>();
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  private nextId = 1;
  /** Bumped on every (re)start: connections opened under an older generation are gone. */
  generation = 0;
  private readonly restartListeners = new Set<(generation: number) => void>();

  constructor(private readonly file: string) {}

  onRestart(listener: (generation: number) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  takeSlot(): number {
    const slot = this.freeSlots.pop() ?? this.nextSlot++;
    if (slot >= SLOTS) throw new WorkerRequestError({ code: '53300', message: 'too many sessions on this SQLite file' });
    return slot;
  }

  giveSlot(slot: number): void {
    this.freeSlots.push(slot);
  }

  /** Clears the cancel flag before a new statement of this slot's session. */
  clearCancel(slot: number): void {
    Atomics.store(this.cancelFlags, slot, 0);
  }

  request(body: RequestBody, slot = -1): Promise<WorkerResponse & { ok: true }> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      worker.postMessage({ ...body, id });
    });
  }

  /** Asks the statements of `slot` to stop; restarts the worker if the one running does not within a second (unless `restartIfHung` is false). */
  cancel(slot: number, reason: CancelReason, restartIfHung = true): void {
    Atomics.store(this.cancelFlags, slot, reason === 'timeout' ? 2 : 1);
    Atomics.notify(this.cancelFlags, slot);
    if (!restartIfHung) return;
    const worker = this.worker;
    const runningId = Atomics.load(this.running, 0);
    const pending = this.pending.get(runningId);
    if (!worker || !pending || pending.slot !== slot) return;
    const timer = setTimeout(() => {
      if (this.worker === worker && Atomics.load(this.running, 0) === runningId) {
        this.restart(`a statement did not stop within ${HANG_GRACE_MS} ms of its cancel`, runningId, reason);
      }
    }, HANG_GRACE_MS);
    timer.unref();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll({ code: '57P01', message: 'terminating connection due to administrator command' });
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const script = workerScriptPath();
    if (!existsSync(script)) throw new WorkerRequestError({ code: '58P01', message: `SQLite worker script missing: ${script} (run \`npx tsc -b\`)` });
    const init: WorkerInit = { file: this.file, cancelFlags: this.cancelBuffer, running: this.runningBuffer };
    const worker = new Worker(script, { workerData: init });
    worker.unref();
    this.generation++;
    worker.on('message', (res: WorkerResponse) => this.answer(res));
    worker.on('error', (err) => this.lost(worker, `SQLite worker failed: ${err.message}`));
    worker.on('exit', (code) => this.lost(worker, `SQLite worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private answer(res: WorkerResponse): void {
    const p = this.pending.get(res.id);
    if (!p) return;
    this.pending.delete(res.id);
    // Structured clone hands a transferred Buffer over as a plain Uint8Array: view it as a Buffer again.
    const rows = res.ok ? res.exec?.rows : null;
    if (res.ok && rows && !Buffer.isBuffer(rows)) {
      const u8 = rows as Uint8Array;
      return p.resolve({ ...res, exec: { ...res.exec!, rows: Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength) } });
    }
    if (res.ok) p.resolve(res);
    else p.reject(new WorkerRequestError(res.error, res.inTransaction));
  }

  private lost(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll({ code: '08006', message: reason });
    for (const listener of this.restartListeners) listener(this.generation);
  }

  private restart(reason: string, hungId: number, cancelReason: CancelReason): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const hung = this.pending.get(hungId);
    this.pending.delete(hungId);
    hung?.reject(new WorkerRequestError({ code: '57014', message: cancelReason === 'timeout' ? 'canceling statement due to statement timeout' : 'canceling statement due to user request' }));
    this.failAll({ code: '08006', message: `SQLite worker restarted: ${reason}` });
    Atomics.store(this.running, 0, 0);
    void worker.terminate();
    for (const listener of this.restartListeners) listener(this.generation);
  }

  private failAll(fields: PgErrorFields): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new WorkerRequestError(fields));
  }
}
