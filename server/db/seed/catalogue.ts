import { demoCatalogue } from '../../../shared/catalogue/active.js';
import { CHANNEL_IDS, type ChannelId } from '../../../shared/catalogue/channels.js';
import { GROUP_IDS, type GroupId } from '../../../shared/catalogue/groups.js';
import { PRODUCT_CATEGORIES, type ProductCategory } from '../../../shared/catalogue/products.js';
import type { Db } from '../open.js';
import { BatchInsert } from './batch.js';
import { Rng } from './rng.js';

/**
 * Base affinity (0..1) of each customer group for each channel, in CHANNEL_IDS order:
 *   sms_hall, bulk_sms, ivr_10086, outbound_call, app, web_hall, wap_hall, online_mall, wechat, kiosk, store, dealer.
 * Hand-set from the provincial case: students and young professionals live in the app and WeChat; business
 * people answer an outbound call and use the app; seniors go to the store or ring 10086 and hardly touch
 * app / WeChat / mall; farmers rely on SMS, the store and village dealer outlets; homemakers on WeChat and SMS.
 */
const BASE_FIT: Record<GroupId, readonly number[]> = {
  //           sms   bulk  ivr   call  app   web   wap   mall  wx    kiosk store dealer
  student: [0.55, 0.35, 0.3, 0.25, 0.9, 0.5, 0.35, 0.75, 0.9, 0.35, 0.4, 0.3],
  business: [0.55, 0.3, 0.45, 0.78, 0.82, 0.55, 0.25, 0.55, 0.65, 0.25, 0.5, 0.25],
  homemaker: [0.68, 0.45, 0.5, 0.4, 0.55, 0.25, 0.2, 0.55, 0.82, 0.3, 0.55, 0.4],
  farmer: [0.78, 0.62, 0.5, 0.35, 0.2, 0.08, 0.12, 0.12, 0.25, 0.2, 0.7, 0.82],
  senior: [0.45, 0.35, 0.72, 0.3, 0.06, 0.04, 0.04, 0.05, 0.1, 0.2, 0.9, 0.55],
  young_pro: [0.5, 0.3, 0.3, 0.35, 0.9, 0.55, 0.3, 0.8, 0.88, 0.3, 0.4, 0.2],
  migrant: [0.7, 0.55, 0.45, 0.3, 0.55, 0.15, 0.3, 0.4, 0.65, 0.4, 0.45, 0.72],
  family: [0.6, 0.4, 0.55, 0.5, 0.65, 0.4, 0.2, 0.55, 0.65, 0.35, 0.72, 0.4],
  government: [0.55, 0.25, 0.5, 0.72, 0.68, 0.6, 0.2, 0.4, 0.55, 0.2, 0.6, 0.2],
  youth: [0.45, 0.3, 0.2, 0.15, 0.75, 0.35, 0.3, 0.55, 0.85, 0.3, 0.35, 0.3],
};

/**
 * How a channel shifts each dimension relative to the group's base affinity:
 * [awareness 认知, acceptance 认同, ease 操作难易, ordering 订购行为].
 * Everyone knows 10086 but its menus are tedious; bulk SMS is seen but distrusted and rarely converts;
 * an outbound call is intrusive (low acceptance) but the agent makes ordering easy; the store is trusted
 * and hands-on; WAP / web halls are little known.
 */
const CHANNEL_DIM_SHIFT: Record<ChannelId, readonly [number, number, number, number]> = {
  sms_hall: [0.1, 0, 0.05, 0],
  bulk_sms: [0.1, -0.1, 0.1, -0.15],
  ivr_10086: [0.2, 0, -0.1, -0.05],
  outbound_call: [0.05, -0.15, 0.1, 0.05],
  app: [0, 0.05, 0, 0.05],
  web_hall: [-0.1, 0, -0.05, -0.05],
  wap_hall: [-0.15, -0.05, -0.1, -0.1],
  online_mall: [-0.05, 0, -0.05, 0.05],
  wechat: [0.05, 0.05, 0.05, 0],
  kiosk: [-0.1, 0, -0.1, -0.05],
  store: [0.1, 0.1, 0.1, 0.1],
  dealer: [0, 0, 0.05, 0.05],
};

