import { z } from 'zod';
import { t, type Text } from '../text.js';

export const PRODUCT_CATEGORIES = ['data_pack', 'plan_5g', 'broadband', 'handset', 'vas'] as const;
export const productCategorySchema = z.enum(PRODUCT_CATEGORIES);
export type ProductCategory = z.infer<typeof productCategorySchema>;

export const PRODUCT_CATEGORY_LABELS: Record<ProductCategory, Text> = {
  data_pack: t('流量包', 'Data pack'),
  plan_5g: t('5G 套餐', '5G plan'),
  broadband: t('宽带融合', 'Broadband bundle'),
  handset: t('终端合约', 'Handset'),
  vas: t('增值业务', 'Value-added service'),
};

export interface ProductDef {
  id: string;
  name: Text;
  category: ProductCategory;
  /** Monthly fee or one-off price, yuan. */
  price: number;
}

/** The product catalogue (产品目录); scripts fill `{product}` and `{price}` from it. */
export const PRODUCTS: readonly ProductDef[] = [
  { id: 'dp_10g', name: t('10GB 流量加油包', '10 GB data top-up'), category: 'data_pack', price: 30 },
  { id: 'dp_night', name: t('夜间 20GB 流量包', 'Night-time 20 GB pack'), category: 'data_pack', price: 15 },
  { id: 'dp_video', name: t('视频定向流量包', 'Video streaming pack'), category: 'data_pack', price: 20 },
  { id: 'p5g_128', name: t('5G 畅享 128 元套餐', '5G Enjoy 128 plan'), category: 'plan_5g', price: 128 },
  { id: 'p5g_198', name: t('5G 智享 198 元套餐', '5G Smart 198 plan'), category: 'plan_5g', price: 198 },
  { id: 'p5g_youth', name: t('5G 青春卡', '5G Youth card'), category: 'plan_5g', price: 59 },
  { id: 'bb_family', name: t('千兆宽带家庭融合套餐', 'Gigabit home bundle'), category: 'broadband', price: 169 },
  { id: 'bb_300m', name: t('300M 宽带 + 手机融合', '300M broadband + mobile'), category: 'broadband', price: 99 },
  { id: 'hs_5g_mid', name: t('5G 中端合约机', '5G mid-range contract handset'), category: 'handset', price: 1999 },
  { id: 'hs_senior', name: t('老年关爱手机', 'Senior care handset'), category: 'handset', price: 399 },
  { id: 'vas_video', name: t('视频彩铃', 'Video ringback tone'), category: 'vas', price: 10 },
  { id: 'vas_cloud', name: t('和彩云 200GB', 'Cloud drive 200 GB'), category: 'vas', price: 15 },
  { id: 'vas_music', name: t('咪咕音乐会员', 'Migu music membership'), category: 'vas', price: 12 },
];

export const PRODUCT_BY_ID = Object.fromEntries(PRODUCTS.map((p) => [p.id, p])) as Record<string, ProductDef>;
