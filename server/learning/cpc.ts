import { PRODUCT_BY_ID } from '../../shared/catalogue/products.js';
import type { Db } from '../db/open.js';
import { insertRows } from '../engine/store/bulk.js';
import { getRun } from '../engine/store/runs.js';
import { ENGAGEMENT_CODES, sendIndex } from '../monitoring/attribution.js';

export interface Beta { alpha: number; beta: number }

/** Beta-Binomial update: `responses` successes out of `contacts` trials. */
export function posterior(prior: Beta, contacts: number, responses: number): Beta {
  if (responses < 0 || contacts < responses) throw new Error(`bad observation: ${responses} responses of ${contacts} contacts`);
  return { alpha: prior.alpha + responses, beta: prior.beta + (contacts - responses) };
}

export const betaMean = (b: Beta): number => b.alpha / (b.alpha + b.beta);

export interface Observation { group: string; channel: string; category: string; contacts: number; responses: number }

export interface LearnResult { runId: number; contacts: number; responses: number; cells: number; observations: Observation[] }

const codes = ENGAGEMENT_CODES.map((c) => `'${c}'`).join(',');

/**
 * Contacts of a run whose outcome is settled and not yet learned. A contact is a trial when it was
 * delivered (or, on a human channel, the agent worked it); it succeeded when the customer engaged
 * at the await of its send before the journey's next contact. It is settled once it succeeded or the
 * journey left that await (timeout, later contact, run ended) — a contact still awaited is left for later.
 */
function settledContacts(db: Db, runId: number, awaitOf: Record<string, string>): { customer_id: number; state: string; attempt: number; channel: string; group_id: string; responded: number }[] {
  const pairs = Object.entries(awaitOf);
  if (pairs.length === 0) return [];
  // send → await pairs as a VALUES list (json_each is SQLite's); the first row's casts type the columns on PostgreSQL.
  const m = ['(CAST(? AS TEXT), CAST(? AS TEXT))', ...pairs.slice(1).map(() => '(?, ?)')].join(', ');
  return db.prepare(`WITH m(send_state, await_state) AS (VALUES ${m}),
    cand AS (
      SELECT c.customer_id, c.state, c.attempt, c.channel, coalesce(c.sent_at, c.created_at) AS at, m.await_state,
        j.state AS jstate, j.attempt AS jattempt, j.ended_at AS jended, s.group_id,
        (SELECT min(c2.created_at) FROM contacts c2 WHERE c2.run_id = c.run_id AND c2.customer_id = c.customer_id AND c2.attempt > c.attempt) AS next_at
      FROM contacts c JOIN m ON m.send_state = c.state
      JOIN journeys j ON j.run_id = c.run_id AND j.customer_id = c.customer_id
      JOIN subscribers s ON s.id = c.customer_id
      WHERE c.run_id = ? AND (c.status = 'sent' OR (c.status = 'queued' AND EXISTS (SELECT 1 FROM agent_queue q
          WHERE q.run_id = c.run_id AND q.customer_id = c.customer_id AND q.state = c.state AND q.attempt = c.attempt AND q.status = 'done')))
        AND NOT EXISTS (SELECT 1 FROM learned_contacts l WHERE l.run_id = c.run_id AND l.customer_id = c.customer_id AND l.state = c.state AND l.attempt = c.attempt)
    ),
    judged AS (
      SELECT cand.*, CASE WHEN EXISTS (SELECT 1 FROM traces t WHERE t.run_id = ? AND t.customer_id = cand.customer_id AND t.state = cand.await_state
        AND t.code IN (${codes}) AND t.at >= cand.at AND (cand.next_at IS NULL OR t.at <= cand.next_at)) THEN 1 ELSE 0 END AS responded
      FROM cand
    )
    SELECT customer_id, state, attempt, channel, group_id, responded FROM judged
    WHERE responded = 1 OR jattempt > attempt OR jended IS NOT NULL OR jstate <> await_state
    ORDER BY customer_id, attempt`)
    .all(...pairs.flat(), runId, runId) as { customer_id: number; state: string; attempt: number; channel: string; group_id: string; responded: number }[];
}

