import { ORG_UNITS } from '../../catalogue/org.js';
import { PRODUCT_BY_ID } from '../../catalogue/products.js';
import { t } from '../../text.js';
import type { FlowGraph } from '../graph.js';
import { issue } from '../issues.js';
import type { Report } from './names.js';

/** The campaign settings outside the canvas: offer, owner, period. */
export function checkDocument(graph: FlowGraph, report: Report): void {
  const { doc } = graph;
  if (!Object.hasOwn(PRODUCT_BY_ID, doc.productId)) {
    report(issue('UNKNOWN_PRODUCT', t(`产品「${doc.productId}」不在产品目录中`, `Product "${doc.productId}" is not in the product catalogue`), { path: ['productId'] }));
  } else {
    // The catalogue's validity (#18): a campaign entirely outside it would sell an offer that cannot be ordered.
    const p = PRODUCT_BY_ID[doc.productId]!;
    if ((p.validTo && doc.period.start > p.validTo) || (p.validFrom && doc.period.end < p.validFrom)) {
      const span = `${p.validFrom ?? '…'} ~ ${p.validTo ?? '…'}`;
      report(issue('PRODUCT_NOT_ON_SALE', t(`产品「${p.name.zh}」的有效期（${span}）与活动时间不重叠`, `Product "${p.name.en}" is on sale ${span}, outside the campaign period`), { path: ['productId'] }));
    }
  }
  // Read on every call: admins add units to the catalogue while the process runs.
  if (!ORG_UNITS.some((u) => u.id === doc.orgUnit)) {
    report(issue('UNKNOWN_ORG_UNIT', t(`归属单位「${doc.orgUnit}」不存在（应为 province 或地市 ID）`, `Organisation unit "${doc.orgUnit}" does not exist (use 'province' or a city id)`), { path: ['orgUnit'] }));
  }
  // ISO dates compare correctly as strings.
  if (doc.period.end < doc.period.start) {
    report(issue('PERIOD_INVALID', t(`活动结束日期 ${doc.period.end} 早于开始日期 ${doc.period.start}`, `The period ends (${doc.period.end}) before it starts (${doc.period.start})`), { path: ['period', 'end'] }));
  }
}
