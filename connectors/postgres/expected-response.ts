// One entry per message pgfabric sent to a server connection that the server will answer, in order.
// The queue of these tells the router which client request each backend message belongs to, whether
// the client may see it, and when a pipelined batch is finished (PgDog's habit).

export const Expect = {
  Parse: 1,
  Bind: 2,
  Close: 3,
  DescribeStatement: 4,
  DescribePortal: 5,
  Execute: 6,
  Sync: 7,
  Query: 8,
  /** Not sent to the server: bytes pgfabric answers itself, emitted when the entry reaches the head. */
  Synthetic: 9,
} as const;
export type ExpectKind = (typeof Expect)[keyof typeof Expect];

export const Visibility = {
  /** The client asked for this: forward everything. */
  Forward: 0,
  /** Injected by pgfabric (a re-prepare): hide the success, but the client must see an error. */
  HideSuccess: 1,
  /** Injected by pgfabric (parameter replay, transaction abort): the client sees nothing of it. */
  Swallow: 2,
} as const;
export type VisibilityKind = (typeof Visibility)[keyof typeof Visibility];

export type ExpectedResponse = {
  readonly expect: ExpectKind;
  readonly visibility: VisibilityKind;
  /** Bytes to emit for a Synthetic entry. */
  readonly synthetic: Buffer | null;
  /** The request completed without error. */
  readonly onSuccess: (() => void) | null;
  /** The request failed, or was skipped by the server after an earlier error in its batch. */
  readonly onFailure: (() => void) | null;
  /** An ErrorResponse arrived inside a simple Query (which still ends with its ReadyForQuery). */
  failed: boolean;
};

export function expected(
  expect: ExpectKind,
  visibility: VisibilityKind = Visibility.Forward,
  onSuccess: (() => void) | null = null,
  onFailure: (() => void) | null = null,
): ExpectedResponse {
  return { expect, visibility, synthetic: null, onSuccess, onFailure, failed: false };
}

export function synthetic(bytes: Buffer, onSuccess: (() => void) | null = null): ExpectedResponse {
  return { expect: Expect.Synthetic, visibility: Visibility.Forward, synthetic: bytes, onSuccess, onFailure: null, failed: false };
}
