/** Messages between the synchronous client (main thread) and the `pg` worker thread. */
export interface QueryRequest {
  text: string;
  values: unknown[];
  /** Named prepared statement (parsed once per connection) for statements that are run repeatedly. */
  name?: string;
  /** `exec`: a script of several statements, run with the simple query protocol. */
  script?: boolean;
}

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export type QueryReply = { ok: true; result: QueryResult } | { ok: false; error: { message: string; code?: string; detail?: string } };

/** Slot 0 of the shared Int32Array: 0 while a request is in flight, 1 when the reply has been posted. */
export const PENDING = 0;
export const DONE = 1;
