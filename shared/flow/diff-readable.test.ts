import { describe, expect, test } from 'vitest';
import { fixtureFlow } from '../../tests/integration/governance/fixture-flow.js';
import type { Lang, Text } from '../text.js';
import { parsePath } from './diff.js';
import { readableDiff, type ReadableDiff, type ReadableField } from './diff-readable.js';

/** One line per change, in one language, as the approval page prints it. */
function lines(d: ReadableDiff, lang: Lang): string[] {
  const v = (x: Text | null) => (x ? x[lang] : '—');
  const field = (f: ReadableField) => `${f.label[lang]}: ${v(f.before)} → ${v(f.after)}`;
  return [
    ...d.document.map(field),
    ...d.nodes.flatMap((n) => [`${n.kind} ${n.title[lang]}`, ...n.fields.map((f) => `  ${field(f)}`)]),
    ...d.edges.flatMap((e) => [`${e.kind} ${e.title[lang]}`, ...e.fields.map((f) => `  ${field(f)}`)]),
  ];
}

const base = fixtureFlow('f', 'gz', { city: 'gz', smsText: '尊敬的客户，10GB 流量包仅需 30 元，回复 1 订购。' });
const segData = (d: typeof base) => d.nodes[0]!.data as { conditions: { rules: { field: string; op: string; value: unknown }[] }; controlGroupPct: number };
const smsData = (d: typeof base) => d.nodes[1]!.data as { channel: string; timeoutHours: number; script: { template: string } };

