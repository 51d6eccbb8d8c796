// A client's session parameters in transaction-mode pooling: those from its startup packet and those it
// SET since. Their key says which server connections already carry them; the replay statement brings
// any other server connection to the same state before the client's first request runs there.
import type { SessionEffect } from '../session-effects.js';

// Startup-packet keys that are not settable parameters.
const NOT_PARAMETERS = new Set(['user', 'database', 'replication', 'options']);

function quoteLiteral(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}

function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** `-c name=value` and `--name=value` settings carried in the startup `options` parameter. */
export function parseStartupOptions(options: string): Record<string, string> {
  const settings: Record<string, string> = {};
  const tokens = options.match(/(?:\\.|\S)+/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i]!.replace(/\\(.)/g, '$1');
    if (token === '-c') token = (tokens[++i] ?? '').replace(/\\(.)/g, '$1');
    else if (token.startsWith('--')) token = token.slice(2);
    else if (token.startsWith('-c')) token = token.slice(2);
    const eq = token.indexOf('=');
    if (eq > 0) settings[token.slice(0, eq).replaceAll('-', '_')] = token.slice(eq + 1);
  }
  return settings;
}

export class SessionParameters {
  private readonly startup: string[] = [];
  private readonly sets = new Map<string, string>();
  /** '' when the client runs with the backend defaults; compared by value with ServerConnection.appliedParams. */
  key = '';

  constructor(startupParameters: Readonly<Record<string, string>>) {
    const all = { ...startupParameters, ...parseStartupOptions(startupParameters['options'] ?? '') };
    for (const name of Object.keys(all).sort()) {
      if (NOT_PARAMETERS.has(name.toLowerCase())) continue;
      this.startup.push(`SET ${quoteIdent(name.toLowerCase())} = ${quoteLiteral(all[name]!)}`);
    }
    this.recompute();
  }

  /** Applies effects of a statement that succeeded; returns true when the key changed. */
  apply(effects: readonly SessionEffect[]): boolean {
    const before = this.key;
    for (const effect of effects) {
      if (effect.kind === 'set') {
        this.sets.delete(effect.name);
        this.sets.set(effect.name, effect.statement);
      } else if (effect.kind === 'reset') this.sets.delete(effect.name);
      else if (effect.kind === 'resetAll' || effect.kind === 'discardAll') this.sets.clear();
    }
    this.recompute();
    return this.key !== before;
  }

  /** The statement that brings a server connection from any state to this client's. */
  replaySql(): string {
    return ['RESET ALL', ...this.startup, ...this.sets.values()].join('; ');
  }

  private recompute(): void {
    this.key = this.startup.length === 0 && this.sets.size === 0 ? '' : [...this.startup, ...this.sets.values()].join(';\u0000');
  }
}
