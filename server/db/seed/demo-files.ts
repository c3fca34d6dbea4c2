import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS } from '../../../shared/catalogue/channels.js';
import type { Dataset } from '../../data/fields.js';
import { deriveSeed, Rng } from './rng.js';
import { BLACKLIST, demoSubscribers, type DemoSubscriber } from './subscribers.js';

/**
 * The subscriber export as a warehouse writes it: Chinese headers, one column per attribute, mapped to
 * attribute keys by `mapping.json` (what an operator hands the import with its own file).
 */
const SUBSCRIBER_COLUMNS = [
  ['手机号码', 'phone'], ['客户姓名', 'name'], ['地市', 'city'], ['区县', 'district'], ['客户群', 'group'], ['当前套餐', 'plan'],
  ['月均消费', 'arpu'], ['当月流量', 'dataUsedMb'], ['套餐流量', 'dataAllowanceMb'], ['在网月数', 'tenureMonths'], ['年龄', 'age'],
  ['智能机', 'smartphone'], ['已有宽带', 'hasBroadband'], ['商城未登录天数', 'dormantDays'], ['离网风险分', 'churnRisk'], ['入网日期', 'joinedOn'],
] as const satisfies readonly (readonly [string, keyof DemoSubscriber])[];

export interface DemoFile {
  dataset: Dataset;
  file: string;
  /** Data rows (the header not counted). */
  rows: number;
  /** The saved exclusion list's name (dataset exclusion). */
  list?: string;
}

export interface DemoFiles {
  /** `mapping.json`: the subscriber file's headers → attribute keys. */
  mapping: string;
  /** In import order: the base first, then what names its customers by phone. */
  files: DemoFile[];
}

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A CSV file written in chunks, waiting for the disk when the stream's buffer is full. */
class CsvOut {
  rows = 0;
  private chunk = '';
  private readonly out: WriteStream;

  constructor(readonly file: string, header: readonly string[]) {
    this.out = createWriteStream(file);
    this.chunk = `${header.join(',')}\n`;
  }

  async add(...cells: (string | number | null)[]): Promise<void> {
    this.chunk += `${cells.map(cell).join(',')}\n`;
    this.rows++;
    if (this.chunk.length > 256 * 1024) await this.write();
  }

  async end(): Promise<void> {
    await this.write();
    await new Promise<void>((done, fail) => {
      this.out.once('error', fail);
      this.out.end(() => done());
    });
  }

  private write(): Promise<void> {
    const ok = this.out.write(this.chunk);
    this.chunk = '';
    return ok ? Promise.resolve() : new Promise((r) => this.out.once('drain', () => r()));
  }
}

/**
 * Write the demo data set as the operator's files into `dir`: the subscriber export and its mapping,
 * product holdings (phone, product), opt-outs (phone, channel), DND (phone) and the saved blacklist
 * (phone). The rows are `demoSubscribers` — the sync seed's — drawn from the same stream, so the same
 * seed and size give byte-identical files, and importing them gives the sync seed's tables.
 */
export async function writeDemoFiles(dir: string, opts: { subscribers: number; seed: number }): Promise<DemoFiles> {
  mkdirSync(dir, { recursive: true });
  const mapping = join(dir, 'mapping.json');
  writeFileSync(mapping, `${JSON.stringify({ columns: Object.fromEntries(SUBSCRIBER_COLUMNS) }, null, 2)}\n`);
  const base = new CsvOut(join(dir, 'subscribers.csv'), SUBSCRIBER_COLUMNS.map(([h]) => h));
  const products = new CsvOut(join(dir, 'products.csv'), ['phone', 'product']);
  const optout = new CsvOut(join(dir, 'optout.csv'), ['phone', 'channel']);
  const dnd = new CsvOut(join(dir, 'dnd.csv'), ['phone']);
  const blacklist = new CsvOut(join(dir, `${BLACKLIST}.csv`), ['phone']);
  const rows = demoSubscribers(new Rng(deriveSeed(opts.seed, 'subscribers')), opts.subscribers);
  for (let next = rows.next(); ; next = rows.next()) {
    if (next.done) {
      for (const b of next.value) await blacklist.add(b.phone);
      break;
    }
    const s = next.value;
    await base.add(...SUBSCRIBER_COLUMNS.map(([, key]) => s[key]));
    for (const p of s.products) await products.add(s.phone, p);
    for (let i = 0; i < CHANNELS.length; i++) if (s.optOutMask & (2 ** i)) await optout.add(s.phone, CHANNELS[i]!.id);
    if (s.dnd) await dnd.add(s.phone);
  }
  const outs = [base, products, optout, dnd, blacklist];
  await Promise.all(outs.map((o) => o.end()));
  const datasets: Dataset[] = ['subscribers', 'products', 'optout', 'dnd', 'exclusion'];
  return {
    mapping,
    files: outs.map((o, i) => ({ dataset: datasets[i]!, file: o.file, rows: o.rows, ...(datasets[i] === 'exclusion' ? { list: BLACKLIST } : {}) })),
  };
}
