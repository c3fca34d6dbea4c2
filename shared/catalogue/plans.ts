import { t, type Text } from '../text.js';

/** Tariff plans subscribers are on today (not offers: offers are in products.ts). */
export const PLAN_IDS = ['basic_18', 'lite_38', 'plan_58', 'plan_88', 'plan_128_5g', 'plan_198_5g', 'senior_18', 'campus_29'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const PLAN_LABELS: Record<PlanId, Text> = {
  basic_18: t('18 元保号套餐', 'Basic 18'),
  lite_38: t('38 元轻享套餐', 'Lite 38'),
  plan_58: t('58 元畅聊套餐', 'Talk 58'),
  plan_88: t('88 元全家享', 'Family 88'),
  plan_128_5g: t('5G 128 元套餐', '5G 128'),
  plan_198_5g: t('5G 198 元套餐', '5G 198'),
  senior_18: t('18 元夕阳红卡', 'Senior 18'),
  campus_29: t('29 元校园卡', 'Campus 29'),
};

/** Monthly data allowance per plan, MB. */
export const PLAN_ALLOWANCE_MB: Record<PlanId, number> = {
  basic_18: 1024, lite_38: 5120, plan_58: 10240, plan_88: 20480,
  plan_128_5g: 40960, plan_198_5g: 81920, senior_18: 1024, campus_29: 15360,
};

export const PLAN_FEE: Record<PlanId, number> = {
  basic_18: 18, lite_38: 38, plan_58: 58, plan_88: 88, plan_128_5g: 128, plan_198_5g: 198, senior_18: 18, campus_29: 29,
};
