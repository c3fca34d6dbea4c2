import { t, type Text } from '../text.js';

/**
 * The template library's categories: a fixed list, so the gallery's filter does not splinter into
 * spellings. The stored value is the Chinese name, as in the built-in templates of flows/; the English
 * label is for display only. The server refuses any other category on publish.
 */
export const TEMPLATE_CATEGORIES: readonly { id: string; label: Text }[] = [
  { id: '流量经营', label: t('流量经营', 'Data usage') },
  { id: '宽带融合', label: t('宽带融合', 'Broadband bundles') },
  { id: '新品上市', label: t('新品上市', 'New product launch') },
  { id: '沉默唤醒', label: t('沉默唤醒', 'Win back dormant customers') },
  { id: '存量保有', label: t('存量保有', 'Retention') },
  { id: '实时营销', label: t('实时营销', 'Real-time marketing') },
  { id: '终端营销', label: t('终端营销', 'Handset sales') },
  { id: '话术测试', label: t('话术测试', 'Script testing') },
  { id: '其他', label: t('其他', 'Other') },
];

export const isTemplateCategory = (id: string): boolean => TEMPLATE_CATEGORIES.some((c) => c.id === id);
