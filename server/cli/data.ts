/**
 * The data CLI: `npm run data -- import subscribers FILE [--mapping m.json] [--mode upsert|replace] [--dry-run]`.
 * Imports the operator's own data into the configured store (DATABASE_URL or DATABASE_PATH) through
 * the same job path as the admin API: one import per data set at a time, all or nothing.
 * `npm run data -- generate demo --out DIR` writes the demo data set as such files (what first start imports).
 */
import { readFileSync } from 'node:fs';
import { loadConfig, storeLocation } from '../config.js';
import { openDb } from '../db/open.js';
import { refreshActive } from '../core/active-catalogue.js';
import '../data/references.js';
import { USAGE, parseImportArgs } from '../data/cli-args.js';
import { ImportError } from '../data/errors.js';
import { createJob, runJob } from '../data/jobs.js';
import { parseMapping } from '../data/mapping.js';
import { generateDemoCommand } from './commands/generate-demo.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const fail = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'generate') return generateDemoCommand.run(argv.slice(1), { out: say, err: fail, readFile: (p) => readFileSync(p, 'utf8') });
  const a = parseImportArgs(argv);
  if ('error' in a) {
    fail(`${a.error.zh} / ${a.error.en}\n${USAGE}`);
    return 2;
  }
  const db = openDb(storeLocation(loadConfig()));
  // The mapping names attributes of the store's catalogue, not only the seeded ones.
  refreshActive(db);
  try {
    const mapping = a.mapping ? parseMapping(readMapping(a.mapping)) : undefined;
    const reportFile = a.report ?? `${a.file}.bad-rows.csv`;
    const options = { mode: a.mode, dryRun: a.dryRun, encoding: a.encoding, maxBadPercent: a.maxBadPercent, list: a.list };
    const jobId = createJob(db, a.dataset, a.file, options, { userId: null, orgUnit: null });
    const s = await runJob(db, { ...options, dataset: a.dataset, file: a.file, mapping, reportFile, scopeCity: null, jobId });
    say(`${s.dryRun ? 'dry run: ' : ''}${s.rows} rows, ${s.good} good, ${s.bad} bad (${s.ms} ms)${s.applied ? `; applied ${JSON.stringify(s.changes)}` : '; nothing applied'}`);
    if (s.bad > 0) say(`bad rows: ${s.reportFile}`);
    return 0;
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    fail(e.message);
    if (e.summary) fail(`${e.summary.rows} rows, ${e.summary.good} good, ${e.summary.bad} bad; bad rows: ${e.summary.reportFile}`);
    return 1;
  } finally {
    db.close();
  }
}

function readMapping(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ImportError({ zh: `无法读取映射文件 ${path}`, en: `cannot read the mapping file ${path}` }, 'mapping');
  }
}

process.exitCode = await main(process.argv.slice(2));
