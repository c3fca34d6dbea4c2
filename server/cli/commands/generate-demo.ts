import { writeDemoFiles } from '../../db/seed/demo-files.js';
import type { Command } from './types.js';

const USAGE = 'demo --out DIR [--subscribers N] [--seed S]';
const DEFAULTS = { subscribers: 200_000, seed: 20261123 };
/** Past this the blacklist's one byte per customer and the files (≈90 bytes a row) get large; 50 M is 4.5 GB of CSV. */
const MAX_SUBSCRIBERS = 50_000_000;

/**
 * `npm run data -- generate demo [--subscribers N] [--seed S] --out DIR`: the demo data set as the
 * operator's files (the same ones the server imports on first start), then the commands that import them.
 */
export const generateDemoCommand: Command = {
  name: 'generate',
  summary: 'write the demo data set as the operator\'s CSV files (and their mapping)',
  usage: USAGE,
  async run(args, io) {
    const [what, ...rest] = args;
    const o: { subscribers: number; seed: number; out?: string } = { ...DEFAULTS };
    let error = what === 'demo' ? null : `生成什么？只支持 demo / generate what? only "demo" is supported`;
    for (let i = 0; i < rest.length && !error; i += 2) {
      const [k, v] = [rest[i]!, rest[i + 1]];
      if (v === undefined) error = `${k} 缺少取值 / ${k} needs a value`;
      else if (k === '--out') o.out = v;
      else if (k === '--subscribers' && /^\d+$/.test(v) && Number(v) <= MAX_SUBSCRIBERS) o.subscribers = Number(v);
      else if (k === '--seed' && /^-?\d+$/.test(v)) o.seed = Number(v);
      else if (k === '--subscribers') error = `--subscribers 应为 0 到 ${MAX_SUBSCRIBERS} 的整数 / --subscribers must be a whole number from 0 to ${MAX_SUBSCRIBERS}`;
      else if (k === '--seed') error = `--seed 应为整数 / --seed must be a whole number`;
      else error = `无法识别的参数 ${k} / unrecognised option ${k}`;
    }
    if (!error && !o.out) error = '需要 --out 目录 / --out DIR is required';
    if (error) {
      io.err(error);
      io.err(`usage: npm run data -- generate ${USAGE}`);
      return 2;
    }
    const { mapping, files } = await writeDemoFiles(o.out!, { subscribers: o.subscribers, seed: o.seed });
    for (const f of files) io.out(`${f.file}: ${f.rows} rows (${f.dataset})`);
    io.out('');
    io.out('import them, in this order, with:');
    for (const f of files) {
      if (f.rows === 0) continue;
      const extra = f.dataset === 'subscribers' ? ` --mapping ${mapping}` : f.list ? ` --list ${f.list}` : '';
      io.out(`  npm run data -- import ${f.dataset} ${f.file}${extra}`);
    }
    return 0;
  },
};
