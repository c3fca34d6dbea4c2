import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchFile } from './data-file.js';
import { benchDataScale } from './data-scale.js';
import { fmt, log, runChild } from './util.js';

interface Side { ms: number; rows: number; maxRssMb: number }

/**
 * Issue #18 item 5, import half: import N subscribers from a 20-column CSV into an empty SQLite store
 * vs the raw prepared INSERT of the same rows into the same table, each in its own process and store,
 * in the same run. Targets: import ≥ 0.5× the raw rate; the import's peak RSS ≤ 500 MB.
 */
export async function benchData(opts: { quick: boolean }) {
  // `--data-rows 10000000`: the province-scale run (a ~1.4 GB file in the temp folder)
  const flag = process.argv.indexOf('--data-rows');
  const n = flag >= 0 ? Number(process.argv[flag + 1]) : opts.quick ? 200_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'linkage-bench-data-'));
  try {
    const file = join(dir, 'subscribers.csv');
    log(`data: writing ${fmt(n)} rows × 20 columns`);
    await writeBenchFile(file, n);
    const mb = statSync(file).size / 1e6;
    log('data: raw prepared INSERT');
    const raw = await runChild<Side>('bench/data-child.ts', ['raw', file, join(dir, 'raw.db')]);
    log('data: import');
    const imp = await runChild<Side>('bench/data-child.ts', ['import', file, join(dir, 'import.db')]);
    const rawRate = raw.rows / (raw.ms / 1000);
    const impRate = imp.rows / (imp.ms / 1000);
    const ratio = impRate / rawRate;
    const targets = [
      { name: `data: import ${fmt(n)} subscribers vs raw INSERT`, target: '≥ 0.5×', value: `${fmt(ratio, 2)}× (${fmt(impRate)} vs ${fmt(rawRate)} rows/s)`, met: ratio >= 0.5 },
      { name: `data: import peak RSS (${fmt(n)} rows)`, target: '≤ 500 MB', value: `${fmt(imp.maxRssMb)} MB`, met: imp.maxRssMb <= 500 },
    ];
    const text = `Data import: ${fmt(n)} subscribers, 20 columns (${fmt(mb)} MB CSV), SQLite\n`
      + `  import ${fmt(imp.ms / 1000, 1)} s = ${fmt(impRate)} rows/s, peak RSS ${fmt(imp.maxRssMb)} MB\n`
      + `  raw prepared INSERT ${fmt(raw.ms / 1000, 1)} s = ${fmt(rawRate)} rows/s, peak RSS ${fmt(raw.maxRssMb)} MB\n`
      + `  ratio ${fmt(ratio, 2)}×`;
    const scale = await benchDataScale(dir, opts);
    return { rows: n, csvMb: mb, import: imp, raw, ratio, scale, targets: [...targets, ...scale.targets], text: `${text}\n${scale.text}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