/**
 * Fold a run's settled outcomes into the response-rate estimates of group × channel × the run's
 * product category: alpha += responses, beta += contacts − responses. Idempotent — each contact is
 * marked in `learned_contacts` in the same transaction, so running it again adds nothing. The cell's
 * value before its first update is kept in `response_priors`.
 */
export function learnFromRun(db: Db, runId: number, opts: { now?: number; trigger?: 'run_completed' | 'manual'; userId?: number } = {}): LearnResult {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const category = PRODUCT_BY_ID[run.machine.productId]?.category ?? 'data_pack';
  const now = opts.now ?? Date.now();
  const awaitOf: Record<string, string> = {};
  for (const [aw, send] of sendIndex(run.machine)) awaitOf[send] = aw;
  return db.transaction(() => {
    const rows = settledContacts(db, runId, awaitOf);
    // A plain INSERT on purpose: should another process learn the same contacts meanwhile, the key
    // conflict rolls this pass back instead of counting them twice.
    insertRows(db, 'learned_contacts', ['run_id', 'customer_id', 'state', 'attempt', 'responded', 'learned_at'],
      rows.flatMap((r) => [runId, r.customer_id, r.state, r.attempt, r.responded, now]));
    const cells = new Map<string, Observation>();
    for (const r of rows) {
      const key = `${r.group_id}|${r.channel}`;
      const o = cells.get(key) ?? { group: r.group_id, channel: r.channel, category, contacts: 0, responses: 0 };
      o.contacts++;
      o.responses += r.responded;
      cells.set(key, o);
    }
    const keepPrior = db.prepare(`INSERT INTO response_priors (group_id, channel_id, category, alpha, beta)
      SELECT group_id, channel_id, category, alpha, beta FROM response_estimates WHERE group_id = ? AND channel_id = ? AND category = ?
      ON CONFLICT DO NOTHING`);
    const seedUniform = db.prepare('INSERT INTO response_estimates (group_id, channel_id, category, alpha, beta) VALUES (?, ?, ?, 1, 1) ON CONFLICT DO NOTHING');
    const update = db.prepare('UPDATE response_estimates SET alpha = alpha + ?, beta = beta + ? WHERE group_id = ? AND channel_id = ? AND category = ?');
    for (const o of cells.values()) {
      seedUniform.run(o.group, o.channel, category);
      keepPrior.run(o.group, o.channel, category);
      update.run(o.responses, o.contacts - o.responses, o.group, o.channel, category);
    }
    const observations = [...cells.values()];
    const contacts = rows.length;
    const responses = observations.reduce((a, o) => a + o.responses, 0);
    db.prepare('INSERT INTO learning_passes (at, run_id, trigger, contacts, responses, cells, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(now, runId, opts.trigger ?? 'manual', contacts, responses, observations.length, opts.userId ?? null);
    return { runId, contacts, responses, cells: observations.length, observations };
  })();
}

/** Learn from every run that ended (completed or stopped) and has not had its completion pass yet. */
export function learnCompletedRuns(db: Db, now = Date.now()): LearnResult[] {
  const ids = db.prepare(`SELECT id FROM runs r WHERE status IN ('completed','stopped')
      AND NOT EXISTS (SELECT 1 FROM learning_passes p WHERE p.run_id = r.id AND p.trigger = 'run_completed') ORDER BY id`).pluck().all() as number[];
  return ids.map((id) => learnFromRun(db, id, { now, trigger: 'run_completed' }));
}

/** On demand: one run, or every run (settled outcomes of running runs too; idempotent either way). */
export function learnNow(db: Db, opts: { runId?: number; userId?: number; now?: number } = {}): { runs: number; contacts: number; responses: number; cells: number } {
  const ids = opts.runId !== undefined ? [opts.runId] : (db.prepare('SELECT id FROM runs ORDER BY id').pluck().all() as number[]);
  const total = { runs: 0, contacts: 0, responses: 0, cells: 0 };
  for (const id of ids) {
    const r = learnFromRun(db, id, { trigger: 'manual', ...(opts.userId !== undefined ? { userId: opts.userId } : {}), ...(opts.now !== undefined ? { now: opts.now } : {}) });
    total.runs++;
    total.contacts += r.contacts;
    total.responses += r.responses;
    total.cells += r.cells;
  }
  return total;
}