/** Weights of the four dimensions in the CP fit score. */
export const FIT_WEIGHTS = { awareness: 0.2, acceptance: 0.3, ease: 0.2, ordering: 0.3 } as const;

/** Typical response rate of a channel for a well-fitting group and an ordinary product (response per contact). */
const CHANNEL_BASE_RATE: Record<ChannelId, number> = {
  sms_hall: 0.05,
  bulk_sms: 0.02,
  ivr_10086: 0.06,
  outbound_call: 0.15,
  app: 0.06,
  web_hall: 0.03,
  wap_hall: 0.02,
  online_mall: 0.05,
  wechat: 0.06,
  kiosk: 0.04,
  store: 0.25,
  dealer: 0.18,
};

/**
 * How much a group likes a product category (1 = average). Students and teenagers want data packs and the
 * 5G youth card; business and government users the high-tier 5G plans; families and homemakers broadband
 * bundles; seniors the care handset and little else (value-added services especially low).
 */
const CATEGORY_AFFINITY: Record<GroupId, Record<ProductCategory, number>> = {
  student: { data_pack: 1.6, plan_5g: 1.4, broadband: 0.3, handset: 1.0, vas: 1.0 },
  business: { data_pack: 1.2, plan_5g: 1.7, broadband: 0.8, handset: 1.3, vas: 0.7 },
  homemaker: { data_pack: 0.7, plan_5g: 0.6, broadband: 1.5, handset: 0.7, vas: 1.1 },
  farmer: { data_pack: 0.6, plan_5g: 0.4, broadband: 0.8, handset: 0.9, vas: 0.5 },
  senior: { data_pack: 0.3, plan_5g: 0.2, broadband: 0.7, handset: 1.5, vas: 0.25 },
  young_pro: { data_pack: 1.5, plan_5g: 1.5, broadband: 0.9, handset: 1.3, vas: 1.3 },
  migrant: { data_pack: 1.3, plan_5g: 0.6, broadband: 0.3, handset: 1.0, vas: 0.6 },
  family: { data_pack: 0.9, plan_5g: 0.9, broadband: 1.8, handset: 1.0, vas: 1.0 },
  government: { data_pack: 0.9, plan_5g: 1.5, broadband: 1.0, handset: 1.1, vas: 0.6 },
  youth: { data_pack: 1.4, plan_5g: 1.2, broadband: 0.2, handset: 0.8, vas: 1.3 },
};

/** Pseudo-observations behind each response prior: a prior worth 50 contacts, soon outweighed by real outcomes. */
export const PRIOR_STRENGTH = 50;
export const PRIOR_MEAN_MIN = 0.005;
export const PRIOR_MEAN_MAX = 0.6;

const JITTER = 0.05;
const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);
const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

export interface FitRow {
  group: GroupId;
  channel: ChannelId;
  awareness: number;
  acceptance: number;
  ease: number;
  ordering: number;
  score: number;
}

/** The CP fit table: 10 groups × 12 channels, four dimensions with ±0.05 deterministic jitter. */
export function computeFit(rng: Rng): FitRow[] {
  const rows: FitRow[] = [];
  for (const group of GROUP_IDS) {
    CHANNEL_IDS.forEach((channel, ci) => {
      const base = BASE_FIT[group][ci]!;
      const shift = CHANNEL_DIM_SHIFT[channel];
      const dim = (k: number): number => round(clamp(base + shift[k]! + rng.range(-JITTER, JITTER), 0.01, 0.99), 3);
      const awareness = dim(0);
      const acceptance = dim(1);
      const ease = dim(2);
      const ordering = dim(3);
      const score = round(
        FIT_WEIGHTS.awareness * awareness + FIT_WEIGHTS.acceptance * acceptance + FIT_WEIGHTS.ease * ease + FIT_WEIGHTS.ordering * ordering,
        4,
      );
      rows.push({ group, channel, awareness, acceptance, ease, ordering, score });
    });
  }
  return rows;
}

/**
 * Response-rate prior per group × channel × product category, as Beta(alpha, beta):
 *
 *   mean  = clamp(score(group, channel) × CATEGORY_AFFINITY[group][category] × CHANNEL_BASE_RATE[channel], 0.005, 0.6)
 *   alpha = mean × 50,  beta = (1 − mean) × 50          (prior strength alpha + beta = 50)
 *
 * The engine updates alpha/beta with observed responses ("verified and corrected" in the seeds).
 */
