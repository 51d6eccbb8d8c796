// What the audit trail records, and the interface the rest of pgfabric writes it through. The trail
// itself (hash-chained file, optional control-plane table) lives in audit-trail.ts; with no `audit`
// section in the config the sink is a no-op.

export type AuditEvent =
  | { readonly kind: 'login'; readonly tenant: string | null; readonly user: string; readonly ok: boolean; readonly reason?: string; readonly client: string }
  | { readonly kind: 'refusal'; readonly tenant: string; readonly user: string; readonly rule: string; readonly sqlstate: string; readonly relation?: string; readonly fingerprint: string }
  | { readonly kind: 'ddl'; readonly tenant: string; readonly user: string; readonly fingerprint: string }
  | { readonly kind: 'admin'; readonly user: string; readonly command: string; readonly ok: boolean };

export interface AuditSink {
  record(event: AuditEvent): void;
  /** Resolves when everything recorded so far is durable (called during the drain). */
  flush(): Promise<void>;
}

export const NO_AUDIT: AuditSink = { record: () => undefined, flush: () => Promise.resolve() };
