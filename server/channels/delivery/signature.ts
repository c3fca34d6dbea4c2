/** The signature in 【】 before the text (operators require it on every commercial SMS), unless the text already carries it. */
export const signed = (text: string, signature: string | undefined): string => {
  const sig = signature?.trim();
  if (!sig) return text;
  const tag = sig.startsWith('【') ? sig : `【${sig}】`;
  return text.includes(tag) ? text : `${tag}${text}`;
};