export function responsePrior(score: number, group: GroupId, channel: ChannelId, category: ProductCategory): { alpha: number; beta: number } {
  const mean = clamp(score * CATEGORY_AFFINITY[group][category] * CHANNEL_BASE_RATE[channel], PRIOR_MEAN_MIN, PRIOR_MEAN_MAX);
  const alpha = round(mean * PRIOR_STRENGTH, 6);
  return { alpha, beta: round(PRIOR_STRENGTH - alpha, 6) };
}

/**
 * Insert the demo catalogue (seed data: `shared/catalogue/demo-catalogue.json`) — org units, channels,
 * products, groups, tariff plans — then the CP fit table and the response priors. From here on the store's rows are the
 * catalogue; admins edit them (server/catalogue).
 */
export function seedCatalogue(db: Db, rng: Rng): void {
  const cat = demoCatalogue();
  const orgStmt = db.prepare('INSERT INTO org_units (id, name_zh, name_en, parent, share) VALUES (?, ?, ?, ?, ?)');
  // Parents first, whatever order the catalogue lists them in (org_units.parent is a foreign key).
  const pending = [...cat.orgUnits];
  const inserted = new Set<string>();
  while (pending.length > 0) {
    const i = pending.findIndex((u) => u.parent === null || inserted.has(u.parent));
    if (i < 0) throw new Error(`org unit parent missing: ${pending.map((u) => `${u.id}→${u.parent}`).join(', ')}`);
    const [u] = pending.splice(i, 1);
    orgStmt.run(u!.id, u!.name.zh, u!.name.en, u!.parent, u!.share ?? null);
    inserted.add(u!.id);
  }

  const channelStmt = db.prepare(
    `INSERT INTO channels (id, idx, name_zh, name_en, electronic, kind, stages, cost_per_contact, daily_capacity,
       contact_start_hour, contact_end_hour, needs_smartphone, response_delay_hours, enabled, quiet_start_hour, quiet_end_hour, sms_signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of cat.channels) {
    channelStmt.run(
      c.id, CHANNEL_IDS.indexOf(c.id), c.label.zh, c.label.en, c.electronic ? 1 : 0, c.kind, JSON.stringify(c.stages), c.costPerContact,
      c.dailyCapacity, c.contactHours[0], c.contactHours[1], c.needsSmartphone ? 1 : 0, c.responseDelayHours,
      c.enabled ? 1 : 0, c.quietHours?.[0] ?? null, c.quietHours?.[1] ?? null, c.smsSignature,
    );
  }

  const productStmt = db.prepare('INSERT INTO products (id, name_zh, name_en, category, price, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const p of cat.products) productStmt.run(p.id, p.name.zh, p.name.en, p.category, p.price, p.validFrom, p.validTo);

  const groupStmt = db.prepare('INSERT INTO customer_groups (id, name_zh, name_en) VALUES (?, ?, ?)');
  for (const g of cat.groups) groupStmt.run(g.id, g.name.zh, g.name.en);

  const planStmt = db.prepare('INSERT INTO tariff_plans (id, name_zh, name_en, monthly_fee, data_allowance_mb, on_sale) VALUES (?, ?, ?, ?, ?, ?)');
  for (const p of cat.plans) planStmt.run(p.id, p.name.zh, p.name.en, p.monthlyFee, p.dataAllowanceMb, p.onSale ? 1 : 0);

  const fit = new BatchInsert(db, 'INSERT INTO group_channel_fit (group_id, channel_id, awareness, acceptance, ease, ordering, score)', 7);
  const prior = new BatchInsert(db, 'INSERT INTO response_estimates (group_id, channel_id, category, alpha, beta)', 5);
  for (const f of computeFit(rng)) {
    fit.add(f.group, f.channel, f.awareness, f.acceptance, f.ease, f.ordering, f.score);
    for (const category of PRODUCT_CATEGORIES) {
      const { alpha, beta } = responsePrior(f.score, f.group, f.channel, category);
      prior.add(f.group, f.channel, category, alpha, beta);
    }
  }
  fit.flush();
  prior.flush();
}
