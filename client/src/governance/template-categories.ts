import { t, type Text } from '../../../shared/text.js';

/**
 * The template library's categories: a fixed list, so the gallery's filter does not splinter into
 * spellings. The stored value is the Chinese name, as in the built-in templates of flows/; the English
 * label is for display only.
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

/** A category as the user reads it; one stored before the list existed shows as it was written. */
export function categoryLabel(id: string, lang: 'zh' | 'en'): string {
  return TEMPLATE_CATEGORIES.find((c) => c.id === id)?.label[lang] ?? id;
}

/**
 * The default name of a flow made from a template: "名称（副本）" / "Name (copy)", numbered when a flow of
 * that name exists already ("名称（副本 2）"), so the new draft is never mistaken for the template or another copy.
 */
export function copyName(name: string, existing: Iterable<string>, lang: 'zh' | 'en'): string {
  const taken = new Set(existing);
  const suffix = (n: number) => (lang === 'zh' ? `（副本${n > 1 ? ` ${n}` : ''}）` : ` (copy${n > 1 ? ` ${n}` : ''})`);
  for (let n = 1; ; n++) {
    const candidate = `${name}${suffix(n)}`;
    if (!taken.has(candidate)) return candidate;
  }
}
