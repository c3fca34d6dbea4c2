import { createWriteStream } from 'node:fs';
import { CITY_IDS } from '../shared/catalogue/org.js';
import { GROUP_IDS } from '../shared/catalogue/groups.js';
import { PLANS } from '../shared/catalogue/plans.js';

/**
 * The bench's warehouse export: 20 columns — the 15 subscriber attributes of today's set (mapped) and
 * 5 warehouse columns no attribute takes yet (read, not stored) — with Chinese headers and names.
 */
const COLUMNS = [
  ['手机号码', 'phone'], ['地市', 'city'], ['姓名', 'name'], ['客户群', 'group'], ['套餐', 'plan'], ['月均消费', 'arpu'],
  ['当月流量', 'dataUsedMb'], ['套餐流量', 'dataAllowanceMb'], ['在网月数', 'tenureMonths'], ['年龄', 'age'], ['智能机', 'smartphone'],
  ['宽带', 'hasBroadband'], ['未登录天数', 'dormantDays'], ['离网风险', 'churnRisk'], ['入网日期', 'joinedOn'],
  ['终端品牌', ''], ['渠道偏好', ''], ['积分', ''], ['星级', ''], ['标签', ''],
] as const;

export const BENCH_MAPPING = { columns: Object.fromEntries(COLUMNS.filter(([, k]) => k).map(([h, k]) => [h, k])) };

const STORE: Record<string, string> = {
  phone: 'phone', city: 'city', name: 'name', group: 'group_id', plan: 'plan', arpu: 'arpu', dataUsedMb: 'data_used_mb', dataAllowanceMb: 'data_allowance_mb',
  tenureMonths: 'tenure_months', age: 'age', smartphone: 'smartphone', hasBroadband: 'has_broadband', dormantDays: 'dormant_days', churnRisk: 'churn_risk', joinedOn: 'joined_on',
};
const NUMERIC = new Set(['arpu', 'dataUsedMb', 'dataAllowanceMb', 'tenureMonths', 'age', 'smartphone', 'hasBroadband', 'dormantDays', 'churnRisk']);
/** The raw INSERT's columns: where each is in the file and whether it is a number. */
export const RAW_COLUMNS = COLUMNS.flatMap(([, k], index) => (k ? [{ column: STORE[k]!, index, numeric: NUMERIC.has(k) }] : []));

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];

/** Write `n` rows (deterministic), streamed. */
export async function writeBenchFile(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${COLUMNS.map(([h]) => h).join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const x = (i * 2654435761) >>> 0;
    chunk += `${13_000_000_000 + i * 7},${CITY_IDS[x % CITY_IDS.length]},${SURNAMES[x % 10]}${i % 1000},${GROUP_IDS[x % GROUP_IDS.length]},${PLANS[(x >>> 3) % PLANS.length]!.id},`
      + `${(x % 30000) / 100},${x % 20000},${20000},${x % 300},${18 + (x % 60)},${x & 1},${(x >>> 1) & 1},${x % 400},${x % 100},2020-0${1 + (x % 9)}-1${x % 10},`
      + `品牌${x % 7},短信,${x % 5000},${x % 5},高价值\n`;
    if (i % 2000 === 1999) { await write(chunk); chunk = ''; }
  }
  await write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}
