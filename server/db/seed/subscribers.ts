import { CHANNELS, type ChannelId } from '../../../shared/catalogue/channels.js';
import { GROUP_IDS, type GroupId } from '../../../shared/catalogue/groups.js';
import { demoCatalogue } from '../../../shared/catalogue/active.js';
import { ORG_UNITS, unitLevel, type OrgUnitDef } from '../../../shared/catalogue/org.js';
import type { Db } from '../open.js';
import { BatchInsert } from './batch.js';
import { Rng, WeightedPicker } from './rng.js';

/** "Today" of the demo data set: tenure, join dates and the daily-newcomer slice are relative to it. */
export const REFERENCE_DATE = '2026-11-23';

/** Name of the saved exclusion list of complainants (黑名单). */
export const BLACKLIST = 'blacklist';
export const BLACKLIST_SIZE = 500;

/** Share of subscribers who joined in the 7 days before REFERENCE_DATE (≈300 of 200,000). */
const NEWCOMER_SHARE = 0.0015;
const DAYS_PER_MONTH = 30.4375;
/** Oldest line in the data set: ~25 years. */
const MAX_TENURE_DAYS = 25 * 365;

interface GroupProfile {
  /** Relative share of the base. */
  weight: number;
  /** Age: mean, sd, min, max. */
  age: readonly [number, number, number, number];
  /** Tariff plan ids of the demo catalogue, with their weights. */
  plans: readonly (readonly [string, number])[];
  /** Probability of a smartphone. */
  smartphone: number;
  /** Probability of home broadband with us. */
  broadband: number;
  /** Probability (for a smartphone user) of using more than 80% of the data allowance. */
  heavy: number;
  /** Mean tenure of a line, months. */
  tenureMonths: number;
  /** Age of a typical first own phone line, bounds tenure. */
  firstLineAge: number;
  /** Mean days since last online-mall login, for smartphone users. */
  dormantMean: number;
  /** Base churn-risk score 0..100. */
  churn: number;
  dnd: number;
  /** Outbound-call opt-out probability. */
  callOptOut: number;
  /** Multipliers on the city shares (farmers live outside the big two, migrant workers in Dongguan…). */
  cityBias?: Partial<Record<string, number>>;
}

