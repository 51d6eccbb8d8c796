// Owns the server side of a SCRAM-SHA-256 exchange (clients logging in to pgfabric). It holds only
// the derived keys (StoredKey, ServerKey), never a password. We advertise only SCRAM-SHA-256 (no
// -PLUS), so a client asking for channel binding ('p=') is refused, as Postgres does; 'y,,' (client
// could bind but thinks the server cannot) is accepted. To hide whether a user exists, a session
// can run the exchange with keys made up for the unknown user: it then fails like a wrong password.

import { randomBytes } from 'node:crypto';
import type { ScramKeys } from './scram.js';
import { decodeBase64, hmacSha256, isPrintable, parseAttributes, sameBytes, sha256, xorBuffers } from './scram-crypto.js';

type Step = { ok: true; serverFirst: string } | { ok: false; reason: string };
type Final = { ok: true; serverFinal: string } | { ok: false; reason: string };

export class ScramServerExchange {
  private state: 'start' | 'sent-first' | 'done' = 'start';
  private gs2Header = '';
  private clientFirstBare = '';
  private serverFirstMessage = '';
  private nonce = '';

  constructor(
    private readonly keys: ScramKeys,
    private readonly nonceBytes?: Buffer,
  ) {}

  /** client-first-message = gs2-header client-first-message-bare. */
  clientFirst(message: string): Step {
    if (this.state !== 'start') return this.refuse('unexpected SCRAM client-first-message');
    const flag = message[0];
    if (flag === 'p') return this.refuse('channel binding is not supported: the server offered SCRAM-SHA-256 only');
    if ((flag !== 'n' && flag !== 'y') || message[1] !== ',') return this.refuse('malformed SCRAM message (GS2 header)');
    if (message[2] !== ',') return this.refuse('client uses authorization identity, but it is not supported');
    const attrs = parseAttributes(message.slice(3));
    if (attrs === null || attrs.length < 2) return this.refuse('malformed SCRAM message (client-first)');
    const [user, nonce] = attrs;
    if (user?.[0] === 'm') return this.refuse('client requires an unsupported SCRAM extension');
    // The user name is ignored, as in Postgres: the one from the startup packet counts.
    if (user?.[0] !== 'n' || nonce?.[0] !== 'r' || !isPrintable(nonce[1])) {
      return this.refuse('malformed SCRAM message (client-first)');
    }
    this.gs2Header = message.slice(0, 3);
    this.clientFirstBare = message.slice(3);
    this.nonce = nonce[1] + (this.nonceBytes ?? randomBytes(18)).toString('base64');
    const salt = this.keys.salt.toString('base64');
    this.serverFirstMessage = `r=${this.nonce},s=${salt},i=${this.keys.iterations}`;
    this.state = 'sent-first';
    return { ok: true, serverFirst: this.serverFirstMessage };
  }

  /** client-final-message = channel-binding "," nonce ["," extensions] "," proof. */
  clientFinal(message: string): Final {
    if (this.state !== 'sent-first') return this.refuse('unexpected SCRAM client-final-message');
    this.state = 'done';
    const proofAt = message.lastIndexOf(',p=');
    const withoutProof = message.slice(0, proofAt);
    const attrs = proofAt === -1 ? null : parseAttributes(withoutProof);
    const proof = decodeBase64(message.slice(proofAt + 3));
    if (attrs === null || proof === null || attrs.length < 2) return this.refuse('malformed SCRAM message (client-final)');
    const [binding, nonce] = attrs;
    if (binding?.[0] !== 'c' || binding[1] !== Buffer.from(this.gs2Header).toString('base64')) {
      return this.refuse('SCRAM channel binding check failed');
    }
    if (nonce?.[0] !== 'r' || nonce[1] !== this.nonce) return this.refuse('SCRAM nonce does not match');
    const authMessage = `${this.clientFirstBare},${this.serverFirstMessage},${withoutProof}`;
    const clientSignature = hmacSha256(this.keys.storedKey, authMessage);
    const clientKey = xorBuffers(proof, clientSignature);
    if (proof.length !== 32 || !sameBytes(sha256(clientKey), this.keys.storedKey)) return this.refuse('invalid proof');
    const serverSignature = hmacSha256(this.keys.serverKey, authMessage);
    return { ok: true, serverFinal: `v=${serverSignature.toString('base64')}` };
  }

  private refuse(reason: string): { ok: false; reason: string } {
    this.state = 'done';
    return { ok: false, reason };
  }
}
