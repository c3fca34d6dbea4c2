import { TEMPLATE_CATEGORIES } from '../../../shared/governance/template-categories.js';

export { TEMPLATE_CATEGORIES };

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
