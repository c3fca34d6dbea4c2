import { t, type Text } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import { applyDnd, applyExclusion, applyOptOuts, applyProducts, type ListChanges } from './apply-lists.js';
import { applySubscribers, type SubscriberChanges } from './apply-subscribers.js';
import { checkStage } from './checks.js';
import type { CsvRecord } from './csv-lines.js';
import type { EncodingOption } from './csv-source.js';
import { ImportError } from './errors.js';
import { DATASET_FIELDS, type Dataset } from './fields.js';
import { bindHeader, type BoundField, type Mapping } from './mapping.js';
import { BadRowReport } from './report.js';
import { rebuildSample } from './sample-rebuild.js';
import { importScope, type ImportScope } from './scope.js';
import { Stage } from './stage.js';
import { readRecords } from './source.js';
import { parseCell, type RowError } from './validate.js';

export type ImportMode = 'upsert' | 'replace';

export interface ImportOptions {
  dataset: Dataset;
  file: string;
  mapping?: Mapping | undefined;
  mode: ImportMode;
  dryRun: boolean;
  encoding: EncodingOption;
  /** Bad rows tolerated, as a percentage of the data rows; above it nothing is applied. 0 (default): any bad row fails the import. */
  maxBadPercent: number;
  /** Where the bad-row CSV goes. */
  reportFile: string;
  /** A city admin's city (a district admin's: its city): rows and removals are limited to its customers. null: the whole province. */
  scopeCity: string | null;
  /** A district admin's district (in `scopeCity`): rows name it, and only its customers are named, changed or removed. */
  scopeDistrict?: string | null | undefined;
  /** The saved exclusion list's name (dataset exclusion). */
  list?: string | undefined;
  jobId: string;
}

export interface ImportHooks {
  /** After each batch: rows read so far. */
  progress?(rowsDone: number): void;
  /** Asked after each batch; true stops the import, nothing applied. */
  cancelled?(): boolean;
}

export interface ImportSummary {
  dataset: Dataset;
  mode: ImportMode;
  dryRun: boolean;
  rows: number;
  good: number;
  bad: number;
  applied: boolean;
  changes?: SubscriberChanges | ListChanges;
  reportFile: string;
  badSample: RowError[];
  ms: number;
}

const BATCH = 2_000;
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** One record as its stage row, or the cell errors that make it bad. */
function stageRow(bound: readonly (BoundField & { slot: number })[], template: unknown[], line: number, cells: readonly string[], errors: RowError[]): unknown[] | null {
  const row = template.slice();
  row[0] = line;
  let ok = true;
  for (const b of bound) {
    const p = parseCell(b.field, cells[b.index] ?? '');
    if (p.ok) row[b.slot] = p.value;
    else {
      ok = false;
      errors.push({ line, column: b.header, reason: p.reason });
    }
  }
  return ok ? row : null;
}

/**
 * Import a CSV or Parquet file into one data set: stream it in batches into a private stage table (row checks on
 * the way), run the whole-file checks, then apply everything in one transaction — or nothing, when
 * the file is bad beyond the threshold, the run is a dry run, or it is cancelled.
 */
