// The client's COPY … FROM STDIN messages for a tenant-scoped relation, passed through the row filler:
// CopyData payloads are rewritten (tenant id appended or checked), CopyDone flushes a last row without
// a newline, and a row naming another tenant turns into a CopyFail, so the backend aborts the COPY and
// the client gets its error; the client's remaining CopyData are then dropped.
import { encodeFrontend } from '../../protocol/frontend-encoder.js';
import { FrontendCode } from '../../protocol/message-codes.js';
import type { CopyInPlan } from '../../rewrite/tenant/statement-facts.js';
import { CopyInFiller } from './copy-in-filler.js';

export class CopyFillStream {
  private readonly filler: CopyInFiller;
  private failed = false;

  constructor(plan: CopyInPlan, tenantId: string, tenantColumn: string, private readonly send: (bytes: Buffer) => void) {
    const byte = (s: string): number => Buffer.from(s)[0] ?? 0;
    this.filler = new CopyInFiller(
      { csv: plan.csv, delimiter: byte(plan.delimiter), quote: byte(plan.quote), escape: byte(plan.escape), header: plan.header },
      plan.mode,
      tenantId,
      tenantColumn,
    );
  }

  message(code: number, payload: Buffer, raw: Buffer): void {
    if (code === FrontendCode.CopyFail) return this.failed ? undefined : this.send(raw);
    if (this.failed) return;
    const out = code === FrontendCode.CopyData ? this.filler.push(payload) : this.filler.end();
    if (typeof out === 'string') {
      this.failed = true;
      return this.send(encodeFrontend({ kind: 'CopyFail', message: `pgfabric: ${out} (rule: tenant_insert)` }));
    }
    if (out.length > 0) this.send(encodeFrontend({ kind: 'CopyData', data: out }));
    if (code === FrontendCode.CopyDone) this.send(raw);
  }
}
