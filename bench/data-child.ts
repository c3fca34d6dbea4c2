/**
 * One side of the data-import bench, in its own process so its peak RSS is its own:
 * `raw FILE STORE` inserts the rows with one prepared INSERT per row (the floor), `import FILE STORE`
 * runs the subscriber import. Prints {ms, rows, maxRssMb} as JSON.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { openDb } from '../server/db/open.js';
import { runImport } from '../server/data/import.js';
import { BENCH_MAPPING, RAW_COLUMNS } from './data-file.js';

const [mode, file, store] = process.argv.slice(2) as ['raw' | 'import', string, string];
const db = openDb(store);
const started = performance.now();
let rows = 0;
if (mode === 'raw') {
  // the same columns, already-typed values, one prepared statement, 10,000 rows per transaction
  const insert = db.prepare(`INSERT INTO subscribers (id, ${RAW_COLUMNS.map((c) => c.column).join(', ')}, dnd, opt_out_mask) VALUES (?, ${RAW_COLUMNS.map(() => '?').join(', ')}, 0, 0)`);
  let batch: unknown[][] = [];
  const flush = db.transaction((b: unknown[][]) => { for (const r of b) insert.run(...r); });
  let header = true;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (header) { header = false; continue; }
    const cells = line.split(',');
    batch.push([++rows, ...RAW_COLUMNS.map((c) => (c.numeric ? Number(cells[c.index]) : cells[c.index]))]);
    if (batch.length === 10_000) { flush(batch); batch = []; }
  }
  flush(batch);
} else {
  const s = await runImport(db, { dataset: 'subscribers', file, mapping: BENCH_MAPPING, mode: 'upsert', dryRun: false, encoding: 'auto', maxBadPercent: 0, reportFile: `${file}.bad-rows.csv`, scopeCity: null, jobId: 'bench' });
  if (s.bad > 0 || !s.applied) throw new Error(`bench import: ${s.bad} bad rows`);
  rows = s.rows;
}
const ms = performance.now() - started;
db.close();
process.stdout.write(`${JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
