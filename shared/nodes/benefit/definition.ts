import { z } from 'zod';
import { PRODUCT_BY_ID } from '../../catalogue/products.js';
import { t, type Lang } from '../../text.js';
import { defineNodeType, type PortDef } from '../define.js';
import { benefitLowering, waitsForExpiry } from './lower.js';

/** What the operator's provisioning interface can grant: the experience stage's free trials. */
export const BENEFIT_KINDS = ['trial_data', 'ringback_trial', 'coupon', 'points'] as const;
export const BENEFIT_KIND_LABELS = {
  trial_data: t('流量体验包', 'Trial data pack'),
  ringback_trial: t('视频彩铃体验', 'Video ringback trial'),
  coupon: t('优惠券', 'Coupon'),
  points: t('积分', 'Points'),
} as const;

/**
 * A benefit granted through the operator's provisioning interface (simulated in the demo). Numbers
 * are 0 for "none" rather than optional, so the generated inspector form can say every field:
 * - `productId`: the catalogue product the benefit leads to ('' = none); a customer who holds it, still
 *   holds this benefit from an earlier grant, or has a call for it pending in any run, leaves through
 *   `already_held` without a grant;
 * - `cost`: yuan per grant, counted in the flow's budget (failed and already-held calls cost nothing);
 * - `expiryDays`: how long the grant lasts (0 = no expiry);
 * - `notifyBeforeHours`: the expiry wait. When set, a granted customer waits in this node until that many
 *   hours before the grant expires and then leaves through `expiring` ("trial ends in 1 day" → a sales
 *   touch); the grant's moment is known to the engine, so the wait is exact without a separate wait node.
 */
export const benefitDataSchema = z.object({
  kind: z.enum(BENEFIT_KINDS),
  benefitCode: z.string().trim().min(1).max(40),
  productId: z.string(),
  cost: z.number().min(0).max(1000),
  expiryDays: z.number().int().min(0).max(365),
  notifyBeforeHours: z.number().int().min(0),
});
export type BenefitData = z.infer<typeof benefitDataSchema>;

const FAILED: PortDef = { id: 'failed', label: t('发放失败', 'Failed'), required: false };
const HELD: PortDef = { id: 'already_held', label: t('已持有', 'Already held'), required: false };

export const benefitNode = defineNodeType({
  type: 'benefit',
  label: t('发放权益', 'Grant benefit'),
  description: t('开通体验：通过运营商开通接口发放流量体验包、视频彩铃体验、优惠券或积分', 'Experience: grant a trial data pack, a video ringback trial, a coupon or points through the operator\'s provisioning interface'),
  icon: 'Gift',
  category: 'channels',
  hasInput: true,
  data: benefitDataSchema,
  defaults: (): BenefitData => ({ kind: 'trial_data', benefitCode: 'TRIAL-5G-3D', productId: '', cost: 1, expiryDays: 3, notifyBeforeHours: 24 }),
  outputs: (d) => [
    waitsForExpiry(d) ? { id: 'expiring', label: t('即将到期', 'Expiring'), required: true } : { id: 'granted', label: t('已发放', 'Granted'), required: true },
    FAILED, HELD,
  ],
  stages: () => ['experience'],
  channels: () => [],
  lower: benefitLowering,
  generate: (pick): BenefitData => ({
    kind: BENEFIT_KINDS[pick(BENEFIT_KINDS.length)]!, benefitCode: `B-${pick(100)}`, productId: '', cost: pick(3), expiryDays: pick(2) * 3, notifyBeforeHours: pick(2) * 12,
  }),
  holdsCustomer: waitsForExpiry,
  // The summary says what is granted; a reviewer also needs the product the trial is meant to sell.
  review: { content: (d) => (d.productId ? [{ label: t('对应产品', 'Product it leads to'), value: PRODUCT_BY_ID[d.productId]?.name ?? t(d.productId, d.productId) }] : []) },
  rules: (d, { report }) => {
    if (d.productId !== '' && !PRODUCT_BY_ID[d.productId]) {
      report('UNKNOWN_PRODUCT', ['productId'], `产品「${d.productId}」不在产品目录中`, `product "${d.productId}" is not in the catalogue`);
    }
    if (d.notifyBeforeHours > 0 && d.expiryDays === 0) {
      report('INVALID_NODE_DATA', ['notifyBeforeHours'], '到期前提醒需要先设置有效期（天）', 'a notice before expiry needs an expiry (days)');
    } else if (d.notifyBeforeHours > 0 && d.notifyBeforeHours >= d.expiryDays * 24) {
      report('INVALID_NODE_DATA', ['notifyBeforeHours'], `到期前 ${d.notifyBeforeHours} 小时提醒，须短于有效期 ${d.expiryDays} 天`, `a notice ${d.notifyBeforeHours} h before expiry must come within the ${d.expiryDays}-day expiry`);
    }
  },
  form: {
    fields: {
      kind: t('权益类型', 'Benefit kind'),
      benefitCode: t('权益编码', 'Benefit code'),
      productId: t('对应产品（可空）', 'Product it leads to (optional)'),
      cost: t('每次发放成本（元）', 'Cost per grant (yuan)'),
      expiryDays: t('有效期（天，0 为不过期）', 'Expiry (days, 0 = none)'),
      notifyBeforeHours: t('到期前提醒（小时，0 为不等待）', 'Notice before expiry (hours, 0 = none)'),
    },
    options: { kind: BENEFIT_KIND_LABELS },
    choose: { productId: 'products' },
  },
  summary: (d, lang: Lang) => {
    const parts = [`${BENEFIT_KIND_LABELS[d.kind][lang]} ${d.benefitCode}`];
    if (d.expiryDays > 0) parts.push(lang === 'zh' ? `${d.expiryDays} 天` : `${d.expiryDays} d`);
    if (waitsForExpiry(d)) parts.push(lang === 'zh' ? `到期前 ${d.notifyBeforeHours} 小时提醒` : `notice ${d.notifyBeforeHours} h before`);
    if (d.cost > 0) parts.push(`¥${d.cost}`);
    return parts.join(' · ');
  },
});
