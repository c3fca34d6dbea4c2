import { t, type Text } from '../text.js';

export interface OrgUnitDef {
  id: string;
  name: Text;
  parent: string | null;
  /** Share of subscribers living in this city (cities only). */
  share?: number;
}

/** One province company and its city companies. Flows and users belong to one unit. */
export const ORG_UNITS: readonly OrgUnitDef[] = [
  { id: 'province', name: t('省公司', 'Province company'), parent: null },
  { id: 'gz', name: t('广州分公司', 'Guangzhou branch'), parent: 'province', share: 0.34 },
  { id: 'sz', name: t('深圳分公司', 'Shenzhen branch'), parent: 'province', share: 0.28 },
  { id: 'fs', name: t('佛山分公司', 'Foshan branch'), parent: 'province', share: 0.16 },
  { id: 'dg', name: t('东莞分公司', 'Dongguan branch'), parent: 'province', share: 0.14 },
  { id: 'zh', name: t('珠海分公司', 'Zhuhai branch'), parent: 'province', share: 0.08 },
];

export const CITY_IDS = ORG_UNITS.filter((u) => u.parent).map((u) => u.id);