describe('readableDiff', () => {
  test('a changed condition and message text read as old → new, with field labels and no ids or paths (zh and en)', () => {
    const after = structuredClone(base);
    segData(after).conditions.rules.push({ field: 'age', op: 'between', value: [20, 49] });
    smsData(after).script.template = '新春特惠：10GB 流量包 25 元，回复 1 订购。';
    smsData(after).timeoutHours = 24;
    smsData(after).channel = 'bulk_sms';
    after.goal.budget = 2000;
    after.priority = 60;
    const d = readableDiff(base, after);
    expect(lines(d, 'zh')).toEqual([
      '活动目标 · 预算: 1000 元 → 2000 元',
      '优先级: 50 → 60',
      'changed 目标客群',
      '  筛选条件: 智能机：是 且 地市 属于 广州分公司 → 智能机：是 且 地市 属于 广州分公司 且 年龄 介于 20–49 岁',
      'changed 话术步骤',
      '  渠道: 短信营业厅 → 群发端口',
      '  话术 · 消息内容: 尊敬的客户，10GB 流量包仅需 30 元，回复 1 订购。 → 新春特惠：10GB 流量包 25 元，回复 1 订购。',
      '  响应超时: 48 小时 → 24 小时',
    ]);
    expect(lines(d, 'en')).toEqual([
      'goal · budget: 1000 CNY → 2000 CNY',
      'priority: 50 → 60',
      'changed Segment',
      '  conditions: Smartphone: yes and City is one of Guangzhou branch → Smartphone: yes and City is one of Guangzhou branch and Age between 20 and 49 years',
      'changed Script step',
      '  channel: SMS business hall → Bulk SMS port',
      '  script · message text: 尊敬的客户，10GB 流量包仅需 30 元，回复 1 订购。 → 新春特惠：10GB 流量包 25 元，回复 1 订购。',
      '  response timeout: 48 hours → 24 hours',
    ]);
  });

  test('added and removed nodes and edges are named by titles and port labels', () => {
    const after = structuredClone(base);
    after.nodes = after.nodes.filter((n) => n.id !== 'lost');
    after.nodes.push({ id: 'wait-1', type: 'wait', position: { x: 1, y: 1 }, data: { mode: 'duration', hours: 48 } });
    after.edges = after.edges.filter((e) => e.id !== 'e4');
    after.edges.push({ id: 'e5', source: 'sms', sourceHandle: 'no_response', target: 'wait-1' }, { id: 'e6', source: 'wait-1', sourceHandle: 'out', target: 'done' });
    const d = readableDiff(base, after);
    const zh = lines(d, 'zh').join('\n');
    expect(d.nodes.map((n) => [n.kind, n.title.zh])).toEqual([['added', '等待'], ['removed', '结束 3']]);
    expect(d.edges.map((e) => [e.kind, e.title.zh])).toEqual([
      ['added', '话术步骤「未响应」→ 等待'],
      ['added', '等待「下一步」→ 结束 2'],
      ['removed', '话术步骤「未响应」→ 结束 3'],
    ]);
    expect(d.edges.map((e) => e.title.en)).toEqual(['Script step "No response" → Wait', 'Wait "Next" → End 2', 'Script step "No response" → End 3']);
    expect(zh).not.toMatch(/wait-1|e5|no_response|data\./);
  });

  test('a changed wait reads as its summary; a rewired edge shows both ends', () => {
    const before = structuredClone(base);
    before.nodes.push({ id: 'w', type: 'wait', position: { x: 1, y: 1 }, data: { mode: 'duration', hours: 48 } });
    const after = structuredClone(before);
    after.nodes[5]!.data = { mode: 'duration', hours: 6 };
    after.edges[1]!.target = 'done';
    const d = readableDiff(before, after);
    const wait = d.nodes.find((n) => n.title.zh === '等待')!;
    expect(wait.fields).toHaveLength(1);
    expect(wait.fields[0]!.before!.zh).not.toEqual(wait.fields[0]!.after!.zh);
    expect(d.edges[0]!.fields[0]).toMatchObject({ before: { zh: '话术步骤「成功办理」→ 结束 1' }, after: { zh: '话术步骤「成功办理」→ 结束 2' } });
  });

  test('a first submission lists every node with its conditions and message text', () => {
    const d = readableDiff(null, base);
    expect(d.nodes.every((n) => n.kind === 'added')).toBe(true);
    const seg = d.nodes.find((n) => n.title.zh === '目标客群')!;
    expect(seg.fields.map((f) => f.after?.zh)).toContain('智能机：是 且 地市 属于 广州分公司');
    const sms = d.nodes.find((n) => n.title.zh === '话术步骤')!;
    expect(sms.fields.map((f) => f.after?.zh)).toContain('尊敬的客户，10GB 流量包仅需 30 元，回复 1 订购。');
  });

  test('a benefit node reads by its own field and option labels, and an added one names its product', () => {
    const benefit = { kind: 'trial_data', benefitCode: 'TRIAL-5G-3D', productId: 'dp_10g', cost: 1, expiryDays: 3, notifyBeforeHours: 24 };
    const before = structuredClone(base);
    before.nodes.push({ id: 'gift', type: 'benefit', position: { x: 1, y: 1 }, data: benefit });
    const added = readableDiff(base, before).nodes.find((n) => n.kind === 'added')!;
    expect(added.title).toEqual({ zh: '发放权益', en: 'Grant benefit' });
    expect(added.fields.map((f) => `${f.label.zh}: ${f.after?.zh}`)).toEqual(['设置: 流量体验包 TRIAL-5G-3D · 3 天 · 到期前 24 小时提醒 · ¥1', '对应产品: 10GB 流量加油包']);

    const after = structuredClone(before);
    after.nodes[5]!.data = { ...benefit, kind: 'coupon', cost: 2.5 };
    const changed = readableDiff(before, after).nodes.find((n) => n.kind === 'changed')!;
    expect(changed.fields.map((f) => `${f.label.zh}: ${f.before?.zh} → ${f.after?.zh}`)).toEqual(['权益类型: 流量体验包 → 优惠券', '每次发放成本（元）: 1 → 2.5']);
    expect(changed.fields.map((f) => `${f.label.en}: ${f.before?.en} → ${f.after?.en}`)).toEqual(['Benefit kind: Trial data pack → Coupon', 'Cost per grant (yuan): 1 → 2.5']);
  });

  test('parsePath inverts the diff paths', () => {
    expect(parsePath('data.touches[0].script.template')).toEqual(['data', 'touches', 0, 'script', 'template']);
    expect(parsePath('name')).toEqual(['name']);
  });
});
