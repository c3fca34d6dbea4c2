import { z } from 'zod';
import { t, type Text } from '../text.js';
import demo from './demo-catalogue.json';

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
  /** First and last day (YYYY-MM-DD) the offer may be sold; null = open-ended. */
  validFrom: string | null;
  validTo: string | null;
}

/**
 * The product catalogue (产品目录); scripts fill `{product}` and `{price}` from it. Refilled in place by
 * `setCatalogue`; the demo seed until a process loads its store's catalogue.
 */
export const PRODUCTS: readonly ProductDef[] = [...(demo.products as ProductDef[])];

export const PRODUCT_BY_ID = Object.fromEntries(PRODUCTS.map((p) => [p.id, p])) as Record<string, ProductDef>;
