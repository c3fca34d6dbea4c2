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
  /** Run only on this connection (a transaction's): refused if the connection it began on was lost since. */
  conn?: number;
}

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export type QueryReply = { id: number } & ({ ok: true; conn: number; result: QueryResult } | { ok: false; error: { message: string; code?: string; detail?: string } });

/** Cells of the shared Int32Array: the id of the last reply posted, and the state of the link. */
export const SLOT = { reply: 0, link: 1 } as const;
/** `starting`: the first connection is being made; `down`: lost, reconnecting; `dead`: the thread has ended. */
export const LINK = { starting: 0, up: 1, down: 2, dead: 3 } as const;
/** Error code of a request failed because the connection is gone (PostgreSQL's class 08, connection exception). */
export const CONNECTION_LOST = '08006';