export async function runImport(db: Db, o: ImportOptions, hooks: ImportHooks = {}): Promise<ImportSummary> {
  const started = Date.now();
  if (o.dataset === 'exclusion' && !o.list) throw new ImportError(t('导入排除名单需要名单名称（--list）', 'an exclusion list import needs the list name (--list)'), 'mapping');
  const report = new BadRowReport(o.reportFile);
  const records = readRecords(o.file, o.encoding);
  let header: CsvRecord | undefined;
  let first: CsvRecord[] = [];
  while (!header) {
    const next = await records.next();
    if (next.done) throw new ImportError(t('文件是空的', 'the file is empty'));
    [header, ...first] = next.value;
  }
  const stage = new Stage(db, o.dataset);
  try {
    const fields = bindHeader(o.dataset, header.cells, o.mapping).map((b) => ({ ...b, slot: stage.columns.indexOf(b.field.column) }));
    const template: unknown[] = stage.columns.map(() => null);
    for (const f of DATASET_FIELDS[o.dataset].fields) template[stage.columns.indexOf(f.column)] = f.fallback ?? null;
    const cityIdx = fields.find((b) => b.field.key === 'city');
    const districtIdx = fields.find((b) => b.field.key === 'district');
    const scope = importScope(o.scopeCity, o.scopeDistrict);
    if (o.scopeDistrict && o.dataset === 'subscribers' && !districtIdx) {
      throw new ImportError(t(`区县管理员导入客户时文件须有区县列（district），每行为本区县 ${o.scopeDistrict}`, `a district admin's customer file needs a district column, each row naming ${o.scopeDistrict}`), 'mapping');
    }
    let rows = 0;
    let batch: unknown[][] = [];
    const errors: RowError[] = [];
    const flush = async () => {
      stage.load(batch);
      batch = [];
      for (const e of errors) report.add(e);
      errors.length = 0;
      report.flush();
      hooks.progress?.(rows);
      await yieldToLoop();
      if (hooks.cancelled?.()) throw new ImportError(t('导入已取消，数据未改动', 'import cancelled; nothing was changed'), 'cancelled');
    };
    const take = async (records: readonly CsvRecord[]) => {
      for (const r of records) {
        rows++;
        const row = stageRow(fields, template, r.line, r.cells, errors);
        if (row && scope && cityIdx && row[cityIdx.slot] !== o.scopeCity) {
          errors.push({ line: r.line, column: cityIdx.header, reason: t(`只能导入本单位（${scope.unit}）的客户`, `only customers of your unit (${scope.unit}) can be imported`) });
        } else if (row && o.scopeDistrict && districtIdx && row[districtIdx.slot] !== o.scopeDistrict) {
          const named = String(row[districtIdx.slot] ?? '');
          errors.push({
            line: r.line, column: districtIdx.header,
            reason: named ? t(`区县 ${named} 不是本单位（${o.scopeDistrict}）：只能导入本区县的客户`, `district ${named} is not your unit (${o.scopeDistrict}): only your district's customers can be imported`)
              : t(`区县为空：只能导入本单位（${o.scopeDistrict}）的客户`, `no district: only customers of your unit (${o.scopeDistrict}) can be imported`),
          });
        } else if (row && o.dataset === 'exclusion' && row[1] === '' && row[2] === 0) {
          errors.push({ line: r.line, column: fields[0]!.header, reason: t('需要手机号或客户编号', 'needs a phone number or a customer id') });
        } else if (row) batch.push(row);
        if (batch.length + errors.length >= BATCH) await flush();
      }
    };
    await take(first);
    for await (const b of records) await take(b);
    await flush();
    stage.index();
    checkStage(db, stage, fields, report, scope);
    report.flush();
    const summary: ImportSummary = { dataset: o.dataset, mode: o.mode, dryRun: o.dryRun, rows, good: rows - report.count, bad: report.count, applied: false, reportFile: o.reportFile, badSample: report.sample, ms: 0 };
    if (rows === 0) throw new ImportError(t('文件只有表头，没有数据行', 'the file has a header and no data rows'));
    if (report.count > 0 && (report.count * 100) / rows > o.maxBadPercent) {
      throw new ImportError(tooMany(report.count, rows, o.maxBadPercent), 'bad_rows', { ...summary, ms: Date.now() - started });
    }
    if (hooks.cancelled?.()) throw new ImportError(t('导入已取消，数据未改动', 'import cancelled; nothing was changed'), 'cancelled');
    if (!o.dryRun) {
      const now = Date.now();
      summary.changes = db.transaction(() => {
        const changes = applyDataset(db, o, scope, stage, fields.map((b) => b.field.column), now);
        // the live count's sample carries the columns these data sets change (attributes, dnd, opt-outs)
        if (o.dataset === 'subscribers' || o.dataset === 'optout' || o.dataset === 'dnd') rebuildSample(db);
        return changes;
      })();
      summary.applied = true;
    }
    summary.ms = Date.now() - started;
    return summary;
  } finally {
    await records.return(undefined);
    stage.drop();
  }
}

function applyDataset(db: Db, o: ImportOptions, scope: ImportScope | null, stage: Stage, mapped: string[], now: number): SubscriberChanges | ListChanges {
  const replace = o.mode === 'replace';
  const detail = `import ${o.jobId}`;
  switch (o.dataset) {
    case 'subscribers': return applySubscribers(db, stage, mapped, replace, scope, now);
    case 'products': return applyProducts(db, stage, replace, scope);
    case 'optout': return applyOptOuts(db, stage, replace, scope, detail, now);
    case 'dnd': return applyDnd(db, stage, replace, scope, detail, now);
    default: return applyExclusion(db, stage, o.list!, replace, scope, o.jobId, now);
  }
}

const tooMany = (bad: number, rows: number, max: number): Text => t(
  `${rows} 行中有 ${bad} 行有误（超过允许的 ${max}%），未导入任何数据；错误明细见报告`,
  `${bad} of ${rows} rows are bad (more than the ${max}% allowed); nothing was imported — see the report for each row`,
);
