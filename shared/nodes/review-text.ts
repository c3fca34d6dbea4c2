import { t, type Text } from '../text.js';

/**
 * A script as a reviewer reads it: a message's text, or an agent script's opening / offer / closing.
 * Takes raw data too, because the approval diff also prints touches inside lists it does not parse.
 */
export function scriptText(script: object): Text {
  const s = script as Record<string, unknown>;
  const text = s.kind === 'message' ? String(s.template ?? '') : ['opening', 'offer', 'closing'].map((k) => String(s[k] ?? '')).join(' / ');
  return t(text, text);
}