const GROUPS: Record<GroupId, GroupProfile> = {
  student: {
    weight: 0.1, age: [20.5, 1.8, 17, 26], plans: [['campus_29', 0.72], ['lite_38', 0.14], ['plan_58', 0.09], ['plan_128_5g', 0.05]],
    smartphone: 0.99, broadband: 0.01, heavy: 0.32, tenureMonths: 30, firstLineAge: 14, dormantMean: 12, churn: 32, dnd: 0.015, callOptOut: 0.01,
    cityBias: { gz: 1.3, zh: 1.2 },
  },
  business: {
    weight: 0.08, age: [39, 7, 26, 62], plans: [['plan_128_5g', 0.36], ['plan_198_5g', 0.3], ['plan_88', 0.14], ['plan_58', 0.2]],
    smartphone: 0.98, broadband: 0.1, heavy: 0.22, tenureMonths: 110, firstLineAge: 18, dormantMean: 25, churn: 20, dnd: 0.05, callOptOut: 0.04,
    cityBias: { gz: 1.2, sz: 1.35, fs: 0.7, dg: 0.7 },
  },
  homemaker: {
    weight: 0.09, age: [38, 7, 24, 58], plans: [['lite_38', 0.3], ['plan_58', 0.3], ['plan_88', 0.3], ['basic_18', 0.1]],
    smartphone: 0.93, broadband: 0.15, heavy: 0.1, tenureMonths: 85, firstLineAge: 18, dormantMean: 40, churn: 20, dnd: 0.025, callOptOut: 0.015,
  },
  farmer: {
    weight: 0.1, age: [49, 10, 22, 75], plans: [['basic_18', 0.45], ['lite_38', 0.35], ['plan_58', 0.2]],
    smartphone: 0.5, broadband: 0.03, heavy: 0.1, tenureMonths: 90, firstLineAge: 20, dormantMean: 150, churn: 22, dnd: 0.02, callOptOut: 0.01,
    cityBias: { gz: 0.45, sz: 0.25, fs: 1.8, dg: 1.5, zh: 1.6 },
  },
  senior: {
    weight: 0.1, age: [68, 5.5, 60, 90], plans: [['senior_18', 0.55], ['basic_18', 0.35], ['lite_38', 0.1]],
    smartphone: 0.28, broadband: 0.05, heavy: 0.05, tenureMonths: 130, firstLineAge: 35, dormantMean: 200, churn: 14, dnd: 0.06, callOptOut: 0.02,
  },
  young_pro: {
    weight: 0.13, age: [28.5, 3.2, 22, 38], plans: [['plan_58', 0.25], ['plan_88', 0.15], ['plan_128_5g', 0.4], ['plan_198_5g', 0.2]],
    smartphone: 0.99, broadband: 0.06, heavy: 0.3, tenureMonths: 60, firstLineAge: 16, dormantMean: 10, churn: 30, dnd: 0.02, callOptOut: 0.02,
    cityBias: { gz: 1.25, sz: 1.4, fs: 0.7, dg: 0.6, zh: 0.9 },
  },
  migrant: {
    weight: 0.14, age: [31, 7, 18, 55], plans: [['lite_38', 0.4], ['basic_18', 0.2], ['plan_58', 0.3], ['plan_88', 0.1]],
    smartphone: 0.9, broadband: 0.015, heavy: 0.18, tenureMonths: 36, firstLineAge: 16, dormantMean: 60, churn: 45, dnd: 0.015, callOptOut: 0.01,
    cityBias: { gz: 0.9, sz: 1.1, fs: 1.1, dg: 1.8, zh: 0.7 },
  },
  family: {
    weight: 0.16, age: [41, 7, 26, 60], plans: [['plan_88', 0.5], ['plan_58', 0.25], ['plan_128_5g', 0.2], ['plan_198_5g', 0.05]],
    smartphone: 0.97, broadband: 0.2, heavy: 0.14, tenureMonths: 100, firstLineAge: 18, dormantMean: 45, churn: 15, dnd: 0.025, callOptOut: 0.015,
  },
  government: {
    weight: 0.04, age: [43, 8, 25, 60], plans: [['plan_128_5g', 0.4], ['plan_198_5g', 0.35], ['plan_88', 0.25]],
    smartphone: 0.98, broadband: 0.1, heavy: 0.12, tenureMonths: 130, firstLineAge: 18, dormantMean: 40, churn: 10, dnd: 0.04, callOptOut: 0.03,
    cityBias: { gz: 1.5 },
  },
  youth: {
    weight: 0.06, age: [15, 1.5, 12, 17], plans: [['campus_29', 0.3], ['lite_38', 0.4], ['basic_18', 0.2], ['plan_58', 0.1]],
    smartphone: 0.9, broadband: 0.01, heavy: 0.28, tenureMonths: 24, firstLineAge: 10, dormantMean: 20, churn: 35, dnd: 0.01, callOptOut: 0.005,
  },
};

const SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 12], ['李', 8], ['黄', 8], ['张', 6], ['梁', 5], ['林', 5], ['刘', 5], ['吴', 4], ['罗', 4], ['何', 4],
  ['郑', 3], ['王', 4], ['杨', 3], ['周', 3], ['谢', 3], ['郭', 2], ['许', 2], ['邓', 2], ['冯', 2], ['曾', 2],
  ['彭', 2], ['蔡', 2], ['赖', 1], ['朱', 2], ['苏', 2], ['叶', 2], ['潘', 1], ['卢', 2], ['钟', 2], ['邱', 1],
  ['欧阳', 0.3], ['司徒', 0.2],
];
const GIVEN_CHARS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '文', '辉', '玲', '建', '国', '志', '海', '燕', '红', '婷', '雪', '琳', '晨', '浩', '宇', '轩',
  '子', '梓', '欣', '怡', '嘉', '俊', '诗', '雨', '思', '佳', '晓', '家', '铭', '峰', '斌', '丹', '萍', '慧', '鑫', '凯',
] as const;

