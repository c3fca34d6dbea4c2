import type { ZodError } from 'zod';
import { zodIssueText, zodIssueTextWithPath } from '../../shared/flow/zod-messages.js';

/**
 * An input that failed its schema, as the client shows every server message: `中文 / English`, each issue
 * naming its field as the editor labels it (or by its key, for API fields the editor has no label for),
 * never zod's JSON dump of the issues.
 */
export function zodErrorMessage(err: ZodError): string {
  const zh: string[] = [];
  const en: string[] = [];
  for (const iss of err.issues) {
    const labelled = zodIssueTextWithPath(iss);
    const bare = zodIssueText(iss);
    const key = iss.path.map(String).join('.');
    // zodIssueTextWithPath adds a label only when it knows the field.
    const named = labelled.zh !== bare.zh || !key ? labelled : { zh: `${key}：${bare.zh}`, en: `${key}: ${bare.en}` };
    zh.push(named.zh);
    en.push(named.en);
  }
  return `${zh.join('；')} / ${en.join('; ')}`;
}
