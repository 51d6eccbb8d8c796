// The worker thread of one SQLite file: a better-sqlite3 connection per client session (opened on its
// first request), one more for schema reads, requests answered in arrival order. Everything here is
// synchronous; the main thread does the queueing (write lock, timeouts) and restarts a hung worker.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { pgErrorOf } from './sqlite-errors.js';
import { checkTableOf, METADATA_DDL, readSchema, uniqueIndexName } from './sqlite-schema-reader.js';
import { WorkerConnection, type ConnectionSession } from './worker-connection.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './worker-messages.js';
import { workerFunctions } from './function-registrar.js';
import { attachCatalog, refreshCatalog } from './catalog/catalog-attach.js';

const init = workerData as WorkerInit;
const cancelFlags = new Int32Array(init.cancelFlags);
const running = new Int32Array(init.running);
const connections = new Map<number, WorkerConnection>();
let admin: Database.Database | null = null;

function adminDb(): Database.Database {
  if (admin) return admin;
  const db = new Database(init.file, { timeout: 0 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(METADATA_DDL);
  } catch (err) {
    db.close();
    throw err;
  }
  admin = db;
  return db;
}

function connection(session: number, slot: number): WorkerConnection {
  let c = connections.get(session);
  if (!c) {
    adminDb();
    c = new WorkerConnection(init.file, new Int32Array(init.cancelFlags, slot * 4, 1), setupConnection);
    connections.set(session, c);
  }
  return c;
}

function setupConnection(db: Database.Database, session: ConnectionSession): void {
  db.pragma('foreign_keys = ON');
  workerFunctions(db, session);
  attachCatalog(db);
}

function handle(req: WorkerRequest): WorkerResponse {
  switch (req.op) {
    case 'init':
      adminDb();
      return { id: req.id, ok: true };
    case 'schema':
      return { id: req.id, ok: true, schema: readSchema(adminDb()) };
    case 'close': {
      const c = connections.get(req.session);
      connections.delete(req.session);
      c?.close();
      return { id: req.id, ok: true };
    }
    case 'control':
      connection(req.session, req.slot).control(req.sql);
      return { id: req.id, ok: true };
    case 'batch':
      return { id: req.id, ok: true, exec: connection(req.session, req.slot).batch(req.sql, req.rows) };
    case 'exec': {
      const c = connection(req.session, req.slot);
      if (req.settings) c.applySettings(req.settings);
      // A cancel that arrived while the request waited in the queue wins before anything runs.
      const flag = Atomics.load(cancelFlags, req.slot);
      if (flag !== 0) throw Object.assign(new Error(cancelMessage(flag)), { code: '57014' });
      if (req.begin) c.control(req.begin);
      refreshCatalog(c.db, req.sql);
      return { id: req.id, ok: true, exec: c.exec(req.sql, req.params, req.result, req.wrap), inTransaction: c.db.inTransaction };
    }
  }
}

function cancelMessage(flag: number): string {
  return flag === 2 ? 'canceling statement due to statement timeout' : 'canceling statement due to user request';
}

parentPort!.on('message', (req: WorkerRequest) => {
  Atomics.store(running, 0, req.id);
  let res: WorkerResponse;
  try {
    res = handle(req);
  } catch (err) {
    const namer = (table: string, columns: readonly string[]) => (admin ? uniqueIndexName(admin, table, columns) : `${table}_${columns.join('_')}_key`);
    const error = pgErrorOf(err, namer, (name) => (admin ? checkTableOf(admin, name) : null));
    // A cancelled pgf function's error says why, as Postgres does.
    if (error.code === '57014' && 'slot' in req) {
      const flag = Atomics.load(cancelFlags, req.slot);
      if (flag !== 0) error.message = cancelMessage(flag);
    }
    const inTransaction = req.op === 'exec' ? connections.get(req.session)?.db.inTransaction : undefined;
    res = { id: req.id, ok: false, error, ...(inTransaction === undefined ? {} : { inTransaction }) };
  }
  Atomics.store(running, 0, 0);
  const rows = res.ok ? res.exec?.rows : null;
  parentPort!.postMessage(res, rows ? [rows.buffer as ArrayBuffer] : []);
});
