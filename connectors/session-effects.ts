// Session effects as connectors see them (the rewrite layer's classification, structurally typed so
// that connectors do not import the rewrite layer).
export type SessionEffect =
  | { readonly kind: 'set'; readonly name: string; readonly statement: string }
  | { readonly kind: 'reset'; readonly name: string }
  | { readonly kind: 'resetAll' }
  | { readonly kind: 'pin'; readonly reason: string }
  | { readonly kind: 'discardAll' }
  | { readonly kind: 'deallocateAll' }
  | { readonly kind: 'rollback' }
  | { readonly kind: 'untracked' };

export type SessionEffects = readonly SessionEffect[];
