import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang, Text } from '../../../shared/text.js';
import { en } from './en.js';
import { zh } from './zh.js';

const STORAGE_KEY = 'linkage.lang';
const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

export function setLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  void i18n.changeLanguage(lang);
}

/** The current UI language, and a picker for shared `Text` values (node labels, catalogue names). */
export function useLang(): { lang: Lang; pick: (text: Text) => string } {
  const { i18n: inst } = useTranslation();
  const lang: Lang = inst.language === 'en' ? 'en' : 'zh';
  return { lang, pick: (text: Text) => text[lang] };
}

export default i18n;
