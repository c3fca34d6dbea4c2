import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { messageScriptSchema } from './script.js';
import { validateFlow } from './validate.js';
import { pathLabel } from './validate/field-labels.js';
import { nodeTitles } from './validate/names.js';
import { zodIssueText, zodIssueTextWithPath } from './zod-messages.js';
import { baseDoc, publicitySms, withData } from './testing/build.js';

/** Messages a user reads: fields named as the editor labels them, never a data path or an internal id. */
const INTERNAL = /touches\[|\w\[\d+\]|\.stage|linkage-\d|\b[a-z]+_[a-z_]+\b:|Too (big|small)|expected (string|number)/;

describe('message builder', () => {
  test('a path reads as the inspector labels it', () => {
    expect(pathLabel(['touches', 2, 'stage'])).toEqual({ zh: '第 3 个触点 · 阶段', en: 'Touch 3 · stage' });
    expect(pathLabel(['lanes', 0, 'followUps', 1, 'script', 'template'])).toEqual({ zh: '第 1 条并行线路 · 第 2 个后续触点 · 话术 · 消息内容', en: 'Lane 1 · Follow-up 2 · script · message text' });
    expect(pathLabel(['period', 'end']).zh).toBe('活动周期 · 结束日期');
    expect(pathLabel([]).zh).toBe('');
  });

  test('a too-long SMS template says how long it may be, in each language', () => {
    const r = messageScriptSchema.safeParse({ kind: 'message', template: 'x'.repeat(5000), replyKeywords: [], secondConfirmation: false });
    expect(r.success).toBe(false);
    const text = zodIssueTextWithPath(r.error!.issues[0]!, ['touches', 0, 'script']);
    expect(text.zh).toBe('第 1 个触点 · 话术 · 消息内容：不能超过 1000 个字');
    expect(text.en).toBe('Touch 1 · script · message text: must not be longer than 1000 characters');
  });

  test('empty text and numbers out of range', () => {
    const empty = z.string().min(1).safeParse('');
    expect(zodIssueText(empty.error!.issues[0]!)).toEqual({ zh: '不能为空', en: 'must not be empty' });
    const neg = z.number().min(0).safeParse(-5);
    expect(zodIssueText(neg.error!.issues[0]!)).toEqual({ zh: '不能小于 0', en: 'must be at least 0' });
  });

  test('a schema\'s own `中文 / English` message gives each language its half, around the field name and format note', () => {
    const refused = z.object({ code: z.string().regex(/^[a-z]+$/, '仅小写字母 / lower-case letters only') }).safeParse({ code: 'A1' });
    expect(zodIssueText(refused.error!.issues[0]!)).toEqual({ zh: '格式无效（仅小写字母）', en: 'has the wrong format (lower-case letters only)' });
    const custom = z.number().refine((n) => n % 2 === 0, { message: '须为偶数 / must be even' }).safeParse(3);
    expect(zodIssueTextWithPath(custom.error!.issues[0]!, ['period', 'end'])).toEqual({ zh: '活动周期 · 结束日期：须为偶数', en: 'period · end date: must be even' });
  });

  test('nodes are named by title, numbered when a flow has several of a type', () => {
    const titles = nodeTitles([{ id: 'a', type: 'linkage' }, { id: 'seg', type: 'segment' }, { id: 'b', type: 'linkage' }]);
    expect(titles.get('a')!.zh).toBe('渠道联动 1');
    expect(titles.get('b')!.en).toBe('Channel linkage 2');
    expect(titles.get('seg')!.zh).toBe('目标客群');
  });

  test('validation messages of a broken document carry no data path or node id', () => {
    const sms = publicitySms();
    const bad = withData(baseDoc(), 'pub', { ...sms, stage: 'nope', script: { ...sms.script, template: 'x'.repeat(1200) } });
    const issues = validateFlow(bad);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i.message.zh).not.toMatch(INTERNAL);
      expect(i.message.en).not.toMatch(INTERNAL);
      expect(i.message.zh).not.toContain('「pub」');
    }
  });
});
