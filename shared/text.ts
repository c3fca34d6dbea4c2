/** A user-visible string in both UI languages. zh-CN is the default language of Linkage. */
export interface Text {
  zh: string;
  en: string;
}

export type Lang = 'zh' | 'en';

export const t = (zh: string, en: string): Text => ({ zh, en });
