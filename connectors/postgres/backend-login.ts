// Logs pgfabric in to a Postgres backend as a client: optional TLS (SSLRequest), StartupMessage, then
// SCRAM-SHA-256, MD5, cleartext or trust, until the first ReadyForQuery. Returns the socket with the
// server's ParameterStatus values and BackendKeyData.
import net from 'node:net';
import tls from 'node:tls';
import { FrameReader } from '../../protocol/frame-reader.js';
import { decodeBackend } from '../../protocol/backend-decoder.js';
import type { BackendMessage } from '../../protocol/backend-messages.js';
import { encodeSSLRequest, encodeStartupMessage } from '../../protocol/startup-packets.js';
import { encodePasswordMessage, encodeSaslInitialResponse, encodeSaslResponse } from '../../protocol/sasl-messages.js';
import { ScramClientExchange } from '../../protocol/scram.js';
import { md5PasswordHash } from '../../protocol/md5-password.js';
import type { PostgresTarget } from './postgres-config.js';
import { BackendError } from './postgres-errors.js';

export type BackendLogin = {
  socket: net.Socket;
  parameters: Map<string, string>;
  processId: number;
  secretKey: number;
  /** Bytes that arrived after the first ReadyForQuery (normally none). */
  leftover: Buffer | null;
};

export async function loginToBackend(target: PostgresTarget): Promise<BackendLogin> {
  const raw = await connectTcp(target);
  let socket: net.Socket = raw;
  try {
    if (target.sslMode !== 'disable') socket = await negotiateTls(raw, target);
    return await authenticate(socket, target);
  } catch (err) {
    socket.destroy();
    raw.destroy();
    throw err;
  }
}

function connectTcp(target: PostgresTarget): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new BackendError('08001', `could not connect to backend "${target.name}" at ${target.host}:${target.port}: timeout after ${target.pool.connectTimeoutMs} ms`));
    }, target.pool.connectTimeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new BackendError('08001', `could not connect to backend "${target.name}" at ${target.host}:${target.port}: ${err.code ?? err.message}`));
    });
  });
}

function negotiateTls(socket: net.Socket, target: PostgresTarget): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    socket.once('data', (answer) => {
      if (answer[0] === 0x53 /* S */) {
        const verify = target.sslMode === 'verify-ca' || target.sslMode === 'verify-full';
        const secure = tls.connect({
          socket,
          servername: net.isIP(target.host) ? undefined : target.host,
          rejectUnauthorized: verify,
          checkServerIdentity: target.sslMode === 'verify-full' ? tls.checkServerIdentity : () => undefined,
        });
        secure.once('secureConnect', () => resolve(secure));
        secure.once('error', (err) => reject(new BackendError('08001', `TLS to backend "${target.name}" failed: ${err.message}`)));
      } else if (target.sslMode === 'prefer') {
        resolve(socket);
      } else {
        reject(new BackendError('08001', `backend "${target.name}" does not support TLS (sslmode=${target.sslMode})`));
      }
    });
    socket.once('error', (err) => reject(new BackendError('08001', `backend "${target.name}": ${err.message}`)));
    socket.write(encodeSSLRequest());
  });
}

// No application_name of our own: after RESET ALL a client must see Postgres's default, not ours.
function authenticate(socket: net.Socket, target: PostgresTarget): Promise<BackendLogin> {
  return new Promise((resolve, reject) => {
    const reader = new FrameReader({ maxMessageSize: 1 << 20 });
    const parameters = new Map<string, string>();
    let processId = 0;
    let secretKey = 0;
    let scram: ScramClientExchange | null = null;
    const timer = setTimeout(() => fail(new BackendError('08001', `login to backend "${target.name}" timed out`)), target.pool.connectTimeoutMs);

    const fail = (err: Error): void => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      reject(err);
    };
    const handle = (msg: BackendMessage): boolean => {
      switch (msg.kind) {
        case 'AuthenticationOk':
        case 'NoticeResponse':
        case 'NegotiateProtocolVersion':
          return false;
        case 'AuthenticationCleartextPassword':
          socket.write(encodePasswordMessage(target.password));
          return false;
        case 'AuthenticationMD5Password':
          socket.write(encodePasswordMessage(md5PasswordHash(target.user, target.password, msg.salt)));
          return false;
        case 'AuthenticationSASL':
          if (!msg.mechanisms.includes('SCRAM-SHA-256')) throw new BackendError('08001', `backend "${target.name}" offers no supported SASL mechanism (${msg.mechanisms.join(', ')})`);
          scram = new ScramClientExchange(target.user, target.password);
          socket.write(encodeSaslInitialResponse('SCRAM-SHA-256', Buffer.from(scram.clientFirst())));
          return false;
        case 'AuthenticationSASLContinue':
          if (!scram) throw new BackendError('08P01', 'SASL continue without SASL start');
          socket.write(encodeSaslResponse(Buffer.from(scram.serverFirst(msg.data.toString('utf8')))));
          return false;
        case 'AuthenticationSASLFinal':
          if (!scram || !scram.verifyServerFinal(msg.data.toString('utf8'))) throw new BackendError('08001', `backend "${target.name}" failed SCRAM server verification`);
          return false;
        case 'ParameterStatus':
          parameters.set(msg.name, msg.value);
          return false;
        case 'BackendKeyData':
          processId = msg.processId;
          secretKey = msg.secretKey;
          return false;
        case 'ErrorResponse':
          throw new BackendError(msg.fields.code || '08001', `backend "${target.name}": ${msg.fields.message}`);
        case 'ReadyForQuery':
          return true;
        default:
          throw new BackendError('08P01', `backend "${target.name}" sent ${msg.kind} during login`);
      }
    };
    const onData = (chunk: Buffer): void => {
      reader.push(chunk);
      try {
        for (let frame = reader.next(); frame !== null; frame = reader.next()) {
          if ('kind' in frame) throw new BackendError('08P01', `backend "${target.name}": ${frame.message}`);
          const msg = decodeBackend(frame);
          if (msg.kind === 'ProtocolError') throw new BackendError('08P01', `backend "${target.name}": ${msg.message}`);
          if (handle(msg)) {
            clearTimeout(timer);
            socket.removeListener('data', onData);
            socket.removeListener('error', onError);
            socket.removeListener('close', onClose);
            resolve({ socket, parameters, processId, secretKey, leftover: reader.buffered > 0 ? reader.takeBuffered() : null });
            return;
          }
        }
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    };
    const onError = (err: Error): void => fail(new BackendError('08006', `backend "${target.name}": ${err.message}`));
    const onClose = (): void => fail(new BackendError('08006', `backend "${target.name}" closed the connection during login`));
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    socket.write(encodeStartupMessage({ user: target.user, database: target.database }));
  });
}
