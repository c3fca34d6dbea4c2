import type { z } from 'zod';
import { zodIssueText } from '../../shared/flow/zod-messages.js';
import type { Text } from '../../shared/text.js';

/**
 * What is wrong with a body another system posted (a platform's report or reply, an operator's answer, the
 * dialer's pull, an event), one entry per zod issue, the field named by its path in the body — what that
 * system's developers see, not an editor label — and `whole` when the issue is about the body itself.
 */
function issues(err: z.ZodError, whole: string): Text[] {
  return err.issues.map((iss) => {
    const field = iss.path.map(String).join('.') || whole;
    const text = zodIssueText(iss);
    return { zh: `${field}：${text.zh}`, en: `${field}: ${text.en}` };
  });
}

/** Each problem on its own, `field：中文 / field: English`. */
export const fieldProblems = (err: z.ZodError, whole: string): string[] => issues(err, whole).map((p) => `${p.zh} / ${p.en}`);

/** All the problems as one `中文 / English` message (`a：…；b：… / a: …; b: …`). */
export function fieldProblemsMessage(err: z.ZodError, whole: string): string {
  const all = issues(err, whole);
  return `${all.map((p) => p.zh).join('；')} / ${all.map((p) => p.en).join('; ')}`;
}
