// The process logger: pino, JSON lines on stdout. PGFABRIC_LOG_LEVEL sets the level (default info).
import { pino, type Logger } from 'pino';

export function createLogger(level = process.env['PGFABRIC_LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name: 'pgfabric', level, base: { pid: process.pid } });
}
