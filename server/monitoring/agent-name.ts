/**
 * Role words that accounts carry in their display names ("刘坐席", "王策划", "Agent Liu"): right for a menu,
 * wrong in a script the customer hears ("我是中国移动客户经理刘坐席").
 */
const ROLE_WORDS_ZH = ['坐席', '营业员', '客户经理', '策划', '主管', '审核', '培训', '管理员', '管理'];
const ROLE_WORDS_EN = /\b(agent|planner|supervisor|trainer|admin)\b/gi;

/**
 * How an agent introduces themselves in a script (`{agent}`): the display name without the role word.
 * A surname left on its own reads as 小 + surname ("小刘"), as agents say it on the phone.
 */
export function agentCallName(displayName: string): string {
  let name = displayName.trim();
  for (const word of ROLE_WORDS_ZH) {
    if (name.length > word.length && name.endsWith(word)) { name = name.slice(0, -word.length); break; }
  }
  name = name.replace(ROLE_WORDS_EN, ' ').replace(/\s+/g, ' ').trim();
  if (!name) return displayName.trim();
  return /^\p{Script=Han}$/u.test(name) ? `小${name}` : name;
}
