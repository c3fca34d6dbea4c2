/** One exact count for the count worker: statements ending in a WHERE clause the worker narrows by id range. */
export interface CountJob {
  id: number;
  /** `SELECT count(*) FROM subscribers s WHERE …` (customers in scope). */
  totalSql: string;
  totalParams: unknown[];
  /** `SELECT count(*) AS n, count(*) FILTER (WHERE control) AS c FROM subscribers s WHERE …`. */
  countSql: string;
  params: unknown[];
  /** Set to 1 by the API thread to stop the job at its next id range. */
  flag: Int32Array;
}

export type CountReply =
  | { id: number; progress: number }
  | { id: number; total: number; count: number; control: number; ranges: number }
  | { id: number; cancelled: true; ranges: number }
  | { id: number; error: string };
