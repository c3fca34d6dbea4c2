import type { Db } from '../db/open.js';

export interface FitCell {
  group: string;
  channel: string;
  /** CP fit (0..1) and its four dimensions: awareness, acceptance, ease of operation, ordering behaviour. */
  score: number;
  awareness: number;
  acceptance: number;
  ease: number;
  ordering: number;
  alpha: number;
  beta: number;
  /** Current response-rate estimate (posterior mean). */
  mean: number;
  /** The seeded prior's mean (equal to `mean` until outcomes were learned for the cell). */
  priorMean: number;
  /** Contacts and responses folded in so far. */
  observed: number;
  responses: number;
}

/** The fit matrix for one product category: every group × channel with CP fit and the learned estimate. */
export function fitMatrix(db: Db, category: string): FitCell[] {
  const rows = db.prepare(`SELECT f.group_id, f.channel_id, f.score, f.awareness, f.acceptance, f.ease, f.ordering,
      e.alpha, e.beta, coalesce(p.alpha, e.alpha) AS p_alpha, coalesce(p.beta, e.beta) AS p_beta
    FROM group_channel_fit f
    JOIN response_estimates e ON e.group_id = f.group_id AND e.channel_id = f.channel_id AND e.category = ?
    LEFT JOIN response_priors p ON p.group_id = f.group_id AND p.channel_id = f.channel_id AND p.category = ?`)
    .all(category, category) as { group_id: string; channel_id: string; score: number; awareness: number; acceptance: number; ease: number; ordering: number; alpha: number; beta: number; p_alpha: number; p_beta: number }[];
  return rows.map((r) => {
    const observed = Math.round(r.alpha + r.beta - r.p_alpha - r.p_beta);
    return {
      group: r.group_id, channel: r.channel_id, score: r.score, awareness: r.awareness, acceptance: r.acceptance, ease: r.ease, ordering: r.ordering,
      alpha: r.alpha, beta: r.beta, mean: r.alpha / (r.alpha + r.beta), priorMean: r.p_alpha / (r.p_alpha + r.p_beta),
      observed, responses: Math.round(r.alpha - r.p_alpha),
    };
  });
}

/**
 * Current response-rate estimates (Beta means) by `${group}|${channel}` for a product category —
 * what best-fit routing should rank channels by so later runs use what earlier runs learned.
 * Small (groups × channels rows): cheap enough to read once per tick.
 */
export function responseRateTable(db: Db, category: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of db.prepare('SELECT group_id, channel_id, alpha / (alpha + beta) AS p FROM response_estimates WHERE category = ?').all(category) as { group_id: string; channel_id: string; p: number }[]) {
    m.set(`${r.group_id}|${r.channel_id}`, r.p);
  }
  return m;
}

export interface LearningPass { id: number; at: number; runId: number | null; trigger: string; contacts: number; responses: number; cells: number }

export function learningPasses(db: Db, limit = 20): LearningPass[] {
  return db.prepare('SELECT id, at, run_id AS "runId", trigger, contacts, responses, cells FROM learning_passes ORDER BY id DESC LIMIT ?').all(limit) as LearningPass[];
}
