// A client request waiting for a server connection (transaction-mode pooling: a client holds none
// between transactions). Kept as data rather than closures so a failed checkout can answer each one
// the way Postgres would.
import type { SessionEffects } from '../session-effects.js';
import type { SharedStatement } from './statement-registry.js';

export type PendingOp =
  | { readonly k: 'query'; readonly raw: Buffer; readonly effects: SessionEffects }
  | { readonly k: 'parse'; readonly name: string; readonly shared: SharedStatement | null; readonly raw: Buffer }
  | { readonly k: 'bind'; readonly portal: string; readonly shared: SharedStatement | null; readonly payload: Buffer; readonly restOffset: number; readonly raw: Buffer }
  | { readonly k: 'describe'; readonly target: 'S' | 'P'; readonly shared: SharedStatement | null; readonly raw: Buffer }
  | { readonly k: 'execute'; readonly portal: string; readonly raw: Buffer }
  | { readonly k: 'close'; readonly target: 'S' | 'P'; readonly named: boolean; readonly raw: Buffer }
  | { readonly k: 'sync'; readonly raw: Buffer }
  | { readonly k: 'flush'; readonly raw: Buffer }
  | { readonly k: 'copy'; readonly raw: Buffer }
  | { readonly k: 'fn'; readonly raw: Buffer }
  | { readonly k: 'refuse'; readonly frame: Buffer; readonly extended: boolean };

/** Requests that can be answered without a server connection when the client holds none. */
export function answerableLocally(op: PendingOp): boolean {
  return op.k === 'sync' || op.k === 'flush' || op.k === 'refuse' || (op.k === 'close' && op.named);
}
