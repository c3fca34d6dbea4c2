import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJob, runJob } from '../../data/jobs.js';
import type { ImportSummary } from '../../data/import.js';
import { parseMapping } from '../../data/mapping.js';
import type { Db } from '../types.js';
import { writeDemoFiles, type DemoFile } from './demo-files.js';
import { SEED_LOCK, seedReference, type SeedOptions } from './index.js';
import { withSeedLock } from './seed-lock.js';

/** The demo seed's row of `seed_state` (migration 027): stage 0 while its data sets are being imported, 1 once all are in. */
const STATE = 'demo_seed';
/** The generated files' folder (in the system's temp folder), removed after the imports. */
const DIR_PREFIX = 'linkage-demo-seed-';
const ABANDONED = '演示数据导入所在的进程已停止，已重新导入 / The process seeding the demo data stopped; the seed was imported again';

export interface DemoSeedOptions extends SeedOptions {
  /** Called after each data set's import (start-up logs it). */
  onDataset?: (file: DemoFile, summary: ImportSummary) => void | Promise<void>;
  /** Called once if another process is seeding the store and this one waits for it. */
  onWait?: () => void;
}

export interface DemoSeedResult {
  /** This call seeded the store (it was empty, or a seed had stopped half-way). */
  seeded: boolean;
  /** The seed finished one that an earlier process had left half-way. */
  resumed: boolean;
  ms: number;
}

/**
 * Seed a store at start-up the way an operator's data comes in: generate the demo data set as the
 * operator's files and import them through the import pipeline, data set by data set (subscribers,
 * holdings, opt-outs, DND, the saved blacklist). Catalogue and users come from their JSON and code in one
 * transaction with the seed's state row (0: started); the row becomes 1 after the last import. A process
 * that stops in between leaves the row at 0, and the next start imports everything again in `replace`
 * mode — which makes each data set exactly the file whatever the earlier attempt applied. One process at
 * a time (seed-lock.ts); a second waits, then finds the store seeded.
 */
export async function seedDemoStore(db: Db, opts: DemoSeedOptions): Promise<DemoSeedResult> {
  const started = performance.now();
  return withSeedLock(db, SEED_LOCK, async () => {
    const state = claim(db, opts.seed);
    if (state === 'done') return { seeded: false, resumed: false, ms: Math.round(performance.now() - started) };
    // A seeder that died mid-import left its job running, which would refuse this import for a minute (jobs.ts).
    // We hold the seed lock, so a running job on one of a seed's files is a dead seeder's.
    if (state === 'unfinished') db.prepare(`UPDATE data_import_jobs SET status = 'failed', error = ? WHERE status = 'running' AND file LIKE ?`).run(ABANDONED, `${join(tmpdir(), DIR_PREFIX)}%`);
    const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
    try {
      const generated = await writeDemoFiles(dir, opts);
      const mapping = parseMapping(readFileSync(generated.mapping, 'utf8'));
      for (const f of generated.files) {
        // an empty file is no import (the pipeline refuses it); a tiny base has no blacklist, for one
        if (f.rows === 0) continue;
        const options = { mode: 'replace' as const, dryRun: false, encoding: 'utf8' as const, maxBadPercent: 0, list: f.list };
        const jobId = createJob(db, f.dataset, f.file, options, { userId: null, orgUnit: null });
        const summary = await runJob(db, {
          ...options, dataset: f.dataset, file: f.file, mapping: f.dataset === 'subscribers' ? mapping : undefined,
          reportFile: `${f.file}.bad-rows.csv`, scopeCity: null, jobId,
        });
        await opts.onDataset?.(f, summary);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    db.prepare('UPDATE seed_state SET stage = 1 WHERE name = ?').run(STATE);
    // Fresh statistics so the query planner knows the seeded tables' shape (segment counts, exclusions).
    db.exec('ANALYZE');
    return { seeded: true, resumed: state === 'unfinished', ms: Math.round(performance.now() - started) };
  }, opts.onWait);
}

/** Under the seed lock: seed the reference data and mark the seed started on an empty store, else say how far it got. */
function claim(db: Db, seed: number): 'fresh' | 'unfinished' | 'done' {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM org_units LIMIT 1').get() === undefined) {
      seedReference(db, seed);
      db.prepare('INSERT INTO seed_state (name, stage) VALUES (?, 0)').run(STATE);
      return 'fresh' as const;
    }
    // a store seeded before seed_state existed has no row: seeded
    const state = db.prepare('SELECT stage FROM seed_state WHERE name = ?').pluck().get(STATE);
    return state === undefined || Number(state) === 1 ? 'done' as const : 'unfinished' as const;
  }).immediate();
}
