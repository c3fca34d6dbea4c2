import type { Text } from '../../shared/text.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * The most common passwords of breach corpora that are 10+ characters long (shorter ones fail on length
 * anyway), and what people type on this product: an attacker tries these first. Compared lowercased.
 */
const COMMON = new Set([
  '1234567890', '0123456789', '12345678910', '1234567891', '123456789a', 'a123456789', '1q2w3e4r5t', 'qwertyuiop',
  'qwerty1234', 'qwerty12345', '1qaz2wsx3edc', 'zaq12wsxcv', 'password12', 'password123', 'password1!', 'password1234',
  'p@ssw0rd123', 'p@ssword123', 'passw0rd123', 'iloveyou12', 'iloveyou123', 'abc1234567', 'abcd123456', 'abcdefghij',
  'aa12345678', 'aaaaaaaaaa', '1111111111', '0000000000', '5201314520', '5201314000', '1314520520', 'woaini1314',
  'woaini520', 'qq123456789', 'asdfghjkl1', 'asdfghjkl;', 'zxcvbnm123', '!qaz2wsx#edc', 'welcome123', 'welcome1234',
  'admin12345', 'admin123456', 'administrator', 'changeme123', 'letmein123', 'football123', 'monkey1234', 'dragon1234',
  'sunshine123', 'princess123', 'baseball123', 'trustno1234', 'linkage2026', 'linkage@2026', 'linkage123', 'linkage1234',
  'marketing123', 'china123456', 'chinamobile', 'chinamobile1', 'huawei12345', 'a1234567890', 'qwe1234567', 'qweasdzxc123',
]);

/** Why a new password is refused (zh and en), or null when it is acceptable. */
export function passwordProblem(password: string, username: string): Text | null {
  if (password.length < MIN_PASSWORD_LENGTH) return { zh: `密码至少 ${MIN_PASSWORD_LENGTH} 位`, en: `A password needs at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.length > MAX_PASSWORD_LENGTH) return { zh: `密码最多 ${MAX_PASSWORD_LENGTH} 位`, en: `A password has at most ${MAX_PASSWORD_LENGTH} characters` };
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return { zh: '这是常见的弱密码，请换一个', en: 'This is one of the most common passwords; choose another' };
  if (/^(.)\1+$/.test(password)) return { zh: '密码不能由同一个字符组成', en: 'A password cannot be one character repeated' };
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return { zh: '密码不能包含用户名', en: 'A password cannot contain the user name' };
  return null;
}