/** China Mobile-style number blocks 13x / 15x / 18x. */
const PHONE_PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183', '184', '187', '188'] as const;
/** Multiplier coprime with 10^8: id → (A·id + B) mod 10^8 is a bijection, so suffixes (and phones) are unique. */
const PHONE_A = 73_939_133;
const PHONE_MOD = 100_000_000;

const channelIdx = (id: ChannelId): number => {
  const i = CHANNELS.findIndex((c) => c.id === id);
  if (i < 0) throw new Error(`unknown channel ${id}`);
  return i;
};
const BIT_SMS_HALL = 2 ** channelIdx('sms_hall');
const BIT_BULK_SMS = 2 ** channelIdx('bulk_sms');
const BIT_OUTBOUND_CALL = 2 ** channelIdx('outbound_call');
const BIT_WECHAT = 2 ** channelIdx('wechat');

/** YYYY-MM-DD for 0..n days before REFERENCE_DATE, built once. */
function dateTable(n: number): string[] {
  const ref = Date.parse(`${REFERENCE_DATE}T00:00:00Z`);
  const out = new Array<string>(n + 1);
  for (let d = 0; d <= n; d++) out[d] = new Date(ref - d * 86_400_000).toISOString().slice(0, 10);
  return out;
}

const clampInt = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : Math.round(v));

/**
 * A customer's district: the city's districts by their share of it, the rest of the city none. Drawn from a
 * hash of the id rather than the PRNG stream, so adding districts leaves every other attribute as it was.
 */
function districtDraw(districts: readonly OrgUnitDef[]): (city: string, id: number) => string | null {
  const byCity = new Map<string, OrgUnitDef[]>();
  // by id, not catalogue order: a store lists units by share, so a process that loaded its store draws the same
  const sorted = [...districts].sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  for (const d of sorted) if (d.parent && (d.share ?? 0) > 0) byCity.set(d.parent, [...(byCity.get(d.parent) ?? []), d]);
  return (city, id) => {
    const own = byCity.get(city);
    if (!own) return null;
    let x = (Math.imul(id, 0x9e3779b1) >>> 0) / 2 ** 32;
    for (const d of own) {
      x -= d.share!;
      if (x < 0) return d.id;
    }
    return null;
  };
}

/** One synthetic customer: attributes under their catalogue keys, the contact flags and the products held. */
export interface DemoSubscriber {
  id: number;
  phone: string;
  name: string;
  group: GroupId;
  city: string;
  district: string | null;
  plan: string;
  arpu: number;
  dataUsedMb: number;
  dataAllowanceMb: number;
  tenureMonths: number;
  age: number;
  smartphone: 0 | 1;
  hasBroadband: 0 | 1;
  dormantDays: number;
  churnRisk: number;
  joinedOn: string;
  dnd: 0 | 1;
  /** Bit per channel (catalogue order) the customer opted out of. */
  optOutMask: number;
  /** Catalogue product ids the customer holds. */
  products: string[];
}

/** The saved blacklist's members, ascending by id: drawn after the last subscriber. */
export type DemoBlacklist = { id: number; phone: string }[];

/**
 * The demo base, the one source of its rows: `count` synthetic subscribers with correlated attributes and
 * their owned products, in id order (1..count), then — as the generator's return value — the saved
 * blacklist. Everything comes from `rng`, so the same seed gives the same rows. The sync seed inserts them
 * (`seedSubscribers`); start-up writes them as the operator's files and imports those (`demo-files.ts`).
 */
