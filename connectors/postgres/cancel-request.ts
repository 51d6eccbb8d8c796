// Forwards a cancel request to the backend process serving a client: a new connection carrying only
// the CancelRequest packet, closed by the server without an answer (the protocol's own design).
import net from 'node:net';
import { encodeCancelRequest } from '../../protocol/startup-packets.js';
import type { PostgresTarget } from './postgres-config.js';

export function sendCancelRequest(target: PostgresTarget, processId: number, secretKey: number): void {
  const socket = net.connect({ host: target.host, port: target.port });
  socket.setTimeout(target.pool.connectTimeoutMs, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('connect', () => socket.end(encodeCancelRequest(processId, secretKey)));
}
