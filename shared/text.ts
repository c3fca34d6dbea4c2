/** A user-visible string in both UI languages. zh-CN is the default language of Linkage. */
export interface Text {
  zh: string;
  en: string;
}

export type Lang = 'zh' | 'en';

export const t = (zh: string, en: string): Text => ({ zh, en });

/** The halves of a `中文 / English` message, as the server writes them; a message without ` / ` reads the same in both. */
export function bilingualHalves(message: string): Text {
  const i = message.indexOf(' / ');
  return i < 0 ? { zh: message, en: message } : { zh: message.slice(0, i), en: message.slice(i + 3) };
}