export function* demoSubscribers(rng: Rng, count: number): Generator<DemoSubscriber, DemoBlacklist> {
  const cities = ORG_UNITS.filter((u) => unitLevel(u.id) === 'city' && (u.share ?? 0) > 0);
  const districtOf = districtDraw(ORG_UNITS.filter((u) => unitLevel(u.id) === 'district'));
  const plans = Object.fromEntries(demoCatalogue().plans.map((p) => [p.id, p]));
  const groupPicker = new WeightedPicker(GROUP_IDS.map((g) => [g, GROUPS[g].weight] as const));
  const cityPicker = {} as Record<GroupId, WeightedPicker<string>>;
  const planPicker = {} as Record<GroupId, WeightedPicker<string>>;
  for (const g of GROUP_IDS) {
    cityPicker[g] = new WeightedPicker(cities.map((c) => [c.id, c.share! * (GROUPS[g].cityBias?.[c.id] ?? 1)] as const));
    planPicker[g] = new WeightedPicker(GROUPS[g].plans);
  }
  const surnamePicker = new WeightedPicker(SURNAMES);
  const vasProducts = ['vas_video', 'vas_cloud', 'vas_music'] as const;
  const dates = dateTable(MAX_TENURE_DAYS);
  const phoneB = rng.int(0, PHONE_MOD - 1);
  // the blacklist names customers by phone; a byte per customer rebuilds any phone from its id
  const prefixOf = new Uint8Array(count + 1);
  const phoneOf = (id: number): string => PHONE_PREFIXES[prefixOf[id]!]! + String((PHONE_A * id + phoneB) % PHONE_MOD).padStart(8, '0');

  for (let id = 1; id <= count; id++) {
    const group = groupPicker.pick(rng);
    const p = GROUPS[group];
    const city = cityPicker[group].pick(rng);
    const plan = planPicker[group].pick(rng);
    const district = districtOf(city, id);
    const { monthlyFee: fee, dataAllowanceMb: allowance } = plans[plan]!;

    const age = clampInt(rng.normalIn(p.age[0], p.age[1], p.age[2], p.age[3]), p.age[2], p.age[3]);
    // Older seniors even less often have a smartphone.
    const smartProb = group === 'senior' ? Math.max(0.05, p.smartphone - (age - 65) * 0.015) : p.smartphone;
    const smartphone = rng.chance(smartProb);

    // Tenure: a few hundred brand-new lines, otherwise a skewed spread bounded by the subscriber's age.
    let days: number;
    if (rng.chance(NEWCOMER_SHARE)) {
      days = rng.int(0, 6);
    } else {
      const maxDays = Math.max(30, Math.min(MAX_TENURE_DAYS, (age - p.firstLineAge) * 365));
      const mean = Math.min(p.tenureMonths * DAYS_PER_MONTH, (maxDays - 7) / 2);
      days = 7 + Math.floor((rng.float() + rng.float()) * mean);
    }
    const tenureMonths = Math.floor(days / DAYS_PER_MONTH);

    // Data usage: heavy users pass 80% of the allowance (some run over it); feature phones barely use data.
    const heavy = rng.chance(smartphone ? p.heavy : p.heavy * 0.2);
    let ratio = heavy ? rng.range(0.81, 1.35) : 0.02 + 0.38 * (rng.float() + rng.float());
    if (!heavy && !smartphone) ratio *= 0.35;
    const dataUsed = Math.floor(ratio * allowance);

    // ARPU: plan fee plus calls / extras, plus out-of-bundle data at ~3 yuan per GB.
    const overGb = ratio > 1 ? ((ratio - 1) * allowance) / 1024 : 0;
    const arpuRaw = Math.max(fee * 0.85, fee * (1.06 + 0.1 * rng.normal()) + overGb * 3);
    const arpu = Math.round(arpuRaw * 100) / 100;

    const hasBroadband = rng.chance(p.broadband);

    let dormant: number;
    if (!smartphone) dormant = rng.int(365, 1095);
    else if (rng.chance(0.08)) dormant = rng.int(180, 720);
    else dormant = Math.floor((rng.float() + rng.float()) * p.dormantMean);

    let churn = p.churn + 12 * rng.normal();
    if (tenureMonths < 6) churn += 15;
    else if (tenureMonths < 12) churn += 8;
    else if (tenureMonths > 60) churn -= 10;
    if (ratio > 1) churn += 8;
    if (dormant > 180 && smartphone) churn += 5;
    const churnRisk = clampInt(churn, 0, 100);

    const dnd = rng.chance(p.dnd) ? 1 : 0;
    let optOut = 0;
    if (rng.chance(0.05)) optOut += BIT_BULK_SMS;
    if (rng.chance(p.callOptOut)) optOut += BIT_OUTBOUND_CALL;
    if (rng.chance(0.005)) optOut += BIT_SMS_HALL;
    if (smartphone && rng.chance(0.005)) optOut += BIT_WECHAT;

    prefixOf[id] = Math.floor(rng.float() * PHONE_PREFIXES.length);
    const phone = phoneOf(id);
    let name = surnamePicker.pick(rng) + rng.pick(GIVEN_CHARS);
    if (rng.chance(0.75)) name += rng.pick(GIVEN_CHARS);

    // Owned products (~10% of subscribers own at least one).
    const products: string[] = [];
    if (hasBroadband) products.push(group === 'family' && rng.chance(0.4) ? 'bb_family' : 'bb_300m');
    if (heavy && smartphone && rng.chance(0.06)) products.push('dp_10g');
    if (smartphone && rng.chance(group === 'senior' ? 0.003 : 0.02)) products.push(rng.pick(vasProducts));
    if ((group === 'business' || group === 'young_pro') && smartphone && rng.chance(0.015)) products.push('hs_5g_mid');
    else if (group === 'senior' && !smartphone && rng.chance(0.03)) products.push('hs_senior');

    yield {
      id, phone, name, group, city, district, plan, arpu, dataUsedMb: dataUsed, dataAllowanceMb: allowance, tenureMonths, age,
      smartphone: smartphone ? 1 : 0, hasBroadband: hasBroadband ? 1 : 0, dormantDays: dormant, churnRisk, joinedOn: dates[days]!,
      dnd, optOutMask: optOut, products,
    };
  }

  // The saved blacklist: subscribers who complained about marketing contacts.
  const size = Math.min(BLACKLIST_SIZE, Math.floor(count / 10));
  const chosen = new Set<number>();
  while (chosen.size < size) chosen.add(rng.int(1, count));
  return [...chosen].sort((a, b) => a - b).map((id) => ({ id, phone: phoneOf(id) }));
}

