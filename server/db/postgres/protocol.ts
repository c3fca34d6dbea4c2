/** Messages between the synchronous client (main thread) and the `pg` worker thread. */
export interface QueryRequest {
  /** Set by the client: the reply carries it back, and the shared slot is set to it when the reply is posted. */
  id: number;
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

export type QueryReply = { id: number } & ({ ok: true; result: QueryResult } | { ok: false; error: { message: string; code?: string; detail?: string } });
