// LISTEN/NOTIFY channels are shared by every session of a database: each tenant's channel names are
// prefixed (and the prefix is stripped from the notifications it receives), so one tenant can neither
// hear nor wake another's listeners. pg_notify() is refused by the function policy for the same reason.
import { refuse } from '../tenant/refusal.js';
import type { TenantRule } from './rule.js';

/** Postgres truncates identifiers to NAMEDATALEN - 1 bytes. */
const MAX_CHANNEL_BYTES = 63;

export const channelNamespaceRule: TenantRule = {
  name: 'channel_namespace',
  code: 'unsupported',
  apply(facts, ctx, out) {
    for (const node of facts.channels) {
      const name = ctx.channelPrefix + String(node.conditionname);
      if (Buffer.byteLength(name) > MAX_CHANNEL_BYTES) {
        refuse('unsupported', this.name, `channel name "${String(node.conditionname)}" is too long once namespaced for the tenant (at most ${MAX_CHANNEL_BYTES - Buffer.byteLength(ctx.channelPrefix)} bytes)`);
      }
      node.conditionname = name;
      out.changed = true;
    }
  },
};