export interface SubscriberSeedStats {
  subscribers: number;
  productRows: number;
  blacklisted: number;
}

/** Insert the demo base (`demoSubscribers`) straight into the tables, inside the caller's transaction. */
export function seedSubscribers(db: Db, rng: Rng, count: number): SubscriberSeedStats {
  const insert = new BatchInsert(db, `INSERT INTO subscribers (id, phone, name, group_id, city, district, plan, arpu, data_used_mb, data_allowance_mb,
    tenure_months, age, smartphone, has_broadband, dormant_days, churn_risk, dnd, opt_out_mask, joined_on)`, 19);
  const own = new BatchInsert(db, 'INSERT INTO subscriber_products (subscriber_id, product_id)', 2);
  const rows = demoSubscribers(rng, count);
  let productRows = 0;
  for (let next = rows.next(); ; next = rows.next()) {
    if (next.done) {
      insert.flush();
      own.flush();
      const black = new BatchInsert(db, 'INSERT INTO exclusion_lists (name, subscriber_id)', 2);
      for (const b of next.value) black.add(BLACKLIST, b.id);
      black.flush();
      return { subscribers: count, productRows, blacklisted: next.value.length };
    }
    const s = next.value;
    insert.add(
      s.id, s.phone, s.name, s.group, s.city, s.district, s.plan, s.arpu, s.dataUsedMb, s.dataAllowanceMb, s.tenureMonths, s.age,
      s.smartphone, s.hasBroadband, s.dormantDays, s.churnRisk, s.dnd, s.optOutMask, s.joinedOn,
    );
    for (const product of s.products) own.add(s.id, product);
    productRows += s.products.length;
  }
}
