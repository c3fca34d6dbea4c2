import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Db } from '../../../server/db/open.js';

export const HEADER = ['手机号码', '地市', '姓名', '月均消费', '年龄', '智能机', '客户群', '套餐'];
/** The mapping file of these fixtures: Chinese warehouse headers → attribute keys. */
export const MAPPING = { columns: { 手机号码: 'phone', 地市: 'city', 姓名: 'name', 月均消费: 'arpu', 年龄: 'age', 智能机: 'smartphone', 客户群: 'group', 套餐: 'plan' } };

export const row = (phone: string, city = 'gz', name = '张三', arpu = '58.5', age = '30', smart = '是'): string[] => [phone, city, name, arpu, age, smart, 'business', 'plan_58'];
/** New numbers, outside the seed's range. */
export const newPhone = (i: number): string => `199${String(70_000_000 + i).padStart(8, '0')}`;

export function writeCsv(path: string, rows: readonly (readonly string[])[], encoding: 'utf8' | 'gbk' = 'utf8', header = HEADER): void {
  const text = [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
  writeFileSync(path, encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
}

/** Everything an import may change, as one comparable value: "nothing changed" is this, equal before and after. */
export function snapshot(db: Db): unknown {
  return {
    subscribers: db.prepare('SELECT * FROM subscribers ORDER BY id').raw().all(),
    journeys: db.prepare('SELECT run_id, customer_id, state, ended_at, outcome FROM journeys ORDER BY run_id, customer_id').raw().all(),
    products: db.prepare('SELECT count(*) FROM subscriber_products').pluck().get(),
    prefs: db.prepare('SELECT count(*) FROM contact_pref_changes').pluck().get(),
  };
}

/** The base's phones and cities in id order. */
export const base = (db: Db): { id: number; phone: string; city: string }[] =>
  (db.prepare('SELECT id, phone, city FROM subscribers ORDER BY id').all() as { id: number; phone: string; city: string }[]).map((r) => ({ ...r, id: Number(r.id) }));
