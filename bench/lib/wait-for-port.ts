// Owns waiting until a child listens: TCP connects every 100 ms until one succeeds, the child exits
// (then its log is the explanation) or the time limit passes.
import net from 'node:net';
import type { Child } from './children.js';

export async function waitForPort(host: string, port: number, child: Child, timeoutMs: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${child.name} exited before listening on ${host}:${port}\n${explain()}`);
    if (await canConnect(host, port)) return;
    if (Date.now() > deadline) throw new Error(`${child.name} did not listen on ${host}:${port} within ${timeoutMs / 1000} s\n${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
