import { t } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import type { BoundField } from './mapping.js';
import type { BadRowReport } from './report.js';
import type { ImportScope } from './scope.js';
import { DEDUP_KEYS, type Stage } from './stage.js';

/**
 * Whole-file checks on the loaded stage, each reporting its bad rows and dropping them from the stage:
 * a key repeated within the file (every later line is bad, pointing at the first), and rows naming a
 * customer that is not in the base or not of the caller's unit.
 */
export function checkStage(db: Db, stage: Stage, bound: readonly BoundField[], report: BadRowReport, scope: ImportScope | null): void {
  const header = (column: string): string => bound.find((b) => b.field.column === column)?.header ?? column;
  const bad: number[] = [];
  const keys = DEDUP_KEYS[stage.dataset];
  const groups = db.prepare(`SELECT ${keys.join(', ')}, min(line) AS first FROM ${stage.table} GROUP BY ${keys.join(', ')} HAVING count(*) > 1`).raw().iterate() as IterableIterator<unknown[]>;
  const later = db.prepare(`SELECT line FROM ${stage.table} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')} AND line > ? ORDER BY line`).pluck();
  const dups: unknown[][] = [...groups];
  for (const g of dups) {
    const first = Number(g[keys.length]);
    for (const line of later.all(...g.slice(0, keys.length), first) as number[]) {
      bad.push(line);
      report.add({ line, column: header('phone'), reason: t(`与第 ${first} 行重复`, `duplicates line ${first}`) });
    }
  }
  stage.dropLines(bad);
  bad.length = 0;

  if (stage.dataset === 'subscribers') {
    if (stage.columns.includes('district')) checkDistricts(db, stage, header('district'), report, bad);
    // a city or district admin may not take over another unit's customer by naming the phone
    const foreign = scope ? db.prepare(`SELECT st.line FROM ${stage.table} st JOIN subscribers s ON s.phone = st.phone WHERE ${scope.outside}`).pluck().all(...scope.params) as number[] : [];
    for (const line of foreign) {
      bad.push(line);
      report.add({ line, column: header('phone'), reason: t('该号码属于其他单位的客户', 'this number belongs to a customer of another unit') });
    }
  } else {
    const byId = stage.dataset === 'exclusion' ? `OR (st.subscriber_id <> 0 AND s.id = st.subscriber_id)` : '';
    const unknown = db.prepare(`SELECT st.line FROM ${stage.table} st WHERE NOT EXISTS (SELECT 1 FROM subscribers s WHERE ((st.phone <> '' AND s.phone = st.phone) ${byId})${scope ? ` AND ${scope.inside}` : ''})`)
      .pluck().all(...(scope?.params ?? [])) as number[];
    for (const line of unknown) {
      bad.push(line);
      report.add({ line, column: header('phone'), reason: scope ? t('不是本单位的客户', 'not a customer of your unit') : t('客户库中没有该客户', 'no such customer in the base') });
    }
  }
  stage.dropLines(bad);
}

/** A district must lie in the row's city; an empty district cell is "none kept" (NULL in the store). */
function checkDistricts(db: Db, stage: Stage, column: string, report: BadRowReport, bad: number[]): void {
  const wrong = db.prepare(`SELECT st.line, st.district, st.city FROM ${stage.table} st
      WHERE st.district <> '' AND NOT EXISTS (SELECT 1 FROM org_units o WHERE o.id = st.district AND o.parent = st.city)`).all() as { line: number; district: string; city: string }[];
  for (const w of wrong) {
    bad.push(w.line);
    report.add({ line: w.line, column, reason: t(`区县 ${w.district} 不属于地市 ${w.city}`, `district ${w.district} is not in city ${w.city}`) });
  }
  db.exec(`UPDATE ${stage.table} SET district = NULL WHERE district = ''`);
}
